package org.comity.node.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A peer's answer to a batch, as the sending node reads it: any text is a result per message sent,
 * each a receipt to check or a status with a code, or it is refused as not an answer; nothing
 * else escapes (an exception there would leave the batch's messages claimed until their lease ran out).
 */
class BatchAnswerFuzzTest {

    static final List<UUID> SENT = List.of(UUID.fromString("0192f0a0-0000-7000-8000-000000000001"),
            UUID.fromString("0192f0a0-0000-7000-8000-000000000002"));

    @FuzzTest(maxDuration = "20s")
    void answersParseOrAreRefused(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (int n = 1; n <= SENT.size(); n++) {
            BatchAnswer answer;
            try {
                answer = BatchAnswer.parse(text, SENT.subList(0, n));
            } catch (IllegalArgumentException refused) {
                assertThat(refused.getMessage()).isNotBlank();
                continue;
            }
            assertThat(answer.results()).hasSize(n);
            for (int i = 0; i < n; i++) {
                BatchAnswer.Result r = answer.results().get(i);
                assertThat(r.message()).isEqualTo(SENT.get(i));
                assertThat(r.accepted() ? r.receipt() : r.code()).isNotNull();
            }
            // What the sender read, written again, reads the same.
            assertThat(BatchAnswer.parse(answer.json(), SENT.subList(0, n))).isEqualTo(answer);
        }
    }
}
