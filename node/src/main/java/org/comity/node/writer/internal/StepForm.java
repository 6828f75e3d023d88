package org.comity.node.writer.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.comity.node.request.Confidentiality;
import org.comity.node.request.DataCategory;
import org.comity.node.request.MeasureType;
import org.comity.node.request.IdentifierLines;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.SubjectKind;
import org.comity.node.request.SubjectRole;
import org.comity.node.request.Urgency;
import org.comity.node.writer.Translation;
import org.springframework.util.MultiValueMap;

/**
 * What one step's form posts, merged into the draft's document: each step replaces only its own
 * fields, and blank rows of a list are dropped (the page always offers one blank row to add).
 */
final class StepForm {

    static final int MAX_ROWS = 20;

    private final MultiValueMap<String, String> form;

    StepForm(MultiValueMap<String, String> form) {
        this.form = form;
    }

    RequestDocument apply(Step step, RequestDocument d) {
        return switch (step) {
            case SITUATION -> new RequestDocument(d.instrument(), d.requestingAuthority(), uuid("requestedAuthority", d.requestedAuthority()),
                    enumOf(Urgency.class, "urgency", d.urgency()), text("urgencyReason"), text("title"), d.nationalReference(), text("language"),
                    d.replyLanguages(), d.offences(), d.summaryOfFacts(), d.relevance(), d.subjects(), d.dataSought(), d.measures(),
                    d.necessityAndProportionality(), d.procedureRequirements(), d.confidentiality(), d.confidentialityNote(), d.followUpMlaIntended(),
                    d.emergencyFacts(), d.relatedRequest());
            case REQUIREMENTS -> new RequestDocument(d.instrument(), d.requestingAuthority(), d.requestedAuthority(), d.urgency(), d.urgencyReason(),
                    d.title(), d.nationalReference(), d.language(), languages("replyLanguages"), d.offences(), d.summaryOfFacts(), d.relevance(),
                    d.subjects(), d.dataSought(), d.measures(), d.necessityAndProportionality(), d.procedureRequirements(), d.confidentiality(),
                    d.confidentialityNote(), d.followUpMlaIntended(), d.emergencyFacts(), d.relatedRequest());
            case CASE -> new RequestDocument(d.instrument(), d.requestingAuthority(), d.requestedAuthority(), d.urgency(), d.urgencyReason(),
                    d.title(), text("nationalReference"), d.language(), d.replyLanguages(), offences(), text("summaryOfFacts"), text("relevance"),
                    d.subjects(), d.dataSought(), d.measures(), d.necessityAndProportionality(), d.procedureRequirements(), d.confidentiality(),
                    d.confidentialityNote(), d.followUpMlaIntended(), text("emergencyFacts"), d.relatedRequest());
            case SOUGHT -> new RequestDocument(d.instrument(), d.requestingAuthority(), d.requestedAuthority(), d.urgency(), d.urgencyReason(),
                    d.title(), d.nationalReference(), d.language(), d.replyLanguages(), d.offences(), d.summaryOfFacts(), d.relevance(),
                    subjects(), dataSought(), measures(), d.necessityAndProportionality(), text("procedureRequirements"), d.confidentiality(),
                    d.confidentialityNote(), form.containsKey("followUpMlaIntended") ? Boolean.TRUE : null, d.emergencyFacts(), d.relatedRequest());
            case NECESSITY -> new RequestDocument(d.instrument(), d.requestingAuthority(), d.requestedAuthority(), d.urgency(), d.urgencyReason(),
                    d.title(), d.nationalReference(), d.language(), d.replyLanguages(), d.offences(), d.summaryOfFacts(), d.relevance(),
                    d.subjects(), d.dataSought(), d.measures(), text("necessityAndProportionality"), d.procedureRequirements(),
                    enumOf(Confidentiality.class, "confidentiality", d.confidentiality()), text("confidentialityNote"), d.followUpMlaIntended(),
                    d.emergencyFacts(), d.relatedRequest());
            case TRANSLATION, REVIEW -> d;
        };
    }

    /** The translation step: the language chosen and the text of each field posted as {@code t:<path>}. */
    Translation translation(String language) {
        Map<String, String> texts = new LinkedHashMap<>();
        form.forEach((key, values) -> {
            if (key.startsWith("t:") && !values.isEmpty() && values.getFirst() != null && !values.getFirst().isBlank()) {
                texts.put(key.substring(2), values.getFirst().strip());
            }
        });
        return new Translation(language, texts);
    }

    private List<RequestDocument.Offence> offences() {
        return rows(i -> {
            String at = "offences[" + i + "].";
            RequestDocument.Offence o = new RequestDocument.Offence(text(at + "name"), text(at + "legalProvision"), text(at + "maximumPenalty"));
            return o.name() == null && o.legalProvision() == null && o.maximumPenalty() == null ? null : o;
        });
    }

    private List<RequestDocument.Subject> subjects() {
        return rows(i -> {
            String at = "subjects[" + i + "].";
            SubjectKind kind = enumOf(SubjectKind.class, at + "kind", null);
            SubjectRole role = enumOf(SubjectRole.class, at + "role", null);
            List<RequestDocument.Identifier> ids = identifiers(text(at + "identifiers"));
            String name = text(at + "name"), details = text(at + "details");
            return kind == null && role == null && name == null && details == null && ids.isEmpty() ? null
                    : new RequestDocument.Subject(kind, role, name, ids, details);
        });
    }

    private List<RequestDocument.DataSought> dataSought() {
        return rows(i -> {
            String at = "dataSought[" + i + "].";
            DataCategory category = enumOf(DataCategory.class, at + "category", null);
            List<RequestDocument.Identifier> ids = identifiers(text(at + "identifiers"));
            String description = text(at + "description"), custodian = text(at + "custodian"), location = text(at + "location");
            LocalDate from = date(at + "from"), to = date(at + "to");
            return category == null && description == null && custodian == null && location == null && from == null && to == null && ids.isEmpty()
                    ? null : new RequestDocument.DataSought(category, description, ids, from, to, custodian, location);
        });
    }

    private List<RequestDocument.Measure> measures() {
        return rows(i -> {
            String at = "measures[" + i + "].";
            MeasureType type = enumOf(MeasureType.class, at + "type", null);
            String description = text(at + "description");
            return type == null && description == null ? null : new RequestDocument.Measure(type, description);
        });
    }

    private <T> List<T> rows(Function<Integer, T> row) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS; i++) {
            T value = row.apply(i);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private String text(String name) {
        String v = form.getFirst(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private List<String> languages(String name) {
        String v = text(name);
        return v == null ? List.of() : Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isBlank()).map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private UUID uuid(String name, UUID fallback) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private LocalDate date(String name) {
        String v = text(name);
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private <E extends Enum<E>> E enumOf(Class<E> type, String name, E fallback) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /** One identifier a line (see {@link IdentifierLines}). */
    static List<RequestDocument.Identifier> identifiers(String text) {
        return IdentifierLines.parse(text);
    }

    static String lines(List<RequestDocument.Identifier> ids) {
        return IdentifierLines.format(ids);
    }
}
