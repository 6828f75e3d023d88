package org.comity.custody.merkle;

/**
 * The port through which proofs and roots are generated: the hashes of a log's complete subtrees.
 * Implementations: {@link MemoryLog}; the node's ledger store; a {@code TileReader} over fetched
 * tiles. Every subtree it is asked for is complete and lies within {@link #size()}, so a source
 * that keeps the hashes of complete subtrees answers each call without rehashing leaves.
 */
public interface HashSource {

    /** How many leaves the source holds; roots and proofs may be asked for any tree size up to it. */
    long size();

    /**
     * The Merkle Tree Hash of the complete subtree of {@code 2^level} leaves that starts at leaf
     * {@code index << level}; at level 0, the leaf hash of leaf {@code index}.
     *
     * <p>Called only with {@code 0 <= level <= 62}, {@code index >= 0} and
     * {@code (index + 1) << level <= size()}; a source may throw {@link IllegalArgumentException}
     * for anything else. Returns a new 32-byte array, which the caller may keep and change; never
     * null. A source whose storage fails throws {@link java.io.UncheckedIOException} (or its own
     * unchecked exception), never a wrong hash.
     */
    byte[] subtreeHash(int level, long index);
}
