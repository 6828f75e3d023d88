package org.comity.node.writer.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.comity.node.request.Instrument;
import org.comity.node.request.RequestDetail;
import org.comity.node.request.RequestDocument;
import org.comity.node.writer.Sheet;
import org.comity.node.writer.Sheet.Entry;
import org.comity.node.writer.Sheet.Section;
import org.comity.node.writer.SignOff;
import org.comity.node.writer.Translation;
import org.springframework.context.MessageSource;

/** Lays a request out as a {@link Sheet} in its own language or its translation's, with labels from the message bundles. */
final class Sheets {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final MessageSource messages;

    Sheets(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * @param translation the translation to print, or null for the original
     */
    Sheet of(RequestDetail detail, Translation translation, Optional<SignOff> signOff, boolean signedOff, String digest) {
        RequestDocument d = detail.document();
        String language = translation == null ? (d.language() == null ? "en" : d.language()) : translation.language();
        Locale locale = Locale.forLanguageTag(language);
        Function<String, String> msg = key -> messages.getMessage(key, null, key, locale);
        Function<String, String> text = path -> translation == null ? original(d, path) : translation.text(path);
        Instrument instrument = detail.instrument();

        List<Section> sections = new ArrayList<>();
        List<Entry> basis = new ArrayList<>();
        basis.add(Entry.text(msg.apply("request.instrument"), instrument.citation() + " — " + msg.apply("instrument." + instrument.id())));
        basis.add(Entry.text(msg.apply("request.requestingAuthority"), detail.summary().requestingAuthorityName()));
        basis.add(Entry.text(msg.apply("request.requestedAuthority"), detail.summary().requestedAuthorityName()));
        basis.add(Entry.text(msg.apply("request.urgency"), msg.apply("urgency." + d.urgency())));
        add(basis, msg.apply("request.urgencyReason"), text.apply("urgencyReason"), false);
        add(basis, msg.apply("request.nationalReference"), d.nationalReference(), true);
        add(basis, msg.apply("request.replyLanguages"), String.join(", ", d.replyLanguages()), true);
        sections.add(new Section(msg.apply("writer.pdf.basis"), basis));

        List<Entry> offences = new ArrayList<>();
        for (int i = 0; i < d.offences().size(); i++) {
            RequestDocument.Offence o = d.offences().get(i);
            add(offences, msg.apply("offence.name"), text.apply("offences[" + i + "].name"), false);
            add(offences, msg.apply("offence.legalProvision"), o.legalProvision(), false);
            add(offences, msg.apply("offence.maximumPenalty"), text.apply("offences[" + i + "].maximumPenalty"), false);
        }
        add(offences, msg.apply("request.summaryOfFacts"), text.apply("summaryOfFacts"), false);
        add(offences, msg.apply("request.relevance"), text.apply("relevance"), false);
        add(offences, msg.apply("request.emergencyFacts"), text.apply("emergencyFacts"), false);
        sections.add(new Section(msg.apply("writer.pdf.case"), offences));

        List<Entry> sought = new ArrayList<>();
        for (int i = 0; i < d.subjects().size(); i++) {
            RequestDocument.Subject s = d.subjects().get(i);
            String what = (s.kind() == null ? "" : msg.apply("subject.kind." + s.kind())) + (s.role() == null ? "" : " · " + msg.apply("subject.role." + s.role()));
            add(sought, what.isBlank() ? msg.apply("writer.pdf.subject") : what, s.name(), false);
            add(sought, msg.apply("form.identifiers"), identifiers(s.identifiers()), true);
            add(sought, msg.apply("writer.pdf.details"), text.apply("subjects[" + i + "].details"), false);
        }
        for (int i = 0; i < d.dataSought().size(); i++) {
            RequestDocument.DataSought s = d.dataSought().get(i);
            add(sought, s.category() == null ? msg.apply("data.category") : msg.apply("data.category." + s.category()),
                    text.apply("dataSought[" + i + "].description"), false);
            add(sought, msg.apply("form.identifiers"), identifiers(s.identifiers()), true);
            if (s.from() != null || s.to() != null) {
                add(sought, msg.apply("writer.pdf.period"), (s.from() == null ? "…" : s.from().toString()) + " – " + (s.to() == null ? "…" : s.to().toString()), true);
            }
            add(sought, msg.apply("data.custodian"), s.custodian(), false);
            add(sought, msg.apply("data.location"), s.location(), false);
        }
        for (int i = 0; i < d.measures().size(); i++) {
            RequestDocument.Measure m = d.measures().get(i);
            add(sought, m.type() == null ? msg.apply("measure.description") : msg.apply("measure." + m.type()), text.apply("measures[" + i + "].description"), false);
        }
        sections.add(new Section(msg.apply("writer.pdf.sought"), sought));

        List<Entry> grounds = new ArrayList<>();
        add(grounds, msg.apply("request.necessityAndProportionality"), text.apply("necessityAndProportionality"), false);
        add(grounds, msg.apply("request.procedureRequirements"), text.apply("procedureRequirements"), false);
        if (Boolean.TRUE.equals(d.followUpMlaIntended())) {
            grounds.add(Entry.text(msg.apply("request.followUpMlaIntended"), msg.apply("writer.pdf.yes")));
        }
        grounds.add(Entry.text(msg.apply("request.confidentiality"), msg.apply("confidentiality." + d.confidentiality())));
        add(grounds, msg.apply("request.confidentialityNote"), text.apply("confidentialityNote"), false);
        sections.add(new Section(msg.apply("writer.pdf.grounds"), grounds));

        String signLine = signOff.filter(s -> signedOff)
                .map(s -> messages.getMessage("writer.pdf.signed-off", new Object[] {s.signerName(), s.authorityName(), WHEN.format(s.signedAt()),
                        String.valueOf(s.requestVersion())}, locale))
                .orElseGet(() -> msg.apply("writer.pdf.not-signed-off"));
        String footer = messages.getMessage("writer.pdf.footer", new Object[] {detail.summary().reference(), digest.substring(0, 16),
                translation == null ? msg.apply("writer.pdf.original") : msg.apply("writer.pdf.translation")}, locale);
        String title = text.apply("title");
        return new Sheet(language, title.isBlank() ? msg.apply("request.untitled") : title,
                detail.summary().reference() + " · " + instrument.citation(), sections, signLine, footer);
    }

    private static void add(List<Entry> entries, String label, String value, boolean literal) {
        if (value != null && !value.isBlank()) {
            entries.add(literal ? Entry.literal(label, value) : Entry.text(label, value));
        }
    }

    private static String identifiers(List<RequestDocument.Identifier> ids) {
        return ids.stream().map(RequestDocument.Identifier::value).collect(Collectors.joining(" · "));
    }

    /** The original text at a translatable path. */
    static String original(RequestDocument d, String path) {
        return Translation.translatable(d).getOrDefault(path, "");
    }
}
