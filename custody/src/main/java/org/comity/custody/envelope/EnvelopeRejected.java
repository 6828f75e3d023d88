package org.comity.custody.envelope;

import java.io.Serial;

/** An envelope (or receipt) that is refused, and why. Nothing it carried may be acted on. */
public final class EnvelopeRejected extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Why; each is a distinct problem type in the receiving node's answer. */
    public enum Reason {
        /** Not a compact JWE/JWS, not JSON, or a message that breaks the format. */
        MALFORMED,
        /** An algorithm, compression or critical header this format does not allow. */
        UNSUPPORTED,
        /** Encrypted to a key this node does not hold: meant for another node, or an old key. */
        NOT_FOR_US,
        /** Decryption failed: the envelope was changed on the way. */
        TAMPERED,
        /** Signed with a key no trusted node holds (unknown, revoked or outside its validity). */
        UNKNOWN_SIGNER,
        /** The signature does not match the message. */
        BAD_SIGNATURE,
        /** The message names a sender other than the node whose key signed it. */
        FORGED_SENDER,
        /** The message names another node as its recipient. */
        WRONG_RECIPIENT,
        /** Sent longer ago than the replay window allows. */
        STALE,
        /** Sent later than now plus the allowed clock skew. */
        FROM_THE_FUTURE,
        /** A message id this node has already received with different content. */
        REPLAYED
    }

    private final Reason reason;
    private final String detail;
    private final String signer;

    public EnvelopeRejected(Reason reason, String detail) {
        this(reason, detail, null);
    }

    /** Refused after the signature was verified: {@code signer} is the trusted node that signed. */
    public EnvelopeRejected(Reason reason, String detail, String signer) {
        super(reason + ": " + printable(detail));
        this.reason = reason;
        this.detail = printable(detail);
        this.signer = signer;
    }

    /** The node whose signature was verified before the refusal, or null when no trusted node's signature was. */
    public String signer() {
        return signer;
    }

    /** Longest detail kept: it may quote what an unauthenticated sender wrote (a key id, a type). */
    static final int MAX_DETAIL = 500;

    /**
     * The detail with every character outside printable ASCII written as a backslash, u and four hex digits, and cut at
     * {@link #MAX_DETAIL} characters (ending in three dots when cut), so that a quoted header value cannot forge a log line or fill a
     * table.
     */
    static String printable(String detail) {
        if (detail == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(detail.length(), MAX_DETAIL + 1));
        int whole = 0; // the length of the longest prefix that leaves room for the three dots, cut between characters
        for (int i = 0; i < detail.length() && out.length() <= MAX_DETAIL; i++) {
            char c = detail.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            if (out.length() <= MAX_DETAIL - 3) {
                whole = out.length();
            }
        }
        if (out.length() > MAX_DETAIL) {
            out.setLength(whole);
            out.append("...");
        }
        return out.toString();
    }

    /** What was wrong, without the reason in front. */
    public String detail() {
        return detail;
    }

    public Reason reason() {
        return reason;
    }
}
