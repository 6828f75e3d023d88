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

    void act(Http who, String id, String action) {
        Http.Reply r = who.post("/api/v1/requests/" + id + "/actions/" + action, Map.of());
        assertThat(r.status()).as(action + " " + r.text()).isEqualTo(200);
    }

    static List<JsonNode> alertsFor(Http who, String requestId) {
        return who.get("/api/v1/alerts").json().valueStream().filter(a -> a.get("requestId").asString().equals(requestId)).toList();
    }
}
