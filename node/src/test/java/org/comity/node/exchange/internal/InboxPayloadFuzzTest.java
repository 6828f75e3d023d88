package org.comity.node.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonException;
import org.comity.node.request.Proposal;
import org.comity.node.request.RemoteFile;
import org.comity.node.request.Replication;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.Submission;

/**
 * Message payloads as a peer might send them, after the envelope verified: each is read into the
 * request module's records or refused as unreadable content; nothing else escapes (an unexpected
 * exception would be a 500 to the peer and a stuck conversation).
 */
class InboxPayloadFuzzTest {

    private static final UUID CONVERSATION = UUID.fromString("01a20870-0000-7000-8000-000000000001");
    private static final List<String> TYPES = List.of(Outbox.SUBMITTED, Outbox.EVENT, Outbox.PROPOSAL, Outbox.PROPOSAL_REFUSED, "request.other");

    @FuzzTest(maxDuration = "20s")
    void payloadsAreReadOrRefusedAsContent(byte[] input) {
        if (input.length < 1) {
            return;
        }
        String type = TYPES.get((input[0] & 0xff) % TYPES.size());
        Map<String, Object> payload;
        try {
            payload = Json.parseObject(new String(input, 1, input.length - 1, StandardCharsets.UTF_8), 1 << 20);
        } catch (JsonException unreadable) {
            return;
        }
        Recorder recorder = new Recorder();
        try {
            Inbox.dispatch(recorder, "XB", CONVERSATION, type, payload);
            assertThat(recorder.calls).hasSize(1);
        } catch (Wire.PayloadException | Inbox.Refusal refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    /** Records what the inbox handed over; the request module's own checks are tested with real nodes. */
    static final class Recorder implements Replication {
        final List<Object> calls = new ArrayList<>();

        @Override
        public Submission submission(UUID requestId, RequestEvent submitted) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<RemoteFile> file(UUID requestId, UUID attachmentId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void receive(String sender, Submission submission) {
            calls.add(submission);
        }

        @Override
        public void record(String sender, UUID requestId, RequestEvent event, RemoteFile file) {
            calls.add(event);
        }

        @Override
        public void propose(String sender, UUID requestId, Proposal proposal, RemoteFile file) {
            calls.add(proposal);
        }

        @Override
        public void refused(String sender, UUID requestId, UUID proposalId, String reason) {
            calls.add(proposalId);
        }
    }
}
