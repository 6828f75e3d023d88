package org.comity.node.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.comity.custody.checkpoint.CheckpointRejected;
import org.comity.custody.checkpoint.SignedCheckpoint;

/**
 * What any peer (or anyone) may post to {@code /comity/witness/add-checkpoint}: the request's
 * lines are read, or refused as malformed (a 400), and the checkpoint in it is read or refused
 * with a reason; nothing else escapes.
 */
class WitnessRequestFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void addCheckpointRequestsParseOrAreRefused(byte[] input) {
        Witnessing.Request request;
        try {
            request = Witnessing.Request.parse(new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            assertThat(malformed.getMessage()).isNotBlank();
            return;
        }
        assertThat(request.old()).isNotNegative();
        assertThat(request.proof()).hasSizeLessThanOrEqualTo(63).allSatisfy(h -> assertThat(h).hasSize(32));
        try {
            assertThat(SignedCheckpoint.parse(request.checkpoint()).checkpoint().size()).isNotNegative();
        } catch (CheckpointRejected refused) {
            assertThat(refused.reason()).isNotNull();
        }
    }
}
