package org.comity.custody.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 hashing over SHA-256 (section 2.1.1): a leaf is SHA-256(0x00 || entry), an interior node
 * SHA-256(0x01 || left || right), the empty tree SHA-256 of nothing; and the Merkle Tree Hash (the
 * root) of the first n leaves of a {@link HashSource}.
 */
public final class TreeHash {

    /** Every hash of the tree is 32 bytes. */
    public static final int SIZE = 32;

    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;
    /** The JDK's SHA-256 (intrinsics) rather than Bouncy Castle's, which is about eight times slower; one per thread. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(TreeHash::sha256);
    private static final byte[] EMPTY = sha256().digest();

    private TreeHash() {}

    /** The leaf hash of one log entry. */
    public static byte[] leaf(byte[] entry) {
        MessageDigest digest = SHA256.get();
        digest.update(LEAF);
        digest.update(entry);
        return digest.digest();
    }

    /** The hash of an interior node from its two children, left first. */
    public static byte[] node(byte[] left, byte[] right) {
        if (left.length != SIZE || right.length != SIZE) {
            throw new IllegalArgumentException("children of a node are 32-byte hashes");
        }
        MessageDigest digest = SHA256.get();
        digest.update(NODE);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The root of the empty tree: SHA-256 of the empty string. */
    public static byte[] empty() {
        return EMPTY.clone();
    }

    /**
     * The Merkle Tree Hash of the first {@code size} leaves of {@code source}, from at most 63 of its
     * complete subtrees (the binary decomposition of {@code size}).
     *
     * @throws IllegalArgumentException if {@code size} is negative or beyond the source's size
     */
    public static byte[] root(HashSource source, long size) {
        if (size < 0 || size > source.size()) {
            throw new IllegalArgumentException("tree size " + size + " is outside 0.." + source.size());
        }
        return size == 0 ? empty() : range(source, 0, size);
    }

    /**
     * MTH(D[start : start + count]) for a range whose start is a multiple of the largest power of two
     * not above {@code count}, as every range RFC 9162 splits a tree into is: its left part is then a
     * complete subtree, and so on down the decomposition, so the range is hashed from the subtrees
     * the source keeps rather than from its leaves.
     */
    static byte[] range(HashSource source, long start, long count) {
        int top = 63 - Long.numberOfLeadingZeros(count);
        if ((start & ((1L << top) - 1)) != 0) {
            throw new IllegalStateException("range " + start + "+" + count + " is not aligned on complete subtrees");
        }
        byte[][] parts = new byte[top + 1][];
        int n = 0;
        long at = start;
        for (int level = top; level >= 0; level--) {
            if ((count >>> level & 1) != 0) {
                parts[n++] = source.subtreeHash(level, at >>> level);
                at += 1L << level;
            }
        }
        // The smaller subtrees lie to the right: fold from the right end.
        byte[] hash = parts[--n];
        while (n > 0) {
            hash = node(parts[--n], hash);
        }
        return hash;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
