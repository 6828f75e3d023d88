/**
 * Envelopes between nodes (docs/formats/envelope.md): a message as canonical JSON, signed by the
 * sending node (JWS, EdDSA), then encrypted to the receiving node (JWE, ECDH-ES with A256GCM);
 * opening checks every layer and says precisely why an envelope is refused. Receipts are the
 * receiving node's signed statement that it received an envelope with a given digest.
 */
package org.comity.custody.envelope;
