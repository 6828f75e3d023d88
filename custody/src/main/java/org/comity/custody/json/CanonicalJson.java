package org.comity.custody.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785): the one byte sequence of a JSON value that a
 * signature or a hash is computed over. Object members are sorted by the UTF-16 code units of
 * their names; strings are escaped minimally; numbers are written as ECMAScript writes a double;
 * no white space.
 *
 * <p>Accepts what {@link Json} produces ({@code Map}, {@code List}, {@code String},
 * {@code BigDecimal}, {@code Boolean}, null) and also other {@link Number}s and collections.
 * Every number is written as the double nearest to it (RFC 8785 section 3.2.2.3), so integers
 * beyond 2^53 lose precision: formats put such values in strings. Numbers that are not finite are
 * refused.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    public static byte[] bytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b ? "true" : "false");
            case String s -> string(out, s);
            case Number n -> out.append(number(n));
            case Map<?, ?> map -> object(out, map);
            case Collection<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    append(out, item);
                }
                out.append(']');
            }
            default -> throw new JsonException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String s)) {
                throw new JsonException("object keys must be strings");
            }
            keys.add(s);
        }
        keys.sort(null); // String.compareTo compares UTF-16 code units, as RFC 8785 section 3.2.3 asks
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, keys.get(i));
            out.append(':');
            append(out, map.get(keys.get(i)));
        }
        out.append('}');
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** ECMAScript's Number.prototype.toString of the double nearest to {@code n} (RFC 8785 section 3.2.2.3). */
    static String number(Number n) {
        double d = n instanceof BigDecimal || n instanceof BigInteger ? new BigDecimal(n.toString()).doubleValue() : n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new JsonException("numbers must be finite");
        }
        if (d == 0) {
            return "0"; // also for -0
        }
        if (d < 0) {
            return "-" + number(-d);
        }
        // Double.toString gives the shortest decimal that reads back as d (JDK 19+); take its digits.
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        if (shortest.precision() == 2) {
            // Double.toString writes at least two digits (4.9E-324); ECMAScript writes one when one reads back (5e-324).
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.UP, RoundingMode.DOWN}) {
                BigDecimal one = shortest.round(new MathContext(1, mode));
                if (one.doubleValue() == d) {
                    shortest = one.stripTrailingZeros();
                    break;
                }
            }
        }
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int e10 = k - shortest.scale(); // d = 0.digits × 10^e10, "n" in ECMA-262 Number::toString
        if (k <= e10 && e10 <= 21) {
            return digits + "0".repeat(e10 - k);
        }
        if (0 < e10 && e10 <= 21) {
            return digits.substring(0, e10) + "." + digits.substring(e10);
        }
        if (-6 < e10 && e10 <= 0) {
            return "0." + "0".repeat(-e10) + digits;
        }
        int exponent = e10 - 1;
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }
}
