package org.comity.node.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.keys.EdDsaJws;
import org.comity.custody.keys.EncryptionKey;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.trust.TrustList;
import org.comity.custody.trust.TrustLists;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.directory.NodeIdentity;
import org.comity.node.platform.Actor;
import org.comity.node.platform.Role;
import org.comity.node.request.Action;
import org.comity.node.request.CommandInput;
import org.comity.node.request.RefusalGround;
import org.comity.node.request.Requests;
import org.comity.node.request.Urgency;
import org.comity.node.support.Documents;
import org.comity.node.support.Fixtures;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.comity.node.support.SessionClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Sharing aggregates: what a node publishes never holds a number standing for fewer than five
 * requests, it is signed with the node's key, and a statistics node keeps only what a trusted node
 * signed about its own state, and shows it by state.
 */
@TestPropertySource(properties = {"comity.statistics.accept-from-peers=true", "comity.statistics.publish-to=XS"})
class AggregateSharingTest extends NodeTest {

    @Autowired
    Requests requests;
    @Autowired
    Aggregates aggregates;
    @Autowired
    NodeIdentity identity;

    static final SigningKey PEER = SigningKey.generate();
    HttpServer statisticsNode;
    final AtomicReference<byte[]> receivedBody = new AtomicReference<>();
    final AtomicReference<String> receivedSignature = new AtomicReference<>();
    Authority central;
    User admin;
    String peerState;

    @BeforeEach
    void world() throws Exception {
        central = fixtures.authority(fixtures.state("Publishing"), AuthorityKind.CENTRAL_AUTHORITY);
        admin = fixtures.user(central, Role.ADMIN);
        statisticsNode = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        statisticsNode.createContext("/federation/v1/statistics", exchange -> {
            receivedBody.set(exchange.getRequestBody().readAllBytes());
            receivedSignature.set(exchange.getRequestHeaders().getFirst("Comity-Signature"));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        statisticsNode.start();
        peerState = pinPeer(URI.create("http://127.0.0.1:" + statisticsNode.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        statisticsNode.stop(0);
    }

    /** A peer "XS" hosting state XS, pinned by the administrator, whose signing key is {@link #PEER}. */
    String pinPeer(URI endpoint) {
        Http as = http(fixtures.token(admin));
        if (as.get("/api/v1/admin/peers").json().valueStream().anyMatch(n -> n.get("id").asString().equals("XS"))) {
            return "XS";
        }
        EncryptionKey enc = EncryptionKey.generate();
        Instant now = Instant.now();
        TrustList description = new TrustList(1, now, null, "XS", List.of(new TrustList.StateEntry("XS", "Statland", List.of("budapest-31"))),
                List.of(new TrustList.NodeEntry("XS", "XS", "Statland", endpoint, List.of(
                        new TrustList.NodeKey(PEER.kid(), "sig", PEER.publicJwk().toJSONObject(), now, null),
                        new TrustList.NodeKey(enc.kid(), "enc", enc.publicJwk().toJSONObject(), now, null)))),
                List.of(new TrustList.AuthorityEntry(UUID.randomUUID(), "XS", "XS", "Statland Central Authority", "CENTRAL_AUTHORITY",
                        List.of("en"), null)),
                List.of());
        String json = new String(CanonicalJson.bytes(TrustLists.toJson(description)), StandardCharsets.UTF_8);
        Http.Reply pinned = as.post("/api/v1/admin/peers", Map.of("description", json, "signingKid", PEER.kid()));
        assertThat(pinned.status()).as(pinned.text()).isEqualTo(200);
        return "XS";
    }

    @Test
    void noPublishedCellStandsForFewerThanFiveRequestsAndTheLargeOnesAreExact() throws Exception {
        // Requests received from three states: 7 and 5 open, 6 refused, 3 and 1 (cells under the threshold).
        Actor officer = fixtures.actor(fixtures.user(central, Role.CENTRAL_AUTHORITY));
        String a = fixtures.state("A"), b = fixtures.state("B"), c = fixtures.state("C");
        Map<String, Long> expected = new HashMap<>();
        send(a, 7, false, officer, expected);
        send(b, 5, false, officer, expected);
        send(a, 6, true, officer, expected);
        send(b, 3, true, officer, expected);
        send(c, 1, false, officer, expected);
        int year = Instant.now().atZone(ZoneOffset.UTC).getYear();

        Http.Reply published = http(fixtures.token(admin)).post("/api/v1/statistics/publications?year=" + year, Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(200);

        // What left the node: signed by this node's key, every cell at or above the threshold.
        byte[] body = receivedBody.get();
        var jws = EdDsaJws.parseDetached(receivedSignature.get(), body).orElseThrow();
        assertThat(EdDsaJws.verifies(jws, identity.signingKey().publicJwk())).isTrue();
        AggregateReport report = AggregateReport.parse(new String(body, StandardCharsets.UTF_8));
        assertThat(report.cells()).allSatisfy(cell -> assertThat(cell.requests()).isGreaterThanOrEqualTo(5));
        assertThat(report.times()).allSatisfy(t -> assertThat(t.count()).isGreaterThanOrEqualTo(5));
        Map<String, Long> sentCells = new HashMap<>();
        report.cells().forEach(cell -> sentCells.put(cell.partner() + "/" + cell.outcome(), cell.requests()));
        Map<String, Long> large = new HashMap<>(expected);
        large.values().removeIf(n -> n < 5);
        assertThat(sentCells).isEqualTo(large);
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("\"" + c + "\"");
    }

    private void send(String from, int count, boolean refuse, Actor officer, Map<String, Long> expected) {
        Authority asker = fixtures.authority(from, AuthorityKind.JUDICIAL_AUTHORITY);
        Actor prosecutor = fixtures.actor(fixtures.user(asker, Role.JUDICIAL_AUTHORITY));
        for (int i = 0; i < count; i++) {
            UUID id = requests.create(prosecutor, Documents.complete("bilateral-mla", null, central.id(), Urgency.NORMAL)).summary().id();
            requests.act(prosecutor, id, null, Action.SUBMIT, CommandInput.EMPTY);
            if (refuse) {
                requests.act(officer, id, null, Action.ACKNOWLEDGE, CommandInput.EMPTY);
                requests.act(officer, id, null, Action.REFUSE, new CommandInput("No", RefusalGround.DE_MINIMIS, null, null, null, null));
            }
        }
        expected.merge(from + "/" + (refuse ? "REFUSED" : "OPEN"), (long) count, Long::sum);
    }

    @Test
    void aStatisticsNodeKeepsWhatATrustedNodeSignedAboutItsOwnStateAndShowsItByState() throws Exception {
        int year = 2026;
        AggregateReport report = new AggregateReport("XS", "XS", year, Instant.parse("2026-11-01T00:00:00Z"),
                List.of(new AggregateReport.Cell("INCOMING", "XA", "MUTUAL_ASSISTANCE", "EXECUTED", 12),
                        new AggregateReport.Cell("OUTGOING", "", "PRESERVATION", "REFUSED", 5)),
                List.of(new AggregateReport.Time("INCOMING", "ACKNOWLEDGE", 9, 7200, 36000)));
        byte[] body = CanonicalJson.bytes(report.toJson());

        assertThat(post(body, null)).isEqualTo(401);
        assertThat(post(body, EdDsaJws.signDetached(SigningKey.generate(), Aggregates.TYPE, body))).as("an unknown key").isEqualTo(401);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("12", "13").getBytes(StandardCharsets.UTF_8);
        assertThat(post(tampered, EdDsaJws.signDetached(PEER, Aggregates.TYPE, body))).as("changed after signing").isEqualTo(401);
        AggregateReport otherState = new AggregateReport("XS", central.stateCode(), year, report.generatedAt(), report.cells(), report.times());
        byte[] lying = CanonicalJson.bytes(otherState.toJson());
        assertThat(post(lying, EdDsaJws.signDetached(PEER, Aggregates.TYPE, lying))).as("another node's state").isEqualTo(403);
        byte[] small = new String(body, StandardCharsets.UTF_8).replace("\"requests\":5", "\"requests\":4").getBytes(StandardCharsets.UTF_8);
        assertThat(post(small, EdDsaJws.signDetached(PEER, Aggregates.TYPE, small))).as("a cell under the threshold").isEqualTo(422);

        assertThat(post(body, EdDsaJws.signDetached(PEER, Aggregates.TYPE, body))).isEqualTo(202);
        assertThat(aggregates.received()).anySatisfy(r -> {
            assertThat(r.state()).isEqualTo("XS");
            assertThat(r.cells()).hasSize(2);
        });
        // This node's own state, which it never sends to itself, is shown beside the states it receives.
        send(fixtures.state("D"), 5, false, fixtures.actor(fixtures.user(central, Role.CENTRAL_AUTHORITY)), new HashMap<>());
        User analyst = fixtures.user(central, Role.ANALYST);
        String page = new SessionClient(port).signIn(analyst.username(), Fixtures.PASSWORD).get("/statistics").body();
        assertThat(page).contains("id=\"figure-states\"");
        String byState = page.substring(page.indexOf("id=\"figure-states\""));
        byState = byState.substring(0, byState.indexOf("</table>"));
        assertThat(byState).contains("Statland (XS)").contains("(" + central.stateCode() + ")");
    }

    private int post(byte[] body, String signature) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/federation/v1/statistics"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            r.header("Comity-Signature", signature);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
