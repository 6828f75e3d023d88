package org.comity.custody.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only log held in memory, keeping the hash of every complete subtree: an append costs
 * two hashes on average (at most 64), and a root or proof only reads stored hashes. For tests, tools
 * and verifiers that rebuild a log; the node keeps its ledger in PostgreSQL. Safe for use by
 * several threads.
 */
public final class MemoryLog implements HashSource {

    /** Hashes per storage chunk: 8 KiB arrays, so growth never copies what is stored. */
    private static final int CHUNK = 256;

    /** {@code levels.get(l)} holds the complete subtrees of height l, left to right, in chunks. */
    private final List<List<byte[]>> levels = new ArrayList<>();
    private final long[] counts = new long[64];
    private long size;

    private MemoryLog() {}

    public static MemoryLog empty() {
        return new MemoryLog();
    }

    /** Appends one entry, hashed as a leaf, and returns its index. */
    public long append(byte[] entry) {
        return appendLeafHash(TreeHash.leaf(entry));
    }

    /** Appends a leaf by its hash and returns its index. */
    public synchronized long appendLeafHash(byte[] leafHash) {
        if (leafHash.length != TreeHash.SIZE) {
            throw new IllegalArgumentException("a leaf hash is 32 bytes");
        }
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("the log is full");
        }
        byte[] hash = leafHash.clone();
        store(0, hash);
        // Each time a level holds an even number of subtrees, the last two complete one above.
        for (int level = 0; (counts[level] & 1) == 0; level++) {
            hash = TreeHash.node(read(level, counts[level] - 2), hash);
            store(level + 1, hash);
        }
        return size++;
    }

    @Override
    public synchronized long size() {
        return size;
    }

    /** The root of the whole log. */
    public synchronized byte[] root() {
        return TreeHash.root(this, size);
    }

    @Override
    public synchronized byte[] subtreeHash(int level, long index) {
        if (level < 0 || level >= counts.length || index < 0 || index >= counts[level]) {
            throw new IllegalArgumentException("no complete subtree " + index + " at level " + level + " in a log of " + size);
        }
        return read(level, index);
    }

    private void store(int level, byte[] hash) {
        if (level == levels.size()) {
            levels.add(new ArrayList<>());
        }
        List<byte[]> chunks = levels.get(level);
        long n = counts[level]++;
        if (n % CHUNK == 0) {
            chunks.add(new byte[CHUNK * TreeHash.SIZE]);
        }
        System.arraycopy(hash, 0, chunks.get((int) (n / CHUNK)), (int) (n % CHUNK) * TreeHash.SIZE, TreeHash.SIZE);
    }

    private byte[] read(int level, long index) {
        byte[] hash = new byte[TreeHash.SIZE];
        System.arraycopy(levels.get(level).get((int) (index / CHUNK)), (int) (index % CHUNK) * TreeHash.SIZE, hash, 0, TreeHash.SIZE);
        return hash;
    }
}
