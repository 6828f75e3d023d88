package org.comity.custody.merkle;

/**
 * The root of a log computed from its entries in order, holding one hash per set bit of the size
 * (the "Merkle frontier", a compact range from 0): how a verifier recomputes a checkpoint's root
 * from a whole log in logarithmic memory. Not safe for use by several threads.
 */
public final class RootBuilder {

    /** {@code frontier[h]} is the complete subtree of height h at the right edge, present when bit h of the size is set. */
    private final byte[][] frontier = new byte[64][];
    private long size;

    private RootBuilder() {}

    public static RootBuilder empty() {
        return new RootBuilder();
    }

    /** Adds the next entry, hashed as a leaf. */
    public void appendEntry(byte[] entry) {
        appendLeafHash(TreeHash.leaf(entry));
    }

    /** Adds the next leaf by its hash. */
    public void appendLeafHash(byte[] leafHash) {
        if (leafHash.length != TreeHash.SIZE) {
            throw new IllegalArgumentException("a leaf hash is 32 bytes");
        }
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("the tree is full");
        }
        byte[] hash = leafHash.clone();
        int level = 0;
        // Like a binary counter: each carry merges two equal subtrees into one a level up.
        while ((size >>> level & 1) == 1) {
            hash = TreeHash.node(frontier[level], hash);
            frontier[level] = null;
            level++;
        }
        frontier[level] = hash;
        size++;
    }

    public long size() {
        return size;
    }

    /** The root of the leaves added so far: the frontier folded from its smallest (rightmost) subtree. */
    public byte[] root() {
        byte[] root = null;
        for (int level = 0; level < frontier.length; level++) {
            if (frontier[level] != null) {
                root = root == null ? frontier[level].clone() : TreeHash.node(frontier[level], root);
            }
        }
        return root == null ? TreeHash.empty() : root;
    }
}
