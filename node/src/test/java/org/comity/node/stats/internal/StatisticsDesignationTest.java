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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.keys.EdDsaJws;
import org.comity.custody.keys.EncryptionKey;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.trust.TrustList;
import org.comity.custody.trust.TrustLists;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The statistics node is the one the directory designates: with publishing switched on (and no
 * node configured), reports go where the trust list in force says, on demand and on schedule; the
 * designated node accepts reports only from the nodes of that list, and a node that is not designated
 * (and not configured) accepts none.
 */
class StatisticsDesignationTest extends NodeTest {

    static final SigningKey DIRECTORY = SigningKey.generate();
    static final SigningKey XS_KEY = SigningKey.generate();
    static final SigningKey XP_KEY = SigningKey.generate();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("comity.exchange.directory-keys[0]", () -> DIRECTORY.publicJwk().toJSONString());
        registry.add("comity.statistics.publish", () -> "true");
    }

    @Autowired
    PublicationSchedule schedule;

    @Test
    void reportsGoToTheDesignatedNodeAndTheDesignatedNodeTakesThemOnlyFromListedNodes() throws Exception {
        Authority central = fixtures.authority(fixtures.state("Designating"), AuthorityKind.CENTRAL_AUTHORITY);
        User admin = fixtures.user(central, Role.ADMIN);
        Http api = http(fixtures.token(admin));
        int year = Instant.now().atZone(ZoneOffset.UTC).getYear();
        List<AggregateReport> arrived = new CopyOnWriteArrayList<>();
        HttpServer xs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        xs.createContext("/federation/v1/statistics", exchange -> {
            arrived.add(AggregateReport.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        xs.start();
        try {
            // No list designates anyone yet: nowhere to publish, and this node is no statistics node.
            Http.Reply nowhere = api.post("/api/v1/statistics/publications?year=" + year, Map.of());
            assertThat(nowhere.status()).as(nowhere.text()).isEqualTo(409);
            assertThat(nowhere.text()).contains("no-statistics-node");
            assertThat(schedule.run()).isEmpty();
            assertThat(receive(report("XS"), XS_KEY)).isEqualTo(404);
            assertThat(api.get("/api/v1/statistics/received").status()).isEqualTo(404);

            // The directory designates XS: on demand and on schedule, the reports go there.
            TrustList.NodeEntry self = TrustLists.parseUnsigned(anonymous().get("/.well-known/comity-node.json").text()).nodes().getFirst();
            long serial = install(api, 0, self.withRoles(List.of()), peer("XS", XS_KEY, URI.create("http://127.0.0.1:" + xs.getAddress().getPort()),
                    true));
            Http.Reply published = api.post("/api/v1/statistics/publications?year=" + year, Map.of());
            assertThat(published.status()).as(published.text()).isEqualTo(200);
            assertThat(published.json().get("statisticsNode").asString()).isEqualTo("XS");
            assertThat(arrived).extracting(AggregateReport::state, AggregateReport::year).containsExactly(org.assertj.core.groups.Tuple.tuple(central.stateCode(), year));
            arrived.clear();
            List<Aggregates.Published> scheduled = schedule.run();
            assertThat(scheduled).isNotEmpty().allSatisfy(p -> assertThat(p.statisticsNode()).isEqualTo("XS"));
            assertThat(arrived).extracting(AggregateReport::state, AggregateReport::year)
                    .contains(org.assertj.core.groups.Tuple.tuple(central.stateCode(), year), org.assertj.core.groups.Tuple.tuple(central.stateCode(), year - 1));
            assertThat(arrived).allSatisfy(r -> {
                assertThat(r.cells()).allSatisfy(c -> assertThat(c.requests()).isGreaterThanOrEqualTo(AggregateReport.THRESHOLD));
                assertThat(r.node()).isEqualTo(properties.node().id());
            });
            // XS is not designated by this node's own reading: it still refuses reports.
            assertThat(receive(report("XS"), XS_KEY)).isEqualTo(404);

            // A later edition designates this node: it takes XS's report, not that of a pinned peer outside the list.
            install(api, serial, self.withRoles(List.of(TrustList.NodeEntry.STATISTICS)), peer("XS", XS_KEY, URI.create("http://127.0.0.1:9"), false));
            TrustList pinned = description(peer("XP", XP_KEY, URI.create("http://127.0.0.1:9"), false));
            Http.Reply pin = api.post("/api/v1/admin/peers", Map.of("description",
                    new String(CanonicalJson.bytes(TrustLists.toJson(pinned)), StandardCharsets.UTF_8), "signingKid", XP_KEY.kid()));
            assertThat(pin.status()).as(pin.text()).isEqualTo(200);
            assertThat(receive(report("XP"), XP_KEY)).as("a pinned peer is not in the designating list").isEqualTo(403);
            assertThat(receive(report("XS"), XS_KEY)).isEqualTo(202);
            Http.Reply kept = api.get("/api/v1/statistics/received");
            assertThat(kept.status()).as(kept.text()).isEqualTo(200);
            assertThat(kept.json().valueStream().map(r -> r.get("node").asString()).toList()).containsExactly("XS");
            assertThat(http(fixtures.token(fixtures.user(central, Role.ANALYST))).get("/api/v1/statistics/received").status()).isEqualTo(200);
            assertThat(http(fixtures.token(fixtures.user(fixtures.authority(central.stateCode(), AuthorityKind.JUDICIAL_AUTHORITY), Role.JUDICIAL_AUTHORITY))).get("/api/v1/statistics/received").status())
                    .as("statistics are not for people who only handle cases").isEqualTo(403);
            // Designated itself, the node has nowhere else to publish.
            assertThat(schedule.run()).isEmpty();
        } finally {
            xs.stop(0);
        }
    }

    private long install(Http api, long after, TrustList.NodeEntry self, TrustList.NodeEntry peer) throws Exception {
        long held = Math.max(after, 1_000);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        TrustList list = new TrustList(held + 1, t, null, "Test directory",
                List.of(new TrustList.StateEntry(self.state(), "Aurelia", List.of("budapest-31")),
                        new TrustList.StateEntry(peer.state(), peer.id() + "land", List.of("budapest-31"))),
                List.of(self, peer),
                List.of(new TrustList.AuthorityEntry(UUID.randomUUID(), peer.id(), peer.state(), peer.id() + " central authority", "CENTRAL_AUTHORITY",
                        List.of("en"), null)),
                List.of());
        Http.Reply installed = api.send(api.builder("/api/v1/admin/trust-list").PUT(HttpRequest.BodyPublishers.ofString(TrustLists.sign(list, DIRECTORY))),
                Map.of("Content-Type", "application/jose"));
        assertThat(installed.status()).as(installed.text()).isEqualTo(200);
        return held + 1;
    }

    private static TrustList.NodeEntry peer(String id, SigningKey sig, URI endpoint, boolean statistics) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        EncryptionKey enc = EncryptionKey.generate();
        return new TrustList.NodeEntry(id, id, id + "land", endpoint, List.of(
                new TrustList.NodeKey(sig.kid(), "sig", sig.publicJwk().toJSONObject(), t, null),
                new TrustList.NodeKey(enc.kid(), "enc", enc.publicJwk().toJSONObject(), t, null)), null,
                statistics ? List.of(TrustList.NodeEntry.STATISTICS) : List.of());
    }

    private static TrustList description(TrustList.NodeEntry node) {
        return new TrustList(1, Instant.now(), null, node.id(), List.of(new TrustList.StateEntry(node.state(), node.name(), List.of("budapest-31"))),
                List.of(node), List.of(new TrustList.AuthorityEntry(UUID.randomUUID(), node.id(), node.state(), node.name() + " central authority",
                        "CENTRAL_AUTHORITY", List.of("en"), null)), List.of());
    }

    private static AggregateReport report(String node) {
        return new AggregateReport(node, node, 2026, Instant.now(), List.of(new AggregateReport.Cell("INCOMING", "XA", "MUTUAL_ASSISTANCE", "EXECUTED", 7)),
                List.of());
    }

    private int receive(AggregateReport report, SigningKey key) throws Exception {
        byte[] body = CanonicalJson.bytes(report.toJson());
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/federation/v1/statistics"))
                .header("Content-Type", "application/json").header(Aggregates.SIGNATURE_HEADER, EdDsaJws.signDetached(key, Aggregates.TYPE, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
