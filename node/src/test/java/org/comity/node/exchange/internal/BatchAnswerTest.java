package org.comity.node.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The answer to a batch as the receiver writes it and the sender reads it, and the answers the sender refuses. */
class BatchAnswerTest {

    static final UUID A = UUID.fromString("0192f0a0-0000-7000-8000-00000000000a");
    static final UUID B = UUID.fromString("0192f0a0-0000-7000-8000-00000000000b");

    @Test
    void whatTheReceiverWritesTheSenderReadsBack() {
        BatchAnswer answer = new BatchAnswer(List.of(BatchAnswer.Result.receipted(A, "h.p.s"),
                BatchAnswer.Result.refused(null, 422, "forged-sender", "node XC signed it")));
        BatchAnswer read = BatchAnswer.parse(answer.json(), List.of(A, B));
        assertThat(read.results().get(0)).isEqualTo(BatchAnswer.Result.receipted(A, "h.p.s"));
        // A result the receiver could not tie to a message is the sender's message at that place.
        assertThat(read.results().get(1)).isEqualTo(BatchAnswer.Result.refused(B, 422, "forged-sender", "node XC signed it"));
        assertThat(read.results().get(1).permanent()).isTrue();
        assertThat(BatchAnswer.Result.refused(A, 503, "unavailable", "again").permanent()).isFalse();
        assertThat(BatchAnswer.Result.refused(A, 429, "busy", "again").permanent()).isFalse();
        // Dated ahead of the recipient's clock: the same bytes pass once it catches up.
        assertThat(BatchAnswer.Result.refused(A, 422, "from-the-future", "later").permanent()).isFalse();
        assertThat(BatchAnswer.Result.refused(A, 422, "stale", "too old").permanent()).isTrue();
    }

    @Test
    void anAnswerThatDoesNotMatchTheBatchIsRefused() {
        String one = new BatchAnswer(List.of(BatchAnswer.Result.receipted(A, "h.p.s"))).json();
        assertThatThrownBy(() -> BatchAnswer.parse(one, List.of(A, B))).hasMessageContaining("1 results for 2 messages");
        assertThatThrownBy(() -> BatchAnswer.parse(one, List.of(B))).hasMessageContaining("is for message " + A);
        assertThatThrownBy(() -> BatchAnswer.parse("<html>", List.of(A))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> BatchAnswer.parse(null, List.of(A))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BatchAnswer.parse(one.replace("comity.batch-answer/1", "other"), List.of(A))).hasMessageContaining("not comity");
        assertThatThrownBy(() -> BatchAnswer.parse(one.replace("\"receipt\":\"h.p.s\",", ""), List.of(A))).hasMessageContaining("without a receipt");
        assertThatThrownBy(() -> BatchAnswer.parse(one.replace("200", "302"), List.of(A))).hasMessageContaining("status 302");
        assertThatThrownBy(() -> BatchAnswer.parse(one.replace("200", "200.5"), List.of(A))).hasMessageContaining("whole number");
        String refused = new BatchAnswer(List.of(BatchAnswer.Result.refused(A, 409, "replayed", "x"))).json();
        assertThatThrownBy(() -> BatchAnswer.parse(refused.replace("\"code\":\"replayed\",", ""), List.of(A))).hasMessageContaining("without a code");
    }

    @Test
    void aBatchRefusedWholeForASignatureIsSentAgainMessageByMessageAndNoOtherRefusalIs() {
        assertThat(DeliveryWorker.signatureRefused(422, "{\"type\":\"/problems/unknown-signer\",\"status\":422}")).isTrue();
        assertThat(DeliveryWorker.signatureRefused(422, "{\"type\":\"/problems/bad-signature\"}")).isTrue();
        assertThat(DeliveryWorker.signatureRefused(422, "{\"type\":\"/problems/not-for-us\"}")).isFalse();
        assertThat(DeliveryWorker.signatureRefused(400, "{\"type\":\"/problems/unknown-signer\"}")).isFalse();
        assertThat(DeliveryWorker.signatureRefused(422, "{\"type\":[\"/problems/unknown-signer\"]}")).isFalse();
        assertThat(DeliveryWorker.signatureRefused(422, "/problems/unknown-signer")).isFalse();
        assertThat(DeliveryWorker.signatureRefused(422, null)).isFalse();
        // Another implementation's absolute problem type reads the same; a type that names no problem does not.
        assertThat(DeliveryWorker.signatureRefused(422, "{\"type\":\"https://node.example/problems/unknown-signer\"}")).isTrue();
        assertThat(DeliveryWorker.problemCode("{\"type\":\"https://node.example/problems/\"}")).isNull();
        assertThat(DeliveryWorker.problemCode("{\"type\":\"about:blank\"}")).isNull();
        assertThat(DeliveryWorker.problemCode("{\"type\":\"/problems/replayed\"}")).isEqualTo("replayed");
        assertThat(DeliveryWorker.problemCode("{\"type\":\"https://example.org/replayed\"}")).isNull();
    }

    @Test
    void aKeyThePeerDoesNotKnowYetIsTriedAgainAndOtherVerdictsAreFinal() {
        assertThat(BatchAnswer.Result.refused(A, 422, "unknown-signer", "signed with key k").permanent()).isFalse();
        assertThat(BatchAnswer.Result.refused(A, 422, "forged-sender", "node XC signed it").permanent()).isTrue();
        // Sealed to a key the peer has retired: the next attempt seals to the key the trust list names then.
        assertThat(BatchAnswer.permanent(422, "not-for-us")).isFalse();
        assertThat(BatchAnswer.Result.refused(A, 409, "replayed", "other content").permanent()).isTrue();
        assertThat(BatchAnswer.Result.refused(A, 503, "unavailable", "again").permanent()).isFalse();
    }

    @Test
    void claimedMessagesGoInBatchesPerPeerInTheirOrderUpToTheSize() {
        List<DeliveryWorker.Claimed> claimed = List.of(claimed("XB", 1, 10), claimed("XC", 1, 10), claimed("XB", 2, 10), claimed("XB", 3, 10),
                claimed("XC", 2, 10));
        List<List<DeliveryWorker.Claimed>> batches = DeliveryWorker.batches(claimed, 2);
        assertThat(batches).extracting(b -> b.stream().map(m -> m.destination() + m.seq()).toList())
                .containsExactly(List.of("XB1", "XB2"), List.of("XB3"), List.of("XC1", "XC2"));
        // A large message (an attachment) does not share a batch that would grow past about 12 Mi characters.
        List<List<DeliveryWorker.Claimed>> big = DeliveryWorker.batches(List.of(claimed("XB", 1, 100), claimed("XB", 2, 10_000_000),
                claimed("XB", 3, 10_000_000), claimed("XB", 4, 100)), 64);
        assertThat(big).extracting(List::size).containsExactly(2, 2);
    }

    private static DeliveryWorker.Claimed claimed(String peer, long seq, int payloadChars) {
        return new DeliveryWorker.Claimed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), peer, "request.event", seq,
                "x".repeat(payloadChars), null, null, null, 0, Instant.EPOCH, UUID.randomUUID());
    }
}
