package org.comity.custody.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as the formats write it: lower-case hex. Always the JDK's implementation, which uses the
 * processor's SHA instructions (Bouncy Castle's is about eight times slower on evidence files).
 */
public final class Sha256 {

    private Sha256() {}

    /** A fresh digest, for hashing a stream as it is copied. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The hex form of a finished digest. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
