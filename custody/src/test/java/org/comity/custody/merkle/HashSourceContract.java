package org.comity.custody.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HashSource} promises, for each implementation to run (the node's ledger store
 * included): the hash of every complete subtree, by its definition, as a fresh array; a refusal for
 * anything that is not a complete subtree of the source.
 */
public abstract class HashSourceContract {

    static final int[] SIZES = {1, 2, 3, 255, 256, 257, 1_000, 70_000};

    /** A source holding exactly these entries, in order. */
    protected abstract HashSource sourceOf(List<byte[]> entries);

    @Test
    void everyCompleteSubtreeHasTheHashOfItsLeaves() {
        for (int size : SIZES) {
            List<byte[]> entries = entries(size);
            HashSource source = sourceOf(entries);
            assertThat(source.size()).isEqualTo(size);
            // By definition: level 0 the leaf hashes, each level up the node hash of two neighbours below.
            List<byte[]> level = new ArrayList<>(entries.stream().map(TreeHash::leaf).toList());
            for (int height = 0; !level.isEmpty(); height++) {
                for (int i = 0; i < level.size(); i++) {
                    assertThat(source.subtreeHash(height, i)).as("size %d, height %d, index %d", size, height, i).isEqualTo(level.get(i));
                }
                List<byte[]> above = new ArrayList<>();
                for (int i = 0; i + 1 < level.size(); i += 2) {
                    above.add(TreeHash.node(level.get(i), level.get(i + 1)));
                }
                level = above;
            }
        }
    }

    @Test
    void theCallerMayKeepAndChangeWhatItIsGiven() {
        HashSource source = sourceOf(entries(300));
        byte[] first = source.subtreeHash(8, 0);
        byte[] copy = first.clone();
        Arrays.fill(first, (byte) 0);
        assertThat(source.subtreeHash(8, 0)).isEqualTo(copy);
    }

    @Test
    void incompleteOrMissingSubtreesAreRefused() {
        HashSource source = sourceOf(entries(300));
        assertThatThrownBy(() -> source.subtreeHash(0, 300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> source.subtreeHash(2, 75)).isInstanceOf(IllegalArgumentException.class); // leaves 300-303
        assertThatThrownBy(() -> source.subtreeHash(9, 0)).isInstanceOf(IllegalArgumentException.class); // 512 leaves
        assertThatThrownBy(() -> source.subtreeHash(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> source.subtreeHash(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    protected static List<byte[]> entries(int count) {
        List<byte[]> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(("{\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        return entries;
    }
}
