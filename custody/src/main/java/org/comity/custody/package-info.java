/**
 * The custody library: plain Java, no Spring, shared by the node and the command-line tool. It will
 * hold what a court needs to check evidence offline: canonical JSON (RFC 8785), custody events,
 * the RFC 9162 Merkle log with its proofs, signed checkpoints, the evidence manifest and the package
 * verifier. It arrives with the evidence vault and chain of custody.
 */
package org.comity.custody;
