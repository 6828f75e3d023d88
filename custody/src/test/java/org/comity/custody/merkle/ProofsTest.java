package org.comity.custody.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Proofs for every tree of 1 to 64 leaves, every leaf and every pair of sizes: generated from stored
 * subtrees, they are exactly RFC 9162's definitions (the literal {@link ReferenceTree}), they verify,
 * and any change to them is rejected.
 */
class ProofsTest {

    static final int MAX = 64;
    final MemoryLog log = MemoryLog.empty();
    final List<byte[]> leaves = new ArrayList<>();

    ProofsTest() {
        for (int i = 0; i < MAX; i++) {
            byte[] entry = ("custody event " + i).getBytes(StandardCharsets.UTF_8);
            log.append(entry);
            leaves.add(TreeHash.leaf(entry));
        }
    }

    @Test
    void everyInclusionProofUpTo64LeavesIsRfc9162sPathAndVerifies() throws Exception {
        for (int size = 1; size <= MAX; size++) {
            byte[] root = ReferenceTree.mth(leaves.subList(0, size));
            assertThat(TreeHash.root(log, size)).isEqualTo(root);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = InclusionProofs.prove(log, index, size);
                assertThat(proof).as("leaf %d of %d", index, size).containsExactlyElementsOf(ReferenceTree.path(index, leaves.subList(0, size)));
                InclusionProofs.verify(index, size, leaves.get(index), proof, root);
            }
        }
    }

    @Test
    void everyConsistencyProofUpTo64LeavesIsRfc9162sProofAndVerifies() throws Exception {
        for (int size2 = 1; size2 <= MAX; size2++) {
            byte[] root2 = ReferenceTree.mth(leaves.subList(0, size2));
            for (int size1 = 1; size1 <= size2; size1++) {
                List<byte[]> proof = ConsistencyProofs.prove(log, size1, size2);
                assertThat(proof).as("%d to %d", size1, size2).containsExactlyElementsOf(ReferenceTree.proof(size1, leaves.subList(0, size2)));
                ConsistencyProofs.verify(size1, size2, proof, ReferenceTree.mth(leaves.subList(0, size1)), root2);
            }
        }
    }

    @Test
    void anInclusionProofIsRejectedForAnyOtherLeafIndexSizeOrChangedHash() {
        for (int n = 1; n <= MAX; n++) {
            long size = n;
            byte[] root = TreeHash.root(log, size);
            byte[] otherRoot = TreeHash.root(log, size == 1 ? 2 : size - 1);
            for (long index = 0; index < size; index++) {
                long at = index;
                List<byte[]> proof = InclusionProofs.prove(log, at, size);
                byte[] leaf = leaves.get((int) at);
                for (long other = 0; other < size; other++) {
                    long o = other;
                    if (o != at) {
                        rejected(() -> InclusionProofs.verify(o, size, leaf, proof, root));
                        rejected(() -> InclusionProofs.verify(at, size, leaves.get((int) o), proof, root));
                    }
                }
                if (size < MAX) {
                    // The root binds the size: the same path may fit a larger tree's shape, never its root.
                    byte[] largerRoot = TreeHash.root(log, size + 1);
                    rejected(() -> InclusionProofs.verify(at, size + 1, leaf, proof, largerRoot));
                }
                rejected(() -> InclusionProofs.verify(at, size, leaf, proof, otherRoot));
                for (int i = 0; i < proof.size(); i++) {
                    int h = i;
                    rejected(() -> InclusionProofs.verify(at, size, leaf, flipped(proof, h), root));
                    rejected(() -> InclusionProofs.verify(at, size, leaf, without(proof, h), root));
                }
                rejected(() -> InclusionProofs.verify(at, size, leaf, with(proof, leaf), root));
            }
        }
    }

    @Test
    void aConsistencyProofIsRejectedForOtherSizesRootsOrChangedHashes() {
        for (int size2 = 2; size2 <= MAX; size2++) {
            byte[] root2 = TreeHash.root(log, size2);
            for (int size1 = 1; size1 < size2; size1++) {
                List<byte[]> proof = ConsistencyProofs.prove(log, size1, size2);
                byte[] root1 = TreeHash.root(log, size1);
                long s1 = size1, s2 = size2;
                rejected(() -> ConsistencyProofs.verify(s2, s1, proof, root2, root1));
                rejected(() -> ConsistencyProofs.verify(s1, s2, proof, root2, root1));
                rejected(() -> ConsistencyProofs.verify(s1, s2, proof, root1, TreeHash.root(log, s2 - 1)));
                if (s1 > 1) {
                    rejected(() -> ConsistencyProofs.verify(s1 - 1, s2, proof, TreeHash.root(log, s1 - 1), root2));
                }
                for (int i = 0; i < proof.size(); i++) {
                    int at = i;
                    rejected(() -> ConsistencyProofs.verify(s1, s2, flipped(proof, at), root1, root2));
                    rejected(() -> ConsistencyProofs.verify(s1, s2, without(proof, at), root1, root2));
                }
                rejected(() -> ConsistencyProofs.verify(s1, s2, with(proof, root1), root1, root2));
            }
        }
    }

    @Test
    void malformedInputIsRejectedAndNeverThrowsAnythingElse() {
        Random random = new Random(9162);
        long[] sizes = {Long.MIN_VALUE, -1, 0, 1, 2, 3, 7, 8, 9, 63, 64, 65, 1L << 40, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        byte[] hash = leaves.get(0);
        for (int round = 0; round < 20_000; round++) {
            long a = sizes[random.nextInt(sizes.length)];
            long b = sizes[random.nextInt(sizes.length)];
            List<byte[]> proof = new ArrayList<>();
            for (int i = random.nextInt(70); i > 0; i--) {
                int pick = random.nextInt(40);
                proof.add(pick == 0 ? null : pick == 1 ? new byte[0] : pick == 2 ? new byte[33] : hash);
            }
            byte[] root = random.nextInt(10) == 0 ? null : random.nextBoolean() ? hash : new byte[random.nextInt(40)];
            List<byte[]> maybeNull = random.nextInt(20) == 0 ? null : proof;
            assertThatCode(() -> {
                try {
                    InclusionProofs.verify(a, b, random.nextInt(10) == 0 ? null : hash, maybeNull, root);
                } catch (ProofRejected expected) {
                    // the only allowed failure
                }
                try {
                    ConsistencyProofs.verify(a, b, maybeNull, root, hash);
                } catch (ProofRejected expected) {
                    // the only allowed failure
                }
            }).as("sizes %d and %d, %d hashes", a, b, proof.size()).doesNotThrowAnyException();
        }
    }

    @Test
    void theRejectionSaysWhatIsWrong() {
        byte[] root = TreeHash.root(log, 8);
        List<byte[]> proof = InclusionProofs.prove(log, 3, 8);
        assertThatThrownBy(() -> InclusionProofs.verify(8, 8, leaves.get(3), proof, root)).hasMessage("leaf 8 is not in a tree of 8");
        assertThatThrownBy(() -> InclusionProofs.verify(3, 8, leaves.get(3), proof.subList(0, 2), root))
                .hasMessage("an inclusion proof of leaf 3 in a tree of 8 has 3 hashes, not 2");
        assertThatThrownBy(() -> InclusionProofs.verify(3, 8, leaves.get(4), proof, root))
                .hasMessage("the inclusion proof of leaf 3 does not lead to the root of the tree of 8");
        assertThatThrownBy(() -> ConsistencyProofs.verify(0, 8, List.of(), TreeHash.empty(), root))
                .hasMessage("a consistency proof from the empty tree proves nothing");
    }

    @Test
    void generatingAProofOutsideTheSourceIsAProgrammingError() {
        assertThatThrownBy(() -> InclusionProofs.prove(log, 64, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InclusionProofs.prove(log, 0, 65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsistencyProofs.prove(log, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsistencyProofs.prove(log, 6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ConsistencyProofs.prove(log, 5, 5)).isEmpty();
    }

    private static void rejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ProofRejected.class);
    }

    private static List<byte[]> flipped(List<byte[]> proof, int at) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] changed = Arrays.copyOf(proof.get(at), 32);
        changed[at % 32] ^= 1;
        copy.set(at, changed);
        return copy;
    }

    private static List<byte[]> without(List<byte[]> proof, int at) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.remove(at);
        return copy;
    }

    private static List<byte[]> with(List<byte[]> proof, byte[] extra) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.add(extra);
        return copy;
    }
}
