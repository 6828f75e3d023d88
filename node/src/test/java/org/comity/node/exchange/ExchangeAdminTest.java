package org.comity.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The administrator's exchange view over HTTP: a message received early that fails when its turn
 * comes is listed with its error and can be applied again (audited); others may not touch it.
 */
class ExchangeAdminTest extends NodeTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aStalledMessageIsListedAndAppliedAgainOnlyByAnAdministrator() {
        var authority = fixtures.authority(fixtures.state("Exchange"), AuthorityKind.CENTRAL_AUTHORITY);
        var adminUser = fixtures.user(authority, Role.ADMIN);
        Http admin = http(fixtures.token(adminUser));
        Http officer = http(fixtures.token(fixtures.user(authority, Role.CENTRAL_AUTHORITY)));
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        jdbc.sql("insert into conversation (request_id, peer, last_applied) values (?, 'XA', 0)").param(conversation).update();
        long waitingBefore = admin.get("/api/v1/admin/exchange/backlog").json().get("WAITING").asLong();
        // A refusal of a proposal about a request this node does not hold: it cannot be applied.
        jdbc.sql("""
                insert into inbox_message (id, sender, conversation, seq, type, message_sha256, envelope_digest, signer_kid, signed_message,
                    payload, received_at, receipt, apply_error)
                values (?, 'XA', ?, 1, 'request.proposal-refused', 'sha', 'digest', 'kid', 'jws', ?::jsonb, ?, 'receipt', 'Request not found')
                """)
                .params(message, conversation, "{\"request\":\"" + conversation + "\",\"proposal\":\"" + UUID.randomUUID() + "\",\"reason\":\"x\"}",
                        OffsetDateTime.now())
                .update();

        assertThat(admin.get("/api/v1/admin/exchange").json().get("stalled")).extracting(m -> m.get("message").asString())
                .contains(message.toString());
        assertThat(admin.get("/api/v1/admin/exchange/backlog").json().get("WAITING").asLong()).isEqualTo(waitingBefore + 1);
        var adminSession = new org.comity.node.support.SessionClient(port).signIn(adminUser.username(), org.comity.node.support.Fixtures.PASSWORD);
        String page = adminSession.get("/admin/exchange").body();
        assertThat(page).contains("id=\"stalled\"").contains("Request not found").contains("/admin/exchange/inbox/" + message + "/apply");
        // Every page an administrator opens points to it; other users' pages do not.
        assertThat(adminSession.get("/account").body()).contains("id=\"attention\"").contains("href=\"/admin/exchange#stalled-heading\"");
        var officerUser = fixtures.user(authority, Role.CENTRAL_AUTHORITY);
        assertThat(new org.comity.node.support.SessionClient(port).signIn(officerUser.username(), org.comity.node.support.Fixtures.PASSWORD)
                .get("/account").body()).doesNotContain("id=\"attention\"");
        assertThat(officer.post("/api/v1/admin/exchange/inbox/" + message + "/apply", Map.of()).status()).isEqualTo(403);
        assertThat(admin.post("/api/v1/admin/exchange/inbox/" + UUID.randomUUID() + "/apply", Map.of()).status()).isEqualTo(404);

        Http.Reply again = admin.post("/api/v1/admin/exchange/inbox/" + message + "/apply", Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("applied").asInt()).isZero(); // still fails: nothing changes, the error is kept
        assertThat(jdbc.sql("select apply_error from inbox_message where id = ?").param(message).query(String.class).single()).isNotBlank();
        assertThat(jdbc.sql("select last_applied from conversation where request_id = ?").param(conversation).query(Long.class).single()).isZero();
        assertThat(admin.get("/api/v1/audit?action=exchange.reapply&target=" + message).json().get("items"))
                .extracting(e -> e.get("outcome").asString()).containsExactly("FAILED");
    }

    @Test
    void aConversationWaitingForAMessageThatHasNotArrivedShowsWhichOneIsMissing() {
        var authority = fixtures.authority(fixtures.state("Gaps"), AuthorityKind.CENTRAL_AUTHORITY);
        var adminUser = fixtures.user(authority, Role.ADMIN);
        Http admin = http(fixtures.token(adminUser));
        UUID conversation = UUID.randomUUID();
        jdbc.sql("insert into conversation (request_id, peer, last_applied) values (?, 'XA', 2)").param(conversation).update();
        // Messages 4 and 5 arrived; 3 did not (refused for good here, say, or still on its way).
        for (int seq : new int[] {4, 5}) {
            jdbc.sql("""
                    insert into inbox_message (id, sender, conversation, seq, type, message_sha256, envelope_digest, signer_kid, signed_message,
                        payload, received_at, receipt)
                    values (?, 'XA', ?, ?, 'request.proposal', 'sha', 'digest', 'kid', 'jws', '{}'::jsonb, ?, 'receipt')
                    """)
                    .params(UUID.randomUUID(), conversation, seq, OffsetDateTime.now()).update();
        }
        var gap = admin.get("/api/v1/admin/exchange").json().get("gaps").valueStream()
                .filter(g -> g.get("conversation").asString().equals(conversation.toString())).findFirst().orElseThrow();
        assertThat(gap.get("missing").asLong()).isEqualTo(3);
        assertThat(gap.get("waiting").asLong()).isEqualTo(2);
        assertThat(gap.get("sender").asString()).isEqualTo("XA");
        String page = new org.comity.node.support.SessionClient(port).signIn(adminUser.username(), org.comity.node.support.Fixtures.PASSWORD)
                .get("/admin/exchange").body();
        assertThat(page).contains("id=\"gaps\"").contains(conversation.toString()).contains("#3");
    }

    @Test
    void aFloodOfGarbageIsRecordedOnlyUpToALimitAndDoesNotHideRefusalsOfTrustedNodes() {
        var authority = fixtures.authority(fixtures.state("Exchange flood"), AuthorityKind.CENTRAL_AUTHORITY);
        var adminUser = fixtures.user(authority, Role.ADMIN);
        Http admin = http(fixtures.token(adminUser));
        jdbc.sql("insert into inbox_rejection (at, reason, detail, sender, message_id, client) values (now() - interval '1 hour', 'INVALID_CONTENT', "
                + "'refused for a trusted node', 'XQ', ?, '127.0.0.1')").param(UUID.randomUUID()).update();
        long before = jdbc.sql("select count(*) from inbox_rejection").query(Long.class).single();
        Http peer = anonymous();
        for (int i = 0; i < 150; i++) {
            Http.Reply r = peer.postRaw("/federation/v1/envelopes", "application/jose", ("a.b.c.d." + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("type").asString()).isEqualTo("/problems/malformed");
        }
        long recorded = jdbc.sql("select count(*) from inbox_rejection").query(Long.class).single() - before;
        // The default: 60 a minute (two minutes at most, if the run crossed one).
        assertThat(recorded).isBetween(1L, 120L);
        var listed = admin.get("/api/v1/admin/exchange").json().get("rejections");
        assertThat(listed.valueStream().map(r -> r.get("detail").asString())).contains("refused for a trusted node");
        assertThat(listed.valueStream().filter(r -> r.get("sender") == null || r.get("sender").isNull())).hasSizeLessThanOrEqualTo(20);
        // The page tells a peer's refusal from a stranger's.
        String page = new org.comity.node.support.SessionClient(port).signIn(adminUser.username(), org.comity.node.support.Fixtures.PASSWORD)
                .get("/admin/exchange").body();
        assertThat(page).contains("refused for a trusted node").contains("<td>XQ</td>").contains("unverified sender (127.0.0.1)");
    }
}
