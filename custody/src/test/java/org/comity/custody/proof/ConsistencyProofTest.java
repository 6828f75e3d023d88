package org.comity.custody.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.comity.custody.checkpoint.Checkpoint;
import org.comity.custody.merkle.MemoryLog;
import org.comity.custody.merkle.ProofRejected;
import org.junit.jupiter.api.Test;

/** A consistency proof between two checkpoints travels as text and shows the later ledger extends the earlier. */
class ConsistencyProofTest {

    static final String ORIGIN = "xa.comity.example/comity/ledger";

    @Test
    void aProofReadsBackAndLinksTheTwoCheckpoints() throws Exception {
        MemoryLog log = MemoryLog.empty();
        for (int i = 0; i < 7; i++) {
            log.append(("event " + i).getBytes(StandardCharsets.UTF_8));
        }
        Checkpoint older = Checkpoint.of(ORIGIN, 7, log.root());
        for (int i = 7; i < 20; i++) {
            log.append(("event " + i).getBytes(StandardCharsets.UTF_8));
        }
        Checkpoint newer = Checkpoint.of(ORIGIN, 20, log.root());
        ConsistencyProof proof = ConsistencyProof.prove(log, 7, 20);

        String text = proof.format();
        assertThat(text).startsWith("comity.org/consistency-proof@v1\nold 7\nnew 20\n").endsWith("=\n");
        ConsistencyProof read = ConsistencyProof.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(proof);
        read.verify(older, newer);
        assertThatThrownBy(() -> read.verify(Checkpoint.of(ORIGIN, 7, newer.rootHash()), newer)).isInstanceOf(ProofRejected.class);
        assertThatThrownBy(() -> read.verify(newer, newer)).isInstanceOf(ProofRejected.class).hasMessageContaining("not from 20 to 20");
    }

    @Test
    void onlyTheOneWrittenFormIsRead() {
        for (String bad : new String[] {"", "comity.org/consistency-proof@v1\nold 7\nnew 20", "comity.org/consistency-proof@v1\nold 07\nnew 20\n",
                "comity.org/consistency-proof@v1\nold 7\nnew 20\nnot base64\n", "comity.org/consistency-proof@v1\nold 0\nnew 20\n",
                "comity.org/consistency-proof@v1\nold 21\nnew 20\n", "other\nold 7\nnew 20\n"}) {
            assertThatThrownBy(() -> ConsistencyProof.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isInstanceOf(ProofRejected.class);
        }
    }
}
