package org.comity.node.request;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.comity.node.platform.FieldProblem;

/**
 * Format and size checks that apply to every version of a request, drafts included: anything that
 * is there must be well-formed. Completeness is {@link Completeness}'s job. Pure: no I/O.
 */
public final class RequestValidator {

    public static final int SHORT_TEXT = 300;
    public static final int LONG_TEXT = 20_000;
    public static final int MAX_ENTRIES = 50;
    public static final int MAX_IDENTIFIERS = 100;

    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()./-]{2,39}$");
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{1,62}$");
    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private static final Pattern DIGITS = Pattern.compile("^\\d{14,16}$");
    private static final Pattern IMSI = Pattern.compile("^\\d{6,15}$");
    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private RequestValidator() {}

    public static List<FieldProblem> check(RequestDocument d) {
        List<FieldProblem> out = new ArrayList<>();
        length(out, "instrument", d.instrument(), 64);
        length(out, "title", d.title(), 200);
        length(out, "urgencyReason", d.urgencyReason(), 2_000);
        length(out, "nationalReference", d.nationalReference(), 100);
        length(out, "summaryOfFacts", d.summaryOfFacts(), LONG_TEXT);
        length(out, "relevance", d.relevance(), LONG_TEXT);
        length(out, "necessityAndProportionality", d.necessityAndProportionality(), LONG_TEXT);
        length(out, "procedureRequirements", d.procedureRequirements(), LONG_TEXT);
        length(out, "confidentialityNote", d.confidentialityNote(), 2_000);
        length(out, "emergencyFacts", d.emergencyFacts(), LONG_TEXT);
        if (d.language() != null && !d.language().isEmpty() && !LANGUAGE.matcher(d.language()).matches()) {
            out.add(FieldProblem.of("language", "invalid-language", "Use a two- or three-letter language code such as en or ar."));
        }
        count(out, "replyLanguages", d.replyLanguages(), 10);
        for (int i = 0; i < d.replyLanguages().size(); i++) {
            String lang = d.replyLanguages().get(i);
            if (lang == null || !LANGUAGE.matcher(lang).matches()) {
                out.add(FieldProblem.of("replyLanguages[" + i + "]", "invalid-language", "Use a two- or three-letter language code such as en or ar."));
            }
        }
        count(out, "offences", d.offences(), 20);
        for (int i = 0; i < d.offences().size(); i++) {
            RequestDocument.Offence o = d.offences().get(i);
            if (o == null) {
                out.add(FieldProblem.of("offences[" + i + "]", "required", "Remove the empty entry."));
                continue;
            }
            length(out, "offences[" + i + "].name", o.name(), SHORT_TEXT);
            length(out, "offences[" + i + "].legalProvision", o.legalProvision(), SHORT_TEXT);
            length(out, "offences[" + i + "].maximumPenalty", o.maximumPenalty(), 200);
        }
        count(out, "subjects", d.subjects(), MAX_IDENTIFIERS);
        for (int i = 0; i < d.subjects().size(); i++) {
            RequestDocument.Subject s = d.subjects().get(i);
            if (s == null) {
                out.add(FieldProblem.of("subjects[" + i + "]", "required", "Remove the empty entry."));
                continue;
            }
            length(out, "subjects[" + i + "].name", s.name(), SHORT_TEXT);
            length(out, "subjects[" + i + "].details", s.details(), 5_000);
            identifiers(out, "subjects[" + i + "].identifiers", s.identifiers());
        }
        count(out, "dataSought", d.dataSought(), MAX_ENTRIES);
        for (int i = 0; i < d.dataSought().size(); i++) {
            RequestDocument.DataSought s = d.dataSought().get(i);
            String at = "dataSought[" + i + "]";
            if (s == null) {
                out.add(FieldProblem.of(at, "required", "Remove the empty entry."));
                continue;
            }
            length(out, at + ".description", s.description(), 5_000);
            length(out, at + ".custodian", s.custodian(), SHORT_TEXT);
            length(out, at + ".location", s.location(), SHORT_TEXT);
            identifiers(out, at + ".identifiers", s.identifiers());
            date(out, at + ".from", s.from());
            date(out, at + ".to", s.to());
            if (s.from() != null && s.to() != null && s.from().isAfter(s.to())) {
                out.add(FieldProblem.of(at + ".to", "period-reversed", "The end of the period must not be before its start."));
            }
        }
        count(out, "measures", d.measures(), 20);
        for (int i = 0; i < d.measures().size(); i++) {
            RequestDocument.Measure m = d.measures().get(i);
            if (m == null) {
                out.add(FieldProblem.of("measures[" + i + "]", "required", "Remove the empty entry."));
                continue;
            }
            length(out, "measures[" + i + "].description", m.description(), 5_000);
        }
        return out;
    }

    private static void identifiers(List<FieldProblem> out, String at, List<RequestDocument.Identifier> ids) {
        count(out, at, ids, MAX_IDENTIFIERS);
        for (int j = 0; j < ids.size(); j++) {
            RequestDocument.Identifier id = ids.get(j);
            String field = at + "[" + j + "]";
            if (id == null || id.type() == null) {
                out.add(FieldProblem.of(field + ".type", "required", "Choose the kind of identifier."));
                continue;
            }
            if (id.value() == null || id.value().isBlank()) {
                out.add(FieldProblem.of(field + ".value", "required", "Enter the identifier."));
                continue;
            }
            String v = id.value().strip();
            if (v.length() > 500) {
                out.add(FieldProblem.of(field + ".value", "too-long", "Use at most {0} characters.", 500));
                continue;
            }
            if (!wellFormed(id.type(), v)) {
                out.add(FieldProblem.of(field + ".value", "invalid-" + id.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                        "This is not a valid {0}.", id.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
            }
        }
    }

    /** Whether {@code value} has the shape its type demands. No lookups: nothing leaves the node. */
    public static boolean wellFormed(IdentifierType type, String value) {
        return switch (type) {
            case EMAIL -> EMAIL.matcher(value).matches();
            case PHONE -> PHONE.matcher(value).matches();
            case DOMAIN -> DOMAIN.matcher(value).matches();
            case IP_ADDRESS -> IPV4.matcher(value).matches() || ipv6(value);
            case URL -> url(value);
            case IMEI -> DIGITS.matcher(value).matches();
            case IMSI -> IMSI.matcher(value).matches();
            case USERNAME, ACCOUNT_ID, CRYPTO_ADDRESS, OTHER -> value.codePoints().noneMatch(Character::isISOControl);
        };
    }

    private static boolean ipv6(String v) {
        if (!v.contains(":") || !IPV6_CHARS.matcher(v).matches() || v.contains(":::")
                || (v.startsWith(":") && !v.startsWith("::")) || (v.endsWith(":") && !v.endsWith("::"))) {
            return false;
        }
        int doubleColons = v.split("::", -1).length - 1;
        if (doubleColons > 1) {
            return false;
        }
        String[] groups = v.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue;
            }
            if (g.contains(".")) {
                if (i != groups.length - 1 || !IPV4.matcher(g).matches()) {
                    return false;
                }
                count += 2;
            } else if (g.length() > 4 || !g.matches("[0-9A-Fa-f]+")) {
                return false;
            } else {
                count++;
            }
        }
        return doubleColons == 1 ? count < 8 : count == 8 && !v.startsWith(":") && !v.endsWith(":");
    }

    private static boolean url(String v) {
        try {
            java.net.URI uri = new java.net.URI(v);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static void length(List<FieldProblem> out, String field, String value, int max) {
        if (value != null && value.length() > max) {
            out.add(FieldProblem.of(field, "too-long", "Use at most {0} characters.", max));
        } else if (value != null && value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            out.add(FieldProblem.of(field, "control-characters", "Remove control characters from this text."));
        }
    }

    private static void count(List<FieldProblem> out, String field, List<?> list, int max) {
        if (list.size() > max) {
            out.add(FieldProblem.of(field, "too-many", "Give at most {0} entries.", max));
        }
    }

    private static void date(List<FieldProblem> out, String field, LocalDate date) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
            out.add(FieldProblem.of(field, "date-out-of-range", "Give a date between 1970 and 2100."));
        }
    }
}
