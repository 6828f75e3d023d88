/**
 * The custody library: plain Java, no Spring, shared by the node and the command-line tool. It holds
 * what a court needs to check evidence offline: strict and canonical JSON (RFC 8785), keys,
 * envelopes and the trust list, and the custody ledger's transparency-log primitives (the RFC 9162
 * Merkle tree and its proofs, C2SP checkpoints, cosignatures, entry proofs and tiles). Custody
 * events, the evidence manifest and the package verifier arrive with the evidence vault.
 */
package org.comity.custody;
