package org.comity.node.knowledge.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.comity.node.knowledge.ChannelKind;
import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.FormalRequirements;
import org.comity.node.knowledge.HolderKind;
import org.comity.node.knowledge.PreservationPeriods;
import org.comity.node.knowledge.ProcessingTime;
import org.comity.node.knowledge.ProviderContact;
import org.comity.node.knowledge.Reservation;
import org.comity.node.knowledge.Treaty;
import org.comity.node.knowledge.TreatyParty;
import org.comity.node.platform.FieldProblem;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The profile editor's form. Every input is named by the path of what it holds in the profile's
 * JSON ({@code preservation.days}, {@code reservations[2].text}), so a problem the checks report
 * finds its input; treaties are one row per treaty ({@code treaties[BUDAPEST].party}), lists are
 * rows with blank ones to fill in and a box to remove one. A form read back into a profile renumbers
 * its rows (blank and removed ones dropped), and {@link Parsed#onForm} turns the profile's paths back
 * into the form's.
 */
final class ProfileForm {

    /** Empty rows offered under each list; another comes with "Add". */
    static final int BLANK_ROWS = 1;
    static final int MAX_ROWS = 200;
    static final List<String> LISTS = List.of("reservations", "providers", "processingTimes");
    private static final java.util.regex.Pattern SCALAR_ITEM = java.util.regex.Pattern.compile("^(languages|treaties\\[[A-Z_]+]\\.partners)\\[\\d+]$");

    private ProfileForm() {}

    /** What a profile shows as, in the form's inputs. */
    static MultiValueMap<String, String> values(CountryProfile p) {
        MultiValueMap<String, String> v = new LinkedMultiValueMap<>();
        put(v, "stateName", p.stateName());
        if (p.euMember()) {
            v.add("euMember", "on");
        }
        for (TreatyParty t : p.treaties()) {
            String f = "treaties[" + t.treaty() + "]";
            v.add(f + ".party", "on");
            put(v, f + ".inForceSince", t.inForceSince() == null ? null : t.inForceSince().toString());
            put(v, f + ".partners", String.join(", ", t.partners()));
        }
        for (int i = 0; i < p.reservations().size(); i++) {
            Reservation r = p.reservations().get(i);
            put(v, "reservations[" + i + "].instrument", r.instrument());
            put(v, "reservations[" + i + "].effect", r.effect() == null ? null : r.effect().name());
            put(v, "reservations[" + i + "].text", r.text());
        }
        put(v, "centralAuthority", p.centralAuthority() == null ? null : p.centralAuthority().toString());
        put(v, "pointOfContact", p.pointOfContact() == null ? null : p.pointOfContact().toString());
        put(v, "languages", String.join(", ", p.languages()));
        FormalRequirements req = p.requirements();
        check(v, "requirements.signature", req.signature());
        check(v, "requirements.certification", req.certification());
        check(v, "requirements.electronicAccepted", req.electronicAccepted());
        check(v, "requirements.dualCriminalityForCoercive", req.dualCriminalityForCoercive());
        put(v, "requirements.threshold", req.threshold());
        put(v, "requirements.notes", req.notes());
        if (p.preservation() != null) {
            put(v, "preservation.days", String.valueOf(p.preservation().days()));
            put(v, "preservation.extensionDays", String.valueOf(p.preservation().extensionDays()));
            put(v, "preservation.basis", p.preservation().basis());
        }
        for (int i = 0; i < p.providers().size(); i++) {
            ProviderContact c = p.providers().get(i);
            String f = "providers[" + i + "]";
            put(v, f + ".name", c.name());
            put(v, f + ".kind", c.kind() == null ? null : c.kind().name());
            put(v, f + ".authority", c.authority() == null ? null : c.authority().toString());
            put(v, f + ".contact", c.contact());
            c.accepts().stream().sorted().forEach(k -> v.add(f + ".accepts", k.name()));
            put(v, f + ".notes", c.notes());
        }
        for (int i = 0; i < p.processingTimes().size(); i++) {
            ProcessingTime t = p.processingTimes().get(i);
            String f = "processingTimes[" + i + "]";
            put(v, f + ".channel", t.channel() == null ? null : t.channel().name());
            put(v, f + ".typical", t.amount() > 0 ? String.valueOf(t.amount()) : t.typical()); // as written when no whole days or hours
            put(v, f + ".unit", t.unit());
            put(v, f + ".source", t.source() == null ? null : t.source().name());
            put(v, f + ".note", t.note());
        }
        put(v, "notes", p.notes());
        for (String list : LISTS) {
            v.set(list + ".rows", String.valueOf(rows(v, list) + BLANK_ROWS));
        }
        return v;
    }

    /** How many rows a list shows: what the form said, or as many as it holds values for. */
    static int rows(MultiValueMap<String, String> v, String list) {
        int held = 0;
        for (String key : v.keySet()) {
            if (key.startsWith(list + "[")) {
                try {
                    held = Math.max(held, Integer.parseInt(key.substring(list.length() + 1, key.indexOf(']'))) + 1);
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    // not a row of this list
                }
            }
        }
        String said = v.getFirst(list + ".rows");
        int shown = held;
        if (said != null) {
            try {
                shown = Math.max(held, Integer.parseInt(said.strip()));
            } catch (NumberFormatException e) {
                // keep what the values need
            }
        }
        return Math.clamp(shown, 0, MAX_ROWS);
    }

    /** A profile read from the form, the problems reading it, and where each of its rows was on the form. */
    record Parsed(CountryProfile profile, List<FieldProblem> problems, Map<String, String> rowsOnForm) {

        /** A problem's field as the form names it ({@code reservations[0]} of the profile may be the form's third row). */
        FieldProblem onForm(FieldProblem p) {
            String field = p.field();
            int end = field.indexOf(']');
            if (end > 0) {
                String row = rowsOnForm.get(field.substring(0, end + 1));
                if (row != null) {
                    field = row + field.substring(end + 1);
                }
            }
            // A list of words is one input: "languages[1]" is the languages field, and so are a treaty's partners.
            field = SCALAR_ITEM.matcher(field).replaceFirst("$1");
            return field.equals(p.field()) ? p : new FieldProblem(field, p.code(), p.message(), p.args());
        }
    }

    static Parsed read(String stateCode, MultiValueMap<String, String> form) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> rowsOnForm = new LinkedHashMap<>();

        List<TreatyParty> treaties = new ArrayList<>();
        for (Treaty t : Treaty.values()) {
            String f = "treaties[" + t + "]";
            if (!on(form, f + ".party")) {
                continue;
            }
            LocalDate since = null;
            String date = text(form, f + ".inForceSince");
            if (date != null) {
                try {
                    since = LocalDate.parse(date);
                } catch (DateTimeParseException e) {
                    problems.add(FieldProblem.of(f + ".inForceSince", "invalid-date", "Use a date such as 2024-03-01."));
                }
            }
            List<String> partners = split(text(form, f + ".partners"), s -> s.toUpperCase(Locale.ROOT));
            rowsOnForm.put("treaties[" + treaties.size() + "]", f);
            treaties.add(new TreatyParty(t, since, partners));
        }

        List<Reservation> reservations = new ArrayList<>();
        for (int i = 0, n = rows(form, "reservations"); i < n; i++) {
            String f = "reservations[" + i + "]";
            if (on(form, f + ".remove") || blank(form, f + ".instrument", f + ".effect", f + ".text")) {
                continue;
            }
            Reservation.Effect effect = choice(form, f + ".effect", Reservation.Effect.class, problems);
            rowsOnForm.put("reservations[" + reservations.size() + "]", f);
            reservations.add(new Reservation(text(form, f + ".instrument"), effect, text(form, f + ".text")));
        }

        UUID central = id(form, "centralAuthority", problems);
        UUID contact = id(form, "pointOfContact", problems);
        List<String> languages = split(text(form, "languages"), s -> s.toLowerCase(Locale.ROOT));
        FormalRequirements requirements = new FormalRequirements(on(form, "requirements.signature"), on(form, "requirements.certification"),
                on(form, "requirements.electronicAccepted"), on(form, "requirements.dualCriminalityForCoercive"),
                text(form, "requirements.threshold"), text(form, "requirements.notes"));

        PreservationPeriods preservation = null;
        if (!blank(form, "preservation.days", "preservation.extensionDays", "preservation.basis")) {
            Integer days = number(form, "preservation.days", true, problems);
            Integer extension = number(form, "preservation.extensionDays", false, problems);
            preservation = new PreservationPeriods(days == null ? 0 : days, extension == null ? 0 : extension, text(form, "preservation.basis"));
        }

        List<ProviderContact> providers = new ArrayList<>();
        for (int i = 0, n = rows(form, "providers"); i < n; i++) {
            String f = "providers[" + i + "]";
            List<String> accepted = form.getOrDefault(f + ".accepts", List.of());
            if (on(form, f + ".remove") || (blank(form, f + ".name", f + ".kind", f + ".authority", f + ".contact", f + ".notes") && accepted.isEmpty())) {
                continue;
            }
            Set<ChannelKind> accepts = EnumSet.noneOf(ChannelKind.class);
            for (String k : accepted) {
                ChannelKind kind = parse(ChannelKind.class, k);
                if (kind == null) {
                    problems.add(FieldProblem.of(f + ".accepts", "invalid-choice", "Choose from the list."));
                } else {
                    accepts.add(kind);
                }
            }
            rowsOnForm.put("providers[" + providers.size() + "]", f);
            providers.add(new ProviderContact(text(form, f + ".name"), choice(form, f + ".kind", HolderKind.class, problems),
                    id(form, f + ".authority", problems), text(form, f + ".contact"), accepts, text(form, f + ".notes")));
        }

        List<ProcessingTime> times = new ArrayList<>();
        for (int i = 0, n = rows(form, "processingTimes"); i < n; i++) {
            String f = "processingTimes[" + i + "]";
            if (on(form, f + ".remove") || blank(form, f + ".channel", f + ".typical", f + ".note")) {
                continue;
            }
            ChannelKind channel = choice(form, f + ".channel", ChannelKind.class, problems);
            if (channel == null && !problems.stream().anyMatch(p -> p.field().equals(f + ".channel"))) {
                problems.add(FieldProblem.of(f + ".channel", "required", "This field is required."));
            }
            String typical = typical(form, f, problems);
            ProcessingTime.Source source = choice(form, f + ".source", ProcessingTime.Source.class, problems);
            rowsOnForm.put("processingTimes[" + times.size() + "]", f);
            times.add(new ProcessingTime(channel, typical == null ? "P1D" : typical, source == null ? ProcessingTime.Source.MANUAL : source,
                    text(form, f + ".note")));
        }

        CountryProfile profile = new CountryProfile(stateCode, text(form, "stateName"), on(form, "euMember"), treaties, reservations, central,
                contact, languages, requirements, preservation, providers, times, text(form, "notes"));
        return new Parsed(profile, problems, rowsOnForm);
    }

    /**
     * A row's typical time: a whole number of the row's unit (1 to 3,650 days or 87,600 hours), or an
     * ISO-8601 duration as a profile file may hold one ("PT90M"), kept as written.
     */
    private static String typical(MultiValueMap<String, String> form, String f, List<FieldProblem> problems) {
        String key = f + ".typical";
        String value = text(form, key);
        if (value != null && (value.startsWith("P") || value.startsWith("p"))) {
            try {
                java.time.Duration.parse(value);
                return value;
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(FieldProblem.of(key, "invalid-number", "Give a whole number."));
                return null;
            }
        }
        boolean hours = "hours".equals(text(form, f + ".unit"));
        Integer amount = number(form, key, true, problems);
        if (amount == null) {
            return null;
        }
        int max = hours ? 3650 * 24 : 3650;
        if (amount < 1 || amount > max) {
            problems.add(FieldProblem.of(key, "out-of-range", "Between {0} and {1}.", 1, max));
            return null;
        }
        return hours ? "PT" + amount + "H" : "P" + amount + "D";
    }

    /** Names of the form's boxes: a box is ticked when posted as "on" (or "true"), and only then. */
    private static boolean isBox(String key) {
        return key.equals("euMember") || key.startsWith("requirements.") && !key.endsWith(".threshold") && !key.endsWith(".notes")
                || key.endsWith(".party") || key.endsWith(".remove");
    }

    /** The posted values as the form shows them again: a box posted with another value is not ticked. */
    static MultiValueMap<String, String> normalise(MultiValueMap<String, String> posted) {
        MultiValueMap<String, String> out = new LinkedMultiValueMap<>();
        posted.forEach((key, values) -> {
            if (!isBox(key) || on(posted, key)) {
                out.put(key, new ArrayList<>(values));
            }
        });
        return out;
    }

    private static void put(MultiValueMap<String, String> v, String key, String value) {
        if (value != null && !value.isEmpty()) {
            v.set(key, value);
        }
    }

    private static void check(MultiValueMap<String, String> v, String key, boolean on) {
        if (on) {
            v.set(key, "on");
        }
    }

    private static boolean on(MultiValueMap<String, String> form, String key) {
        String value = form.getFirst(key);
        return value != null && (value.equals("on") || value.equals("true"));
    }

    private static String text(MultiValueMap<String, String> form, String key) {
        String value = form.getFirst(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean blank(MultiValueMap<String, String> form, String... keys) {
        for (String key : keys) {
            if (text(form, key) != null) {
                return false;
            }
        }
        return true;
    }

    private static List<String> split(String text, Function<String, String> normalise) {
        if (text == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : text.split("[,;\\s]+")) {
            if (!part.isBlank()) {
                out.add(normalise.apply(part.strip()));
            }
        }
        return out;
    }

    private static <E extends Enum<E>> E choice(MultiValueMap<String, String> form, String key, Class<E> type, List<FieldProblem> problems) {
        String value = text(form, key);
        if (value == null) {
            return null;
        }
        E e = parse(type, value);
        if (e == null) {
            problems.add(FieldProblem.of(key, "invalid-choice", "Choose from the list."));
        }
        return e;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        return null;
    }

    private static UUID id(MultiValueMap<String, String> form, String key, List<FieldProblem> problems) {
        String value = text(form, key);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            problems.add(FieldProblem.of(key, "invalid-choice", "Choose from the list."));
            return null;
        }
    }

    private static Integer number(MultiValueMap<String, String> form, String key, boolean required, List<FieldProblem> problems) {
        String value = text(form, key);
        if (value == null) {
            if (required) {
                problems.add(FieldProblem.of(key, "required", "This field is required."));
            }
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > 100_000) {
                problems.add(FieldProblem.of(key, "out-of-range", "Between {0} and {1}.", 0, 100_000));
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(key, "invalid-number", "Give a whole number."));
            return null;
        }
    }
}
