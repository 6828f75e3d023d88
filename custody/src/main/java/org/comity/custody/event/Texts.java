package org.comity.custody.event;

import java.util.regex.Pattern;
import org.comity.custody.json.FieldException;

/** The limits every text field of a custody event shares, checked where each value is built. */
final class Texts {

    static final Pattern NODE_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,31}");
    static final Pattern STATE = Pattern.compile("[A-Z]{2}");
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Texts() {}

    static String require(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new FieldException(field, "must be a non-empty text of at most " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // No control characters: these texts are shown to people, one line each, and a lone surrogate has no UTF-8 form.
            if (c < 0x20 || c == 0x7f || (Character.isSurrogate(c) && !pairedAt(value, i))) {
                throw new FieldException(field, "must not hold control characters or broken Unicode");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return value;
    }

    static String sha256(String field, String value) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new FieldException(field, "must be a SHA-256 digest in 64 lower-case hex digits");
        }
        return value;
    }

    private static boolean pairedAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
