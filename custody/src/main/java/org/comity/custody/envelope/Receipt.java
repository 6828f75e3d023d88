package org.comity.custody.envelope;

import java.time.Instant;
import java.util.UUID;

/**
 * The receiving node's signed statement "node {@code by} received message {@code message}, whose
 * envelope has SHA-256 {@code digest}, from node {@code from}, at {@code receivedAt}": kept by the
 * sender as proof of receipt, as the envelope's signature is proof of origin.
 */
public record Receipt(UUID message, String digest, String from, String by, Instant receivedAt) {

    public static final String SCHEMA = "comity.receipt/1";
}
