package org.comity.custody.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Consistency proofs (RFC 9162, section 2.1.4): the hashes that show a tree of {@code size2} leaves
 * extends the tree of its first {@code size1} leaves, so a log cannot rewrite what it has published.
 */
public final class ConsistencyProofs {

    private ConsistencyProofs() {}

    /**
     * The proof that the tree of the first {@code size2} leaves of {@code source} extends that of
     * the first {@code size1} (PROOF in section 2.1.4.1); empty when the sizes are equal.
     *
     * @throws IllegalArgumentException unless {@code 0 < size1 <= size2 <= source.size()}: a proof
     *     from the empty tree proves nothing, and verifiers refuse it
     */
    public static List<byte[]> prove(HashSource source, long size1, long size2) {
        if (size1 <= 0 || size1 > size2 || size2 > source.size()) {
            throw new IllegalArgumentException("no consistency proof from " + size1 + " to " + size2 + " leaves (the source holds "
                    + source.size() + ")");
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(source, size1, 0, size2, true, proof);
        return proof;
    }

    /** SUBPROOF(m, D[start : start + n], b): {@code complete} is true while the old tree's root is itself a node of this range. */
    private static void subproof(HashSource source, long m, long start, long n, boolean complete, List<byte[]> proof) {
        if (m == n) {
            if (!complete) {
                proof.add(TreeHash.range(source, start, n));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1); // the largest power of two smaller than n
        if (m <= k) {
            subproof(source, m, start, k, complete, proof);
            proof.add(TreeHash.range(source, start + k, n - k));
        } else {
            subproof(source, m - k, start + k, n - k, false, proof);
            proof.add(TreeHash.range(source, start, k));
        }
    }

    /**
     * Checks that {@code proof} shows the tree of {@code size2} leaves with root {@code root2}
     * extends the tree of {@code size1} leaves with root {@code root1} (section 2.1.4.2). Equal sizes
     * need an empty proof and equal roots; a proof from the empty tree is refused, as it proves
     * nothing. Any malformed input, nulls included, is rejected with the reason.
     */
    public static void verify(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) throws ProofRejected {
        if (size1 < 0 || size2 < 0 || size1 > size2) {
            throw new ProofRejected("a tree of " + Long.toUnsignedString(size2) + " leaves cannot extend one of "
                    + Long.toUnsignedString(size1));
        }
        if (size1 == 0) {
            throw new ProofRejected("a consistency proof from the empty tree proves nothing");
        }
        if (proof == null || root1 == null || root2 == null) {
            throw new ProofRejected("a consistency proof needs the proof and both roots");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new ProofRejected("trees of the same size need an empty consistency proof");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new ProofRejected("two trees of " + size1 + " leaves with different roots");
            }
            return;
        }
        Hashes.require(root1, "the first root");
        Hashes.require(root2, "the second root");
        Hashes.requireAll(proof, expectedLength(size1, size2), "a consistency proof from " + size1 + " to " + size2 + " leaves");
        // Step 2: when the old tree is a complete subtree, its root starts the path.
        List<byte[]> path = proof;
        if (Long.bitCount(size1) == 1) {
            path = new ArrayList<>(proof.size() + 1);
            path.add(root1);
            path.addAll(proof);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw new ProofRejected("the consistency proof is longer than the path to the root");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = TreeHash.node(c, fr);
                sr = TreeHash.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = TreeHash.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofRejected("the consistency proof stops before the root");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new ProofRejected("the consistency proof does not lead to the root of the tree of " + size1);
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new ProofRejected("the consistency proof does not lead to the root of the tree of " + size2);
        }
    }

    /**
     * The number of hashes in the proof from {@code size1} to {@code size2}: the inclusion path of
     * the old tree's last leaf, less the levels below the old tree's rightmost complete subtree,
     * plus that subtree's own hash unless it is the whole old tree.
     */
    static int expectedLength(long size1, long size2) {
        int shift = Long.numberOfTrailingZeros(size1);
        int length = InclusionProofs.expectedLength(size1 - 1, size2) - shift;
        return size1 == 1L << shift ? length : length + 1;
    }
}
