package org.comity.node.evidence.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.comity.node.platform.ComityException;

/**
 * Reads the tus 1.0.0 headers a client sends (https://tus.io/protocols/resumable-upload). Pure: each
 * method returns the value or refuses with a {@link ComityException} naming the header (400, or 412
 * for a protocol version this server does not speak); nothing else escapes, whatever the input.
 */
final class TusHeaders {

    static final String VERSION = "1.0.0";
    static final String EXTENSIONS = "creation,creation-with-upload,termination,checksum,expiration";
    static final String CHECKSUM_ALGORITHMS = "sha1,sha256";
    /** The Upload-Metadata header as a whole, far above what the keys this node reads need. */
    static final int MAX_METADATA_CHARS = 8 * 1024;
    private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,19}$");
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x2B\\x2D-\\x7E]+$"); // printable ASCII, no space or comma

    private TusHeaders() {}

    /** Tus-Resumable must name the version this server speaks (every request but OPTIONS). */
    static void requireVersion(String tusResumable) {
        if (!VERSION.equals(tusResumable == null ? null : tusResumable.strip())) {
            throw new ComityException(412, "tus-version", tusResumable == null
                    ? "Send 'Tus-Resumable: " + VERSION + "': this endpoint speaks the tus resumable upload protocol " + VERSION + "."
                    : "This server speaks tus " + VERSION + ", not '" + clip(tusResumable) + "'.");
        }
    }

    /** Upload-Length: the whole upload's size, a non-negative integer (required: deferred lengths are not supported). */
    static long length(String value) {
        if (value == null) {
            throw invalid("Upload-Length", "Send Upload-Length with the upload's size in bytes (deferred lengths are not supported).");
        }
        return nonNegative("Upload-Length", value);
    }

    /** Upload-Offset: where the bytes of a PATCH start. */
    static long offset(String value) {
        if (value == null) {
            throw invalid("Upload-Offset", "Send Upload-Offset with the offset the bytes start at (a HEAD request tells it).");
        }
        return nonNegative("Upload-Offset", value);
    }

    /**
     * Upload-Metadata: comma-separated pairs of a key and, after a space, its value in Base64 (a key
     * may stand alone). Keys are unique, non-empty, printable ASCII without spaces or commas; values
     * must decode to UTF-8 text.
     */
    static Map<String, String> metadata(String value) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        if (value.length() > MAX_METADATA_CHARS) {
            throw invalid("Upload-Metadata", "Upload-Metadata is limited to " + MAX_METADATA_CHARS + " characters.");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : value.split(",", -1)) {
            String item = pair.strip();
            int space = item.indexOf(' ');
            String key = space < 0 ? item : item.substring(0, space);
            String encoded = space < 0 ? "" : item.substring(space + 1).strip();
            if (!KEY.matcher(key).matches()) {
                throw invalid("Upload-Metadata", "Upload-Metadata has an empty or malformed key ('" + clip(key)
                        + "'): keys are printable ASCII without spaces or commas.");
            }
            if (pairs.containsKey(key)) {
                throw invalid("Upload-Metadata", "Upload-Metadata names the key '" + key + "' twice.");
            }
            pairs.put(key, decode(key, encoded));
        }
        return Collections.unmodifiableMap(pairs);
    }

    /** Upload-Checksum: {@code <algorithm> <Base64 digest>} with an algorithm of {@link #CHECKSUM_ALGORITHMS}. */
    static Checksum checksum(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.strip().split(" ", -1);
        if (parts.length != 2) {
            throw invalid("Upload-Checksum", "Upload-Checksum is '<algorithm> <Base64 digest>', for example 'sha256 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='.");
        }
        String algorithm = parts[0];
        int bytes = switch (algorithm) {
            case "sha1" -> 20;
            case "sha256" -> 32;
            default -> throw invalid("Upload-Checksum", "Upload-Checksum algorithm '" + clip(algorithm)
                    + "' is not supported here; use one of " + CHECKSUM_ALGORITHMS + ".");
        };
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw invalid("Upload-Checksum", "The Upload-Checksum digest is not Base64.");
        }
        if (digest.length != bytes) {
            throw invalid("Upload-Checksum", "A " + algorithm + " digest is " + bytes + " bytes, not " + digest.length + ".");
        }
        return new Checksum(algorithm, digest);
    }

    /** What a PATCH's body must hash to. */
    record Checksum(String algorithm, byte[] digest) {
        MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance(algorithm.equals("sha1") ? "SHA-1" : "SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has " + algorithm, e);
            }
        }

        boolean matches(byte[] actual) {
            return MessageDigest.isEqual(digest, actual);
        }
    }

    private static long nonNegative(String header, String value) {
        String v = value.strip();
        if (!DIGITS.matcher(v).matches()) {
            throw invalid(header, header + " must be a non-negative integer, not '" + clip(value) + "'.");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(header, header + " is too large.");
        }
    }

    private static String decode(String key, String encoded) {
        if (encoded.isEmpty()) {
            return "";
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw invalid("Upload-Metadata", "The value of '" + key + "' in Upload-Metadata is not Base64.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("Upload-Metadata", "The value of '" + key + "' in Upload-Metadata is not UTF-8 text.");
        }
    }

    private static ComityException invalid(String header, String message) {
        return new ComityException(400, "invalid-header", message,
                java.util.List.of(org.comity.node.platform.FieldProblem.of(header, "invalid-header", message)));
    }

    /** Echoes at most a little of what the client sent. */
    private static String clip(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
