package org.comity.custody.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-memory log and the streaming root builder agree with RFC 9162's definition of the root at
 * every size; the log answers from stored subtrees; the builder checks a million-event log against
 * its checkpoint quickly in constant memory.
 */
class LogAndRootBuilderTest {

    @Test
    void theLogAndTheBuilderGiveRfc9162sRootAtEverySize() {
        MemoryLog log = MemoryLog.empty();
        RootBuilder builder = RootBuilder.empty();
        List<byte[]> leaves = new ArrayList<>();
        assertThat(log.root()).isEqualTo(TreeHash.empty());
        assertThat(builder.root()).isEqualTo(TreeHash.empty());
        for (int i = 0; i < 600; i++) {
            byte[] entry = event(i);
            assertThat(log.append(entry)).isEqualTo(i);
            builder.appendEntry(entry);
            leaves.add(TreeHash.leaf(entry));
            byte[] expected = ReferenceTree.mth(leaves);
            assertThat(log.root()).as("size %d", i + 1).isEqualTo(expected);
            assertThat(builder.root()).as("size %d", i + 1).isEqualTo(expected);
            assertThat(builder.size()).isEqualTo(i + 1);
        }
        // Earlier sizes stay answerable: their complete subtrees are all still stored.
        for (int size = 0; size <= 600; size += 37) {
            assertThat(TreeHash.root(log, size)).isEqualTo(ReferenceTree.mth(leaves.subList(0, size)));
        }
    }

    @Test
    void aRootReadsOneStoredSubtreePerSetBitOfTheSizeAndNoLeaves() {
        MemoryLog log = MemoryLog.empty();
        for (int i = 0; i < 70_000; i++) {
            log.append(event(i));
        }
        List<Integer> levelsRead = new ArrayList<>();
        HashSource counting = new HashSource() {
            @Override
            public long size() {
                return log.size();
            }

            @Override
            public byte[] subtreeHash(int level, long index) {
                levelsRead.add(level);
                return log.subtreeHash(level, index);
            }
        };
        assertThat(TreeHash.root(counting, 70_000)).isEqualTo(log.root());
        // 70,000 = 2^16 + 2^12 + 2^8 + 2^6 + 2^5 + 2^4
        assertThat(levelsRead).containsExactly(16, 12, 8, 6, 5, 4);
    }

    @Test
    void aHashNotStoredIsRefusedRatherThanInvented() {
        MemoryLog log = MemoryLog.empty();
        log.append(event(0));
        log.append(event(1));
        log.append(event(2));
        assertThat(log.subtreeHash(1, 0)).isEqualTo(TreeHash.node(TreeHash.leaf(event(0)), TreeHash.leaf(event(1))));
        assertThatThrownBy(() -> log.subtreeHash(1, 1)).isInstanceOf(IllegalArgumentException.class); // leaves 2-3: incomplete
        assertThatThrownBy(() -> log.subtreeHash(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.appendLeafHash(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamOfCustodyEventsGivesTheRootTheLogSigned() {
        // The speed of this at a million events is measured in the bench module, never asserted here.
        int count = 100_000;
        MemoryLog ledger = MemoryLog.empty();
        for (int i = 0; i < count; i++) {
            ledger.append(event(i));
        }
        RootBuilder verifier = RootBuilder.empty();
        for (int i = 0; i < count; i++) {
            verifier.appendEntry(event(i));
        }
        assertThat(verifier.size()).isEqualTo(count);
        assertThat(verifier.root()).isEqualTo(ledger.root());
    }

    /** A custody event of realistic size (about 200 bytes of canonical JSON). */
    static byte[] event(int seq) {
        return ("{\"actor\":\"XA/officer-17\",\"at\":\"2026-11-23T12:00:00Z\",\"evidence\":\"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
                + "\"seq\":" + seq + ",\"type\":\"custody.transferred\"}").getBytes(StandardCharsets.UTF_8);
    }
}
