package org.comity.custody.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Strict reading of one parsed JSON object of a format: only the fields the format names, each of
 * the expected type and form; any other shape throws {@link FieldException} naming the field's path.
 */
public final class JsonFields {

    /** Whole numbers a double holds exactly (I-JSON, RFC 7493): what a number field may carry. */
    public static final long MAX_WHOLE = 1L << 53;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** RFC 3339 in UTC with exactly three fraction digits, as {@link #instantText} writes it. */
    private static final Pattern MILLIS_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private final Map<String, Object> map;
    private final String where;

    private JsonFields(Map<String, Object> map, String where) {
        this.map = map;
        this.where = where;
    }

    /** Reads {@code value} as an object holding no field outside {@code allowed}. */
    public static JsonFields of(Object value, String where, Set<String> allowed) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new FieldException(where, "must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) raw;
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new FieldException(path(where, key), "is not a field of this format");
            }
        }
        return new JsonFields(map, where);
    }

    public String where() {
        return where;
    }

    public boolean has(String field) {
        return map.containsKey(field);
    }

    /** A non-blank string of at most {@code maxLength} characters. */
    public String string(String field, int maxLength) {
        if (map.get(field) instanceof String s && !s.isBlank() && s.length() <= maxLength) {
            return s;
        }
        throw problem(field, map.containsKey(field) ? "must be a non-empty string of at most " + maxLength + " characters" : "is required");
    }

    public Optional<String> optionalString(String field, int maxLength) {
        return has(field) ? Optional.of(string(field, maxLength)) : Optional.empty();
    }

    /** A string matching {@code pattern} in full; {@code shape} says in words what it must look like. */
    public String matching(String field, Pattern pattern, String shape) {
        String s = string(field, 1000);
        if (!pattern.matcher(s).matches()) {
            throw problem(field, "must be " + shape);
        }
        return s;
    }

    /** A UUID in its canonical lower-case form, so each id has one spelling. */
    public UUID uuid(String field) {
        String s = string(field, 36);
        try {
            UUID id = UUID.fromString(s);
            if (id.toString().equals(s)) {
                return id;
            }
        } catch (IllegalArgumentException notAUuid) {
            // reported below
        }
        throw problem(field, "must be a UUID in lower case");
    }

    public Optional<UUID> optionalUuid(String field) {
        return has(field) ? Optional.of(uuid(field)) : Optional.empty();
    }

    /** A SHA-256 digest as 64 lower-case hex digits. */
    public String sha256(String field) {
        return matching(field, SHA256_HEX, "a SHA-256 digest in 64 lower-case hex digits");
    }

    public Optional<String> optionalSha256(String field) {
        return has(field) ? Optional.of(sha256(field)) : Optional.empty();
    }

    /** An RFC 3339 instant in UTC with millisecond precision ({@code 2026-11-23T12:00:00.000Z}). */
    public Instant instant(String field) {
        String s = matching(field, MILLIS_INSTANT, "an RFC 3339 UTC time with milliseconds, such as 2026-11-23T12:00:00.000Z");
        try {
            Instant at = Instant.parse(s);
            if (instantText(at).equals(s)) {
                return at;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw problem(field, "is not a valid date and time");
    }

    /** A whole number from {@code min} to {@value #MAX_WHOLE}. */
    public long whole(String field, long min) {
        if (map.get(field) instanceof BigDecimal n && n.stripTrailingZeros().scale() <= 0 && n.compareTo(BigDecimal.valueOf(min)) >= 0
                && n.compareTo(BigDecimal.valueOf(MAX_WHOLE)) <= 0) {
            return n.longValueExact();
        }
        throw problem(field, map.containsKey(field) ? "must be a whole number from " + min : "is required");
    }

    public JsonFields object(String field, Set<String> allowed) {
        if (!has(field)) {
            throw problem(field, "is required");
        }
        return of(map.get(field), path(where, field), allowed);
    }

    public Optional<JsonFields> optionalObject(String field, Set<String> allowed) {
        return has(field) ? Optional.of(object(field, allowed)) : Optional.empty();
    }

    /** The raw value of a field, for formats whose values are open (such as string-or-number maps). */
    public Optional<Object> raw(String field) {
        return Optional.ofNullable(map.get(field));
    }

    /** The field's value as an object with any field names, for formats that hold a free-form map. */
    public Map<String, Object> freeObject(String field) {
        if (map.get(field) instanceof Map<?, ?> raw) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) raw;
            return m;
        }
        throw problem(field, "must be an object");
    }

    public <T> List<T> list(String field, int maxSize, Function<ListItem, T> read) {
        if (!(map.get(field) instanceof List<?> values)) {
            throw problem(field, map.containsKey(field) ? "must be a list" : "is required");
        }
        if (values.size() > maxSize) {
            throw problem(field, "holds more than " + maxSize + " values");
        }
        List<T> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(read.apply(new ListItem(values.get(i), path(where, field) + "[" + i + "]")));
        }
        return out;
    }

    public <T> List<T> objects(String field, int maxSize, Set<String> allowed, Function<JsonFields, T> read) {
        return list(field, maxSize, item -> read.apply(of(item.value(), item.where(), allowed)));
    }

    public FieldException problem(String field, String problem) {
        return new FieldException(path(where, field), problem);
    }

    /** One value of a list with its path, for lists of strings or other plain values. */
    public record ListItem(Object value, String where) {

        public String string(int maxLength) {
            if (value instanceof String s && !s.isBlank() && s.length() <= maxLength) {
                return s;
            }
            throw new FieldException(where, "must be a non-empty string of at most " + maxLength + " characters");
        }
    }

    /** How instants are written in Comity's JSON formats: UTC, always three fraction digits. */
    public static String instantText(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC).format(at);
    }

    private static String path(String where, String field) {
        return where.isEmpty() ? field : where + "." + field;
    }
}
