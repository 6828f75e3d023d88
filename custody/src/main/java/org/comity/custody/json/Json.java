package org.comity.custody.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser (RFC 8259) for input that comes from outside: a peer node, an import, a
 * package under verification. Objects become {@code Map<String, Object>} (in document order),
 * arrays {@code List<Object>}, numbers {@link BigDecimal}, and literals {@link Boolean} or null.
 *
 * <p>Refused, with the offset: anything that is not JSON, a duplicate key in an object (I-JSON,
 * RFC 7493: two readers could otherwise see different values), nesting deeper than
 * {@value #MAX_DEPTH}, lone surrogates, and text after the value.
 */
public final class Json {

    public static final int MAX_DEPTH = 64;

    private final String text;
    private int at;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value, refusing input longer than {@code maxChars}. */
    public static Object parse(String text, int maxChars) {
        if (text == null) {
            throw new JsonException("no JSON text");
        }
        if (text.length() > maxChars) {
            throw new JsonException("JSON text longer than " + maxChars + " characters");
        }
        Json parser = new Json(text);
        parser.space();
        Object value = parser.value();
        parser.space();
        if (parser.at != text.length()) {
            throw parser.error("text after the JSON value");
        }
        return value;
    }

    /** Parses a JSON object (the usual top level of a format). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text, int maxChars) {
        if (parse(text, maxChars) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new JsonException("expected a JSON object");
    }

    private Object value() {
        if (at >= text.length()) {
            throw error("unexpected end of text");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character '" + printable(c) + "'");
            }
        };
    }

    private Map<String, Object> object() {
        enter();
        at++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        space();
        if (peek('}')) {
            at++;
            depth--;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("expected a key in quotes");
            }
            int keyAt = at;
            String key = string();
            space();
            expect(':');
            space();
            Object value = value();
            if (map.containsKey(key)) {
                at = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, value);
            space();
            if (peek(',')) {
                at++;
                continue;
            }
            expect('}');
            depth--;
            return Collections.unmodifiableMap(map);
        }
    }

    private List<Object> array() {
        enter();
        at++; // [
        List<Object> list = new ArrayList<>();
        space();
        if (peek(']')) {
            at++;
            depth--;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            space();
            list.add(value());
            space();
            if (peek(',')) {
                at++;
                continue;
            }
            expect(']');
            depth--;
            return Collections.unmodifiableList(list);
        }
    }

    private String string() {
        at++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                at--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> {
                    at--;
                    throw error("unknown escape \\" + printable(e));
                }
            }
        }
        String s = out.toString();
        checkSurrogates(s);
        return s;
    }

    private char hex4() {
        if (at + 4 > text.length()) {
            throw error("short \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(at + i), 16);
            if (d < 0) {
                throw error("bad \\u escape");
            }
            v = v * 16 + d;
        }
        at += 4;
        return (char) v;
    }

    private void checkSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw error("lone surrogate in a string");
            }
        }
    }

    private BigDecimal number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        if (peek('0')) {
            at++;
        } else if (digit()) {
            while (digit()) {
                at++;
            }
        } else {
            throw error("bad number");
        }
        if (peek('.')) {
            at++;
            if (!digit()) {
                throw error("bad number: digits must follow the point");
            }
            while (digit()) {
                at++;
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (!digit()) {
                throw error("bad number: digits must follow the exponent");
            }
            int expStart = at;
            while (digit()) {
                at++;
            }
            if (at - expStart > 6) {
                throw error("number exponent too large");
            }
        }
        if (at - start > 400) {
            throw error("number too long");
        }
        BigDecimal number = new BigDecimal(text.substring(start, at));
        if (Double.isInfinite(number.doubleValue())) {
            throw error("number beyond the range of a double (I-JSON, RFC 7493)");
        }
        return number;
    }

    private boolean digit() {
        return at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9';
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected word");
        }
        at += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw at >= text.length() ? error("unexpected end of text") : error("expected '" + c + "'");
        }
        at++;
    }

    private JsonException error(String what) {
        return new JsonException(what + " at offset " + at);
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
