/**
 * The custody library: plain Java, no Spring, shared by the node and the command-line tool. It holds
 * what a court needs to check evidence offline: strict and canonical JSON (RFC 8785), keys,
 * envelopes and the trust list, and the custody ledger's transparency-log primitives (the RFC 9162
 * Merkle tree and its proofs, C2SP checkpoints, cosignatures, entry proofs and tiles), custody
 * events, the evidence manifest, evidence packages with their offline verifier, and the CASE/UCO export.
 */
package org.comity.custody;
