package org.comity.custody.envelope;

import java.time.Instant;
import java.util.UUID;

/**
 * The receiving node's signed statement "node {@code by} received message {@code message} from
 * node {@code from} at {@code receivedAt}", naming by SHA-256 {@code digest} what it received:
 * kept by the sender as proof of receipt, as the message's signature is proof of origin.
 */
public record Receipt(UUID message, String digest, String from, String by, Instant receivedAt, Subject subject) {

    /** The receipt for a message that passed every check: names what it came in, as the sender will check. */
    public static Receipt of(Opened opened, String by, Instant receivedAt) {
        return new Receipt(opened.message().id(), opened.digest(), opened.message().from(), by, receivedAt, opened.subject());
    }

    /** What the digest is of; each has its own schema, so a receipt says which it names. */
    public enum Subject {
        /** {@code comity.receipt/1}: the envelope (compact JWE) the message came in alone. */
        ENVELOPE("comity.receipt/1"),
        /** {@code comity.receipt/2}: the signed message (compact JWS) itself, as a batch carries it. */
        SIGNED_MESSAGE("comity.receipt/2");

        private final String schema;

        Subject(String schema) {
            this.schema = schema;
        }

        public String schema() {
            return schema;
        }

        static Subject of(String schema) {
            for (Subject s : values()) {
                if (s.schema.equals(schema)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("schema");
        }
    }
}
