package org.comity.custody.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Inclusion proofs (RFC 9162, section 2.1.3): the hashes that lead from one leaf to the root of a
 * tree of a given size, ordered from the leaf's sibling up to a child of the root.
 */
public final class InclusionProofs {

    private InclusionProofs() {}

    /**
     * The inclusion proof of leaf {@code index} in the tree of the first {@code size} leaves of
     * {@code source} (PATH in section 2.1.3.1), read from the source's complete subtrees.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < size <= source.size()}
     */
    public static List<byte[]> prove(HashSource source, long index, long size) {
        if (index < 0 || index >= size || size > source.size()) {
            throw new IllegalArgumentException("no leaf " + index + " in a tree of " + size + " (the source holds " + source.size() + ")");
        }
        List<byte[]> proof = new ArrayList<>();
        path(source, index, 0, size, proof);
        return proof;
    }

    private static void path(HashSource source, long m, long start, long n, List<byte[]> proof) {
        if (n == 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1); // the largest power of two smaller than n
        if (m < k) {
            path(source, m, start, k, proof);
            proof.add(TreeHash.range(source, start + k, n - k));
        } else {
            path(source, m - k, start + k, n - k, proof);
            proof.add(TreeHash.range(source, start, k));
        }
    }

    /**
     * Checks that {@code proof} leads from {@code leafHash} at {@code index} to {@code root} in a
     * tree of {@code size} leaves (section 2.1.3.2). Any malformed input, nulls included, is
     * rejected with the reason, never with another exception.
     */
    public static void verify(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) throws ProofRejected {
        if (size <= 0 || index < 0 || index >= size) {
            throw new ProofRejected("leaf " + Long.toUnsignedString(index) + " is not in a tree of " + Long.toUnsignedString(size));
        }
        Hashes.require(leafHash, "the leaf hash");
        Hashes.require(root, "the root");
        Hashes.requireAll(proof, expectedLength(index, size), "an inclusion proof of leaf " + index + " in a tree of " + size);
        // Section 2.1.3.2, step by step: fn walks up from the leaf, sn from the last leaf.
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new ProofRejected("the inclusion proof is longer than the path to the root");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = TreeHash.node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = TreeHash.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofRejected("the inclusion proof stops before the root");
        }
        if (!MessageDigest.isEqual(r, root)) {
            throw new ProofRejected("the inclusion proof of leaf " + index + " does not lead to the root of the tree of " + size);
        }
    }

    /**
     * The number of hashes in the proof of {@code index} in a tree of {@code size}: those below the
     * point where the paths to the leaf and to the last leaf part, and one per left subtree above it.
     */
    static int expectedLength(long index, long size) {
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
        return inner + Long.bitCount(index >>> inner);
    }
}
