/**
 * The Merkle tree of the custody ledger, as RFC 9162 (Certificate Transparency 2.0) defines it over
 * SHA-256: leaf and node hashing, the root of the first n leaves, and inclusion and consistency
 * proofs, generated from a {@link org.comity.custody.merkle.HashSource} (the in-memory
 * {@link org.comity.custody.merkle.MemoryLog}, the node's database, or fetched tiles) and verified
 * by anyone holding a root. {@link org.comity.custody.merkle.RootBuilder} recomputes a root from a
 * stream of entries in logarithmic memory, which is how a verifier checks a whole log offline.
 */
package org.comity.custody.merkle;
