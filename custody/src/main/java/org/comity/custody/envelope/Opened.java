package org.comity.custody.envelope;

/**
 * An envelope that passed every check.
 *
 * @param digest SHA-256 of the envelope as received (its compact serialization), base64url: what a receipt names
 * @param signedMessage the inner JWS, kept as proof of origin
 */
public record Opened(Message message, String signerKid, String digest, String signedMessage) {}
