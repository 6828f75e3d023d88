package org.comity.custody.checkpoint;

import java.util.Base64;
import java.util.Optional;

/**
 * Standard padded base64 (RFC 4648, section 4), as the C2SP text formats write it, read strictly:
 * only the one canonical encoding of some bytes is accepted, so each value has a single text form
 * and a changed character can never go unnoticed.
 */
public final class StrictBase64 {

    private StrictBase64() {}

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The bytes, or empty when the text is not exactly how {@link #encode} writes them (unpadded, other alphabets, spare bits set). */
    public static Optional<byte[]> decode(String text) {
        if (text == null || text.length() % 4 != 0) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return encode(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
