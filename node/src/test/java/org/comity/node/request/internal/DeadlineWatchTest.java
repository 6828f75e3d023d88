package org.comity.node.request.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.request.Urgency;
import org.comity.node.support.ClockedNodeTest;
import org.comity.node.support.Documents;
import org.comity.node.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The legal clock's alarm, with time moved by hand: alerts once per deadline and level, and preservations that lapse. */
class DeadlineWatchTest extends ClockedNodeTest {

    @Autowired
    DeadlineWatch watch;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Authority contactA, contactB;
    Http asker, answerer;

    @BeforeEach
    void world() {
        contactA = fixtures.authority(fixtures.state("A"), AuthorityKind.POINT_OF_CONTACT);
        contactB = fixtures.authority(fixtures.state("B"), AuthorityKind.POINT_OF_CONTACT);
        // Tokens that outlive the months this test moves the clock through.
        asker = http(fixtures.token(fixtures.user(contactA, Role.POINT_OF_CONTACT), Duration.ofDays(365)));
        answerer = http(fixtures.token(fixtures.user(contactB, Role.POINT_OF_CONTACT), Duration.ofDays(365)));
        watch.runOnce(); // whatever earlier tests left due is settled before this one starts counting
    }

    @Test
    void anUnacknowledgedPreservationRequestRaisesDueSoonThenOverdueOnce() {
        String id = sent("budapest-29", Urgency.URGENT);
        assertThat(alertsFor(answerer, id)).isEmpty();
        clock.advance(Duration.ofMinutes(46)); // the last quarter of the hour
        watch.runOnce();
        watch.runOnce();
        assertThat(alertsFor(answerer, id)).extracting(a -> a.get("level").asString()).containsExactly("DUE_SOON");
        clock.advance(Duration.ofMinutes(15));
        watch.runOnce();
        assertThat(alertsFor(answerer, id)).extracting(a -> a.get("level").asString()).containsExactlyInAnyOrder("DUE_SOON", "OVERDUE");
        assertThat(alertsFor(asker, id)).isEmpty(); // the deadline is the requested side's
        assertThat(answerer.get("/api/v1/requests?box=INBOX&deadline=OVERDUE").json().get("items"))
                .extracting(n -> n.get("id").asString()).contains(id);
        assertThat(answerer.get("/api/v1/requests?box=INBOX&deadline=DUE_SOON").json().get("items"))
                .extracting(n -> n.get("id").asString()).doesNotContain(id);
    }

    @Test
    void aPreservationThatRunsOutExpiresByItselfAndTheRequesterWasWarned() {
        String id = sent("budapest-29", Urgency.URGENT);
        act(answerer, id, "acknowledge");
        act(answerer, id, "confirm-preservation");
        clock.advance(Duration.ofDays(54));
        watch.runOnce();
        assertThat(alertsFor(asker, id)).extracting(a -> a.get("deadline").asString() + ":" + a.get("level").asString())
                .contains("PRESERVATION_EXPIRY:DUE_SOON");
        clock.advance(Duration.ofDays(6).plusMinutes(1));
        watch.runOnce();
        JsonNode request = asker.get("/api/v1/requests/" + id).json();
        assertThat(request.get("preservation").get("status").asString()).isEqualTo("EXPIRED");
        List<JsonNode> events = asker.get("/api/v1/requests/" + id + "/events").json().valueStream().toList();
        JsonNode last = events.getLast();
        assertThat(last.get("type").asString()).isEqualTo("PRESERVATION_EXPIRED");
        assertThat(last.get("actor").has("userId")).isFalse();
        assertThat(last.get("actor").get("name").asString()).contains("XA");
        watch.runOnce();
        assertThat(asker.get("/api/v1/requests/" + id + "/events").json().size()).isEqualTo(events.size());
    }

    @Test
    void anExtendedPreservationDoesNotExpireAtItsFirstEnd() {
        String id = sent("budapest-29", Urgency.URGENT);
        act(answerer, id, "acknowledge");
        act(answerer, id, "confirm-preservation");
        clock.advance(Duration.ofDays(55));
        act(answerer, id, "extend-preservation");
        clock.advance(Duration.ofDays(10));
        watch.runOnce();
        assertThat(asker.get("/api/v1/requests/" + id).json().get("preservation").get("status").asString()).isEqualTo("PRESERVED");
    }

    @Test
    void aTokenStopsWorkingWhenItExpires() {
        String token = fixtures.token(fixtures.user(contactA, Role.POINT_OF_CONTACT), Duration.ofDays(1));
        assertThat(http(token).get("/api/v1/requests").status()).isEqualTo(200);
        clock.advance(Duration.ofDays(1));
        Http.Reply expired = http(token).get("/api/v1/requests");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("detail").asString()).contains("expired");
    }

    String sent(String instrument, Urgency urgency) {
        Http.Reply created = asker.post("/api/v1/requests", Documents.complete(instrument, null, contactB.id(), urgency));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("summary").get("id").asString();
        act(asker, id, "submit");
        return id;
    }

    @Test
    void anAlertNoLongerShowsARequestToAnAuthorityItWasTakenFrom() {
        String b = fixtures.state("B reassigned");
        Authority central = fixtures.authority(b, AuthorityKind.CENTRAL_AUTHORITY);
        Authority first = fixtures.authority(b, AuthorityKind.JUDICIAL_AUTHORITY);
        Authority second = fixtures.authority(b, AuthorityKind.JUDICIAL_AUTHORITY);
        Http ca = http(fixtures.token(fixtures.user(central, Role.CENTRAL_AUTHORITY), Duration.ofDays(365)));
        Http firstJudge = http(fixtures.token(fixtures.user(first, Role.JUDICIAL_AUTHORITY), Duration.ofDays(365)));
        Http secondJudge = http(fixtures.token(fixtures.user(second, Role.JUDICIAL_AUTHORITY), Duration.ofDays(365)));
        Http.Reply sent = asker.post("/api/v1/requests?submit=true", Documents.complete("budapest-31", null, central.id(), Urgency.NORMAL));
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        String id = sent.json().get("summary").get("id").asString();
        act(ca, id, "acknowledge");
        assertThat(ca.post("/api/v1/requests/" + id + "/actions/assign", Map.of("authority", first.id().toString())).status()).isEqualTo(200);
        // An alert raised while the first authority executed the request.
        jdbc.sql("insert into deadline_alert (request_id, deadline, level, due_at, raised_at, authority_id) values (?, 'EXECUTE', 'DUE_SOON', ?, ?, ?)")
                .params(java.util.UUID.fromString(id), java.sql.Timestamp.from(clock.instant().plus(Duration.ofDays(1))),
                        java.sql.Timestamp.from(clock.instant()), first.id())
                .update();
        assertThat(alertsFor(firstJudge, id)).hasSize(1);
        assertThat(ca.post("/api/v1/requests/" + id + "/actions/assign", Map.of("authority", second.id().toString())).status()).isEqualTo(200);
        assertThat(firstJudge.get("/api/v1/requests/" + id).status()).isEqualTo(404);
        assertThat(alertsFor(firstJudge, id)).isEmpty();
        assertThat(alertsFor(ca, id)).hasSize(1); // the state's central authority still sees its state's alerts
        assertThat(secondJudge.get("/api/v1/requests/" + id).status()).isEqualTo(200);
    }

    void act(Http who, String id, String action) {
        Http.Reply r = who.post("/api/v1/requests/" + id + "/actions/" + action, Map.of());
        assertThat(r.status()).as(action + " " + r.text()).isEqualTo(200);
    }

    static List<JsonNode> alertsFor(Http who, String requestId) {
        return who.get("/api/v1/alerts").json().valueStream().filter(a -> a.get("requestId").asString().equals(requestId)).toList();
    }
}
