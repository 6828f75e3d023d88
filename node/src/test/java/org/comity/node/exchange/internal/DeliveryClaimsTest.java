package org.comity.node.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outbox rows as the delivery worker and an administrator change them: only the current claim's
 * holder records an answer, and a dead letter queued again is signed anew by when its kept message
 * was signed, not by the row's age.
 */
class DeliveryClaimsTest extends NodeTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeliveryWorker worker;

    String state;

    @BeforeEach
    void peer() {
        state = fixtures.state("Claims");
        // A node with no keys: the running worker fails whatever it claims for it before signing anything.
        jdbc.sql("insert into node (id, name, state_code, local) values ('ZZ-CLAIMS', 'Nowhere', ?, false) on conflict do nothing")
                .param(state).update();
    }

    private UUID row(String status, String claimedUntil, UUID claim, Instant createdAt, Instant signedAt, String signed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into outbox_message (id, destination, type, payload, created_at, status, attempts, next_attempt_at, message_id, seq,
                    signed_message, envelope_digest, signed_at, claim, claimed_until)
                values (?, 'ZZ-CLAIMS', 'request.event', '{}'::jsonb, ?, ?, 3, now(), ?, 1, ?, ?, ?, ?, now() + ?::interval)
                """)
                .params(id, java.sql.Timestamp.from(createdAt), status, UUID.randomUUID(), signed, signed == null ? null : "digest-" + signed,
                        signedAt == null ? null : java.sql.Timestamp.from(signedAt), claim, claimedUntil)
                .update();
        return id;
    }

    private Map<String, Object> read(UUID id) {
        return jdbc.sql("select status, attempts, last_error, signed_message, claim from outbox_message where id = ?").param(id).query().singleRow();
    }

    private static DeliveryWorker.Claimed claimed(UUID id, UUID claim) {
        return new DeliveryWorker.Claimed(id, UUID.randomUUID(), null, "ZZ-CLAIMS", "request.event", 1, "{}", null, "jws", "digest-jws", 3,
                Instant.now(), claim);
    }

    @Test
    void aLateAnswerToAClaimTakenOverSinceChangesNothing() {
        UUID current = UUID.randomUUID();
        UUID id = row("PENDING", "1 hour", current, Instant.now(), Instant.now(), "jws");
        // The instance whose lease ran out hears back at last: a verdict that would make a dead letter.
        worker.failed(claimed(id, UUID.randomUUID()), "refused long ago", true);
        assertThat(read(id)).containsEntry("status", "PENDING").containsEntry("attempts", 3).containsEntry("claim", current);
        // The holder of the current claim records its answer.
        worker.failed(claimed(id, current), "no answer", false);
        assertThat(read(id)).containsEntry("status", "PENDING").containsEntry("attempts", 4).containsEntry("last_error", "no answer")
                .containsEntry("claim", null);
    }

    @Test
    void aDeadLetterQueuedAgainIsSignedAnewOnlyWhenItsMessageWasSignedTooLongAgo() {
        Http admin = http(fixtures.token(fixtures.user(fixtures.authority(state, AuthorityKind.CENTRAL_AUTHORITY), Role.ADMIN)));
        Instant monthAgo = Instant.now().minus(java.time.Duration.ofDays(30));
        // Queued a month ago, signed anew an hour ago by an earlier retry: the same bytes go again.
        UUID recent = row("DEAD", "0 seconds", null, monthAgo, Instant.now().minus(java.time.Duration.ofHours(1)), "recent");
        // Signed a month ago: past the replay window, signed anew.
        UUID old = row("DEAD", "0 seconds", null, monthAgo, monthAgo, "old");
        for (UUID id : new UUID[] {recent, old}) {
            assertThat(admin.post("/api/v1/admin/exchange/messages/" + id + "/retry", Map.of()).status()).isBetween(200, 204);
        }
        assertThat(read(recent).get("signed_message")).isEqualTo("recent");
        assertThat(read(old).get("signed_message")).isNull();
    }
}
