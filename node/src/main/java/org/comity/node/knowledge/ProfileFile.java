package org.comity.node.knowledge;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.web.JsonConfiguration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The country profile exchange file (docs/formats/country-profile.md, schema
 * docs/formats/country-profiles.schema.json): {@code {"format": "comity-country-profiles/1",
 * "profiles": [...]}}. Read strictly (unknown fields, duplicate keys and wrong types refused) and
 * checked field by field before anything is saved.
 */
public record ProfileFile(String format, List<CountryProfile> profiles) {

    public static final String FORMAT = "comity-country-profiles/1";
    /** Larger files are refused before parsing. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    static final int MAX_PROFILES = 500;

    private static final Pattern STATE = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");
    private static final Pattern INSTRUMENT = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    private static final JsonMapper JSON;

    static {
        JsonMapper.Builder builder = JsonMapper.builder();
        JsonConfiguration.strict(builder);
        // A flag or a number left out means false or 0 (then checked), not a refusal of the whole file.
        JSON = builder.disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    public ProfileFile {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }

    /**
     * Parses and checks a file.
     *
     * @throws ComityException 400 when it is not the format, 422 naming each field in error
     */
    public static ProfileFile read(byte[] json) {
        if (json.length > MAX_BYTES) {
            throw ComityException.badRequest("The file is larger than " + MAX_BYTES + " bytes.");
        }
        ProfileFile file;
        try {
            file = JSON.readValue(json, ProfileFile.class);
        } catch (JacksonException e) {
            throw ComityException.badRequest("Not a country profile file: " + e.getOriginalMessage());
        }
        if (file == null || !FORMAT.equals(file.format())) {
            throw ComityException.badRequest("Not a country profile file: format must be \"" + FORMAT + "\".");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (file.profiles().size() > MAX_PROFILES) {
            problems.add(FieldProblem.of("profiles", "too-many", "At most {0} profiles in one file.", MAX_PROFILES));
        }
        Set<String> states = new HashSet<>();
        for (int i = 0; i < file.profiles().size() && problems.size() < 100; i++) {
            CountryProfile p = file.profiles().get(i);
            if (p == null) {
                problems.add(FieldProblem.of("profiles[" + i + "]", "required", "A profile cannot be null."));
                continue;
            }
            for (FieldProblem fp : check(p)) {
                problems.add(new FieldProblem("profiles[" + i + "]." + fp.field(), fp.code(), fp.message(), fp.args()));
            }
            if (p.stateCode() != null && !states.add(p.stateCode())) {
                problems.add(FieldProblem.of("profiles[" + i + "].stateCode", "duplicate", "The state appears twice in the file."));
            }
        }
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The file has errors; nothing was imported.", problems);
        }
        return file;
    }

    /** One profile alone, as the API and the JSON editor send it. */
    public static CountryProfile readProfile(byte[] json) {
        if (json.length > MAX_BYTES) {
            throw ComityException.badRequest("The profile is larger than " + MAX_BYTES + " bytes.");
        }
        CountryProfile p;
        try {
            p = JSON.readValue(json, CountryProfile.class);
        } catch (JacksonException e) {
            throw ComityException.badRequest("Not a country profile: " + e.getOriginalMessage());
        }
        if (p == null) {
            throw ComityException.badRequest("Not a country profile.");
        }
        List<FieldProblem> problems = check(p);
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The profile has errors.", problems);
        }
        return p;
    }

    public static byte[] write(List<CountryProfile> profiles) {
        return JSON.writeValueAsBytes(new ProfileFile(FORMAT, profiles));
    }

    /** Reads a body of another knowledge type with the same rules (the advisor's {@link Situation}). */
    public static <T> T readBody(byte[] json, Class<T> type) {
        if (json.length > MAX_BYTES) {
            throw ComityException.badRequest("The body is larger than " + MAX_BYTES + " bytes.");
        }
        try {
            T value = JSON.readValue(json, type);
            if (value == null) {
                throw ComityException.badRequest("The body is empty.");
            }
            return value;
        } catch (JacksonException e) {
            throw ComityException.badRequest("Not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    public static String write(CountryProfile profile) {
        return JSON.writeValueAsString(profile);
    }

    /** Every problem of one profile, with the field it is in; empty when it may be saved. */
    public static List<FieldProblem> check(CountryProfile p) {
        List<FieldProblem> problems = new ArrayList<>();
        if (p.stateCode() == null || !STATE.matcher(p.stateCode()).matches()) {
            problems.add(FieldProblem.of("stateCode", "invalid", "Use the state's two-letter ISO 3166 code, such as XA."));
        }
        text(problems, "stateName", p.stateName(), 200, true);
        text(problems, "notes", p.notes(), 20_000, false);
        limit(problems, "treaties", p.treaties().size(), 20);
        Set<Treaty> treaties = new HashSet<>();
        for (int i = 0; i < p.treaties().size(); i++) {
            TreatyParty t = p.treaties().get(i);
            String f = "treaties[" + i + "]";
            if (t == null || t.treaty() == null) {
                problems.add(FieldProblem.of(f + ".treaty", "required", "Choose the treaty."));
                continue;
            }
            if (!treaties.add(t.treaty())) {
                problems.add(FieldProblem.of(f + ".treaty", "duplicate", "The treaty is listed twice."));
            }
            limit(problems, f + ".partners", t.partners().size(), 250);
            for (int j = 0; j < t.partners().size(); j++) {
                if (t.partners().get(j) == null || !STATE.matcher(t.partners().get(j)).matches()) {
                    problems.add(FieldProblem.of(f + ".partners[" + j + "]", "invalid", "Use a two-letter state code."));
                }
            }
        }
        limit(problems, "reservations", p.reservations().size(), 50);
        for (int i = 0; i < p.reservations().size(); i++) {
            Reservation r = p.reservations().get(i);
            String f = "reservations[" + i + "]";
            if (r == null) {
                problems.add(FieldProblem.of(f, "required", "A reservation cannot be null."));
                continue;
            }
            if (r.instrument() == null || !INSTRUMENT.matcher(r.instrument()).matches()) {
                problems.add(FieldProblem.of(f + ".instrument", "invalid", "Name the article as an instrument id, such as protocol-7."));
            }
            if (r.effect() == null) {
                problems.add(FieldProblem.of(f + ".effect", "required", "Say whether the reservation excludes the article or sets conditions."));
            }
            text(problems, f + ".text", r.text(), 2_000, true);
        }
        limit(problems, "languages", p.languages().size(), 10);
        for (int i = 0; i < p.languages().size(); i++) {
            if (p.languages().get(i) == null || !LANGUAGE.matcher(p.languages().get(i)).matches()) {
                problems.add(FieldProblem.of("languages[" + i + "]", "invalid-language", "Use a two- or three-letter language code such as en or ar."));
            }
        }
        FormalRequirements req = p.requirements();
        text(problems, "requirements.threshold", req.threshold(), 500, false);
        text(problems, "requirements.notes", req.notes(), 5_000, false);
        if (p.preservation() != null) {
            PreservationPeriods pp = p.preservation();
            // Budapest Convention Art. 29(7): preserved for a period of not less than sixty days.
            if (p.partyTo(Treaty.BUDAPEST) && pp.days() < 60) {
                problems.add(FieldProblem.of("preservation.days", "too-short", "A Party to the Budapest Convention preserves for at least {0} days (Art. 29(7)).", 60));
            }
            if (pp.days() < 1 || pp.days() > 3650) {
                problems.add(FieldProblem.of("preservation.days", "out-of-range", "Between {0} and {1} days.", 1, 3650));
            }
            if (pp.extensionDays() < 0 || pp.extensionDays() > 3650) {
                problems.add(FieldProblem.of("preservation.extensionDays", "out-of-range", "Between {0} and {1} days.", 0, 3650));
            }
            text(problems, "preservation.basis", pp.basis(), 500, false);
        }
        limit(problems, "providers", p.providers().size(), 200);
        for (int i = 0; i < p.providers().size(); i++) {
            ProviderContact c = p.providers().get(i);
            String f = "providers[" + i + "]";
            if (c == null) {
                problems.add(FieldProblem.of(f, "required", "A provider cannot be null."));
                continue;
            }
            text(problems, f + ".name", c.name(), 200, true);
            text(problems, f + ".contact", c.contact(), 500, false);
            text(problems, f + ".notes", c.notes(), 2_000, false);
            if (c.kind() == null) {
                problems.add(FieldProblem.of(f + ".kind", "required", "Say whether it is a service provider or a registrar."));
            }
        }
        limit(problems, "processingTimes", p.processingTimes().size(), ChannelKind.values().length);
        Set<ChannelKind> timed = new HashSet<>();
        for (int i = 0; i < p.processingTimes().size(); i++) {
            ProcessingTime t = p.processingTimes().get(i);
            String f = "processingTimes[" + i + "]";
            if (t == null || t.channel() == null || t.source() == null) {
                problems.add(FieldProblem.of(f, "required", "Give the channel, the typical time and its source."));
                continue;
            }
            if (!timed.add(t.channel())) {
                problems.add(FieldProblem.of(f + ".channel", "duplicate", "The channel has two figures."));
            }
            if (!positiveDuration(t.typical())) {
                problems.add(FieldProblem.of(f + ".typical", "invalid-duration", "Use an ISO-8601 duration such as PT24H or P90D."));
            }
            text(problems, f + ".note", t.note(), 500, false);
        }
        return problems;
    }

    private static boolean positiveDuration(String s) {
        if (s == null || s.length() > 40) {
            return false;
        }
        try {
            Duration d = Duration.parse(s);
            return !d.isNegative() && !d.isZero() && d.compareTo(Duration.ofDays(3650)) <= 0;
        } catch (DateTimeParseException | ArithmeticException e) {
            return false;
        }
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(FieldProblem.of(field, "required", "This field is required."));
            }
        } else if (value.length() > max) {
            problems.add(FieldProblem.of(field, "too-long", "Use at most {0} characters.", max));
        }
    }

    private static void limit(List<FieldProblem> problems, String field, int size, int max) {
        if (size > max) {
            problems.add(FieldProblem.of(field, "too-many", "At most {0} entries.", max));
        }
    }
}
