package org.comity.custody.envelope;

/**
 * A signed message that passed every check.
 *
 * @param digest SHA-256 (base64url) of what a receipt names: the envelope as received when the
 *     message came alone ({@link Receipt.Subject#ENVELOPE}), the signed message when it came in a
 *     batch ({@link Receipt.Subject#SIGNED_MESSAGE})
 * @param signedMessage the inner JWS, kept as proof of origin
 */
public record Opened(Message message, String signerKid, String digest, String signedMessage, Receipt.Subject subject) {}
