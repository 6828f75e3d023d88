package org.comity.node.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.custody.checkpoint.Checkpoint;
import org.comity.custody.checkpoint.Cosigner;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.StrictBase64;
import org.comity.custody.checkpoint.Witness;
import org.comity.custody.keys.EncryptionKey;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.merkle.ConsistencyProofs;
import org.comity.custody.merkle.MemoryLog;
import org.comity.custody.trust.TrustList;
import org.comity.custody.trust.TrustLists;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.ledger.CustodyLedger;
import org.comity.node.platform.Role;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Witnessing between nodes (C2SP tlog-witness): this node cosigns a trusted peer's checkpoint only
 * when it is consistent with the last one it cosigned, and a peer that rewrites its log is caught,
 * refused and raised as an alarm. The other way round, this node's checkpoints come back cosigned
 * by its peers. The peer here is played by the test with the custody library: its own log, its own
 * ledger key in the trust list, and a witness server of its own.
 */
class WitnessTest extends NodeTest {

    static final SigningKey DIRECTORY = SigningKey.generate();
    static final String PEER_ORIGIN = "xw.comity.test/comity/ledger";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("comity.exchange.directory-keys[0]", () -> DIRECTORY.publicJwk().toJSONString());
        registry.add("comity.ledger.checkpoint-interval", () -> "200ms");
        registry.add("comity.ledger.witness-interval", () -> "1h");
    }

    @Autowired
    CustodyLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WitnessClient witnessClient;

    NoteSigner peerLog;
    Cosigner peerWitness;
    HttpServer peerServer;
    User admin;

    @BeforeEach
    void peer() throws Exception {
        SigningKey peerLedgerKey = SigningKey.generate();
        peerLog = NoteSigner.of(PEER_ORIGIN, peerLedgerKey);
        peerWitness = Cosigner.of(PEER_ORIGIN, peerLedgerKey);
        peerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peerServer.createContext("/comity/witness/add-checkpoint", exchange -> {
            // A witness that cosigns whatever this node's ledger key signed (the node's own consistency is tested above).
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String note = body.substring(body.indexOf("\n\n") + 2);
            String line;
            try {
                SignedCheckpoint signed = SignedCheckpoint.parse(note);
                signed.verify(LogPolicy.of(ledger.identity().origin(), NoteVerifier.parse(ledger.identity().logKey())));
                line = peerWitness.cosign(signed.checkpoint(), Instant.now()).noteSignature().line();
            } catch (Exception e) {
                exchange.sendResponseHeaders(403, -1);
                return;
            }
            byte[] answer = line.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        peerServer.start();
        Authority central = fixtures.authority(fixtures.state("Witness"), AuthorityKind.CENTRAL_AUTHORITY);
        admin = fixtures.user(central, Role.ADMIN);
        long held = jdbc.sql("select coalesce(max(serial), 0) from trust_list").query(Long.class).single();
        String signed = TrustLists.sign(trustList(held + 1, peerLog.verifier().vkey(), URI.create("http://127.0.0.1:" + peerServer.getAddress().getPort())),
                DIRECTORY);
        Http.Reply installed = http(fixtures.token(admin)).send(http(fixtures.token(admin)).builder("/api/v1/admin/trust-list")
                .PUT(HttpRequest.BodyPublishers.ofString(signed)), Map.of("Content-Type", "application/jose"));
        assertThat(installed.status()).as(installed.text()).isEqualTo(200);
        jdbc.sql("delete from witnessed_log where origin = ?").param(PEER_ORIGIN).update();
    }

    @AfterEach
    void stopPeer() {
        peerServer.stop(0);
    }

    @Test
    void aConsistentCheckpointIsCosignedAndALogThatRewritesItsHistoryIsCaught() throws Exception {
        MemoryLog log = MemoryLog.empty();
        for (int i = 0; i < 5; i++) {
            log.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        String five = signed(log);

        // First sight: old size 0, no proof. The answer is this node's cosignature, under its published witness key.
        HttpResponse<String> first = addCheckpoint(0, List.of(), five);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        Witness us = Witness.parse(ledger.identity().witnessKey());
        SignedCheckpoint cosigned = SignedCheckpoint.parse(five + first.body());
        assertThat(cosigned.verify(LogPolicy.of(PEER_ORIGIN, peerLog.verifier()).withWitnesses(List.of(us), 1)).cosignatures()).hasSize(1);

        // A client that does not know what the witness holds is told, as the protocol says.
        HttpResponse<String> stale = addCheckpoint(0, List.of(), five);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type").orElse("")).startsWith("text/x.tlog.size");
        assertThat(stale.body()).isEqualTo("5\n");

        // The log grows honestly: a consistency proof from 5 is accepted.
        for (int i = 5; i < 8; i++) {
            log.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(addCheckpoint(5, ConsistencyProofs.prove(log, 5, 8), signed(log)).statusCode()).isEqualTo(200);

        // The log is rewritten: entry 2 replaced, then grown to 10. Its proof from 8 is internally fine, but not from what was witnessed.
        MemoryLog forged = MemoryLog.empty();
        for (int i = 0; i < 10; i++) {
            forged.append(("entry " + (i == 2 ? "two, rewritten" : i)).getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> rewritten = addCheckpoint(8, ConsistencyProofs.prove(forged, 8, 10), signed(forged));
        assertThat(rewritten.statusCode()).isEqualTo(422);
        // And another root for the size already witnessed is a fork.
        MemoryLog forgedEight = MemoryLog.empty();
        for (int i = 0; i < 8; i++) {
            forgedEight.append(("entry " + (i == 2 ? "two, rewritten" : i)).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(addCheckpoint(8, List.of(), signed(forgedEight)).statusCode()).isEqualTo(409);

        // Nothing moved: the witness still holds size 8, and the administrator sees both alarms, also in the audit trail.
        assertThat(jdbc.sql("select size from witnessed_log where origin = ?").param(PEER_ORIGIN).query(Long.class).single()).isEqualTo(8);
        JsonNode overview = http(fixtures.token(admin)).get("/api/v1/admin/ledger").json();
        assertThat(overview.get("alarms").valueStream().filter(a -> a.get("nodeId").asString().equals("XW"))
                .map(a -> a.get("detail").asString())).anyMatch(d -> d.contains("rewritten")).anyMatch(d -> d.contains("forked"));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ledger.inconsistent' and target_id = 'XW'").query(Long.class).single())
                .isGreaterThanOrEqualTo(2);
        String page = new org.comity.node.support.SessionClient(port).signIn(admin.username(), org.comity.node.support.Fixtures.PASSWORD)
                .get("/admin/ledger").body();
        assertThat(page).contains("id=\"ledger-alarms\"").contains("rewritten");
    }

    @Test
    void whatIsNotATrustedPeersWellFormedCheckpointIsRefusedAndChangesNothing() throws Exception {
        MemoryLog log = MemoryLog.empty();
        log.append("entry".getBytes(StandardCharsets.UTF_8));
        String one = signed(log);

        NoteSigner stranger = NoteSigner.generate("stranger.test/comity/ledger");
        assertThat(addCheckpoint(0, List.of(), SignedCheckpoint.sign(Checkpoint.of(stranger.name(), 1, log.root()), stranger).format())
                .statusCode()).isEqualTo(404);
        NoteSigner impostor = NoteSigner.generate(PEER_ORIGIN);
        assertThat(addCheckpoint(0, List.of(), SignedCheckpoint.sign(Checkpoint.of(PEER_ORIGIN, 1, log.root()), impostor).format())
                .statusCode()).isEqualTo(403);
        assertThat(post("old 2\n\n" + one).statusCode()).isEqualTo(400);
        assertThat(post("old 01\n\n" + one).statusCode()).isEqualTo(400);
        assertThat(post("new 0\n\n" + one).statusCode()).isEqualTo(400);
        assertThat(post("old 0\nnot base64!\n\n" + one).statusCode()).isEqualTo(400);
        assertThat(post("old 0\n" + one.replace("\n\n", "\n")).statusCode()).isEqualTo(400);
        assertThat(post("old 0\n\n" + one.replace("—", "-")).statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from witnessed_log where origin = ?").param(PEER_ORIGIN).query(Long.class).single()).isZero();
    }

    @Test
    void thisNodesCheckpointsComeBackCosignedByItsPeers() throws Exception {
        http(fixtures.token(admin)).get("/api/v1/admin/ledger"); // an audit event, so the ledger grows
        org.comity.node.ledger.LedgerTest.eventually(() -> ledger.latestCheckpoint().filter(c -> c.checkpoint().size() > 0));

        // Work in the background (other tests' audit events, the sequencer) may sign a newer checkpoint between the round and the
        // read; the peer cosigns that one at the next round, so a few rounds settle it.
        Witness peer = Witness.of(PEER_ORIGIN, peerLog.verifier().publicKey());
        LogPolicy policy = LogPolicy.of(ledger.identity().origin(), NoteVerifier.parse(ledger.identity().logKey())).withWitnesses(List.of(peer), 1);
        SignedCheckpoint latest = null; // the newest checkpoint the peer cosigned
        org.comity.custody.checkpoint.VerifiedCheckpoint verified = null;
        for (int round = 0; round < 20 && verified == null; round++) {
            witnessClient.round();
            latest = ledger.latestCheckpoint().orElseThrow();
            try {
                verified = latest.verify(policy);
            } catch (org.comity.custody.checkpoint.CheckpointRejected notYet) {
                Thread.sleep(200);
            }
        }
        assertThat(verified).as("a checkpoint cosigned by the peer").isNotNull();
        long cosigned = latest.checkpoint().size();
        assertThat(verified.cosignatures()).extracting(c -> c.witness()).containsExactly(PEER_ORIGIN);
        // Reading the overview is audited, so the ledger may have a newer checkpoint by then; the peer's line shows what it cosigned.
        JsonNode peers = http(fixtures.token(admin)).get("/api/v1/admin/ledger").json().get("peers");
        assertThat(peers.valueStream().filter(p -> p.get("nodeId").asString().equals("XW")).map(p -> p.get("cosignedSize").asLong()))
                .singleElement().satisfies(size -> assertThat(size).as("the peer cosigned at least that checkpoint (a background round may be newer)")
                        .isGreaterThanOrEqualTo(cosigned));
    }

    private String signed(MemoryLog log) {
        return SignedCheckpoint.sign(Checkpoint.of(PEER_ORIGIN, log.size(), log.root()), peerLog).format();
    }

    private HttpResponse<String> addCheckpoint(long old, List<byte[]> proof, String checkpoint) throws Exception {
        StringBuilder body = new StringBuilder("old ").append(old).append('\n');
        proof.forEach(h -> body.append(StrictBase64.encode(h)).append('\n'));
        return post(body.append('\n').append(checkpoint).toString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/comity/witness/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static TrustList trustList(long serial, String ledgerKey, URI endpoint) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        SigningKey sig = SigningKey.generate();
        EncryptionKey enc = EncryptionKey.generate();
        return new TrustList(serial, t, null, "Test directory", List.of(new TrustList.StateEntry("XW", "Witnessland", List.of("budapest-31"))),
                List.of(new TrustList.NodeEntry("XW", "XW", "Witnessland", endpoint, List.of(
                        new TrustList.NodeKey(sig.kid(), "sig", sig.publicJwk().toJSONObject(), t, null),
                        new TrustList.NodeKey(enc.kid(), "enc", enc.publicJwk().toJSONObject(), t, null)), ledgerKey)),
                List.of(new TrustList.AuthorityEntry(UUID.randomUUID(), "XW", "XW", "Central authority of Witnessland", "CENTRAL_AUTHORITY",
                        List.of("en"), null)),
                List.of());
    }
}
