package org.comity.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.VerifiedCheckpoint;
import org.comity.custody.checkpoint.Witness;
import org.comity.custody.merkle.MemoryLog;
import org.comity.custody.proof.EntryProof;
import org.comity.custody.tiles.TileReader;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The custody ledger over real HTTP: every audit event is logged in commit order without gaps, a
 * checkpoint is signed at the cadence and verifies with the ledger's published key, the tiles
 * rebuild the same root, and an entry's proof verifies offline.
 */
@TestPropertySource(properties = {"comity.ledger.checkpoint-interval=200ms", "comity.ledger.witness-interval=1h"})
public class LedgerTest extends NodeTest {

    @Autowired
    CustodyLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    User admin, officer;

    @BeforeEach
    void world() {
        Authority central = fixtures.authority(fixtures.state("Ledger"), AuthorityKind.CENTRAL_AUTHORITY);
        admin = fixtures.user(central, Role.ADMIN);
        officer = fixtures.user(central, Role.CENTRAL_AUTHORITY);
    }

    @Test
    void anAuditEventIsLoggedAndProvedAgainstACheckpointSignedByTheLedgersKey() throws Exception {
        Http api = http(fixtures.token(admin));
        assertThat(api.get("/api/v1/admin/ledger").status()).isEqualTo(200);
        long auditId = jdbc.sql("select max(id) from audit_event where action = 'ledger.read' and actor_name = ?").param(admin.username())
                .query(Long.class).single();

        long index = eventually(() -> ledger.indexOf("audit:" + auditId).stream().boxed().findFirst());
        EntryProof proof = eventually(() -> ledger.proof(index));

        // A court or a peer knows only the published key: it comes with the node's identity, not with the proof.
        CustodyLedger.Identity identity = ledger.identity();
        LogPolicy policy = LogPolicy.of(identity.origin(), NoteVerifier.parse(identity.logKey()));
        byte[] entry = ledger.entry(index).orElseThrow();
        VerifiedCheckpoint verified = proof.verifyEntry(entry, policy);
        assertThat(verified.checkpoint().size()).isGreaterThan(index);
        JsonNode logged = Http.JSON.readTree(new String(entry, StandardCharsets.UTF_8));
        assertThat(logged.get("schema").asString()).isEqualTo("comity.audit-event/1");
        assertThat(logged.get("id").asString()).isEqualTo(Long.toString(auditId));
        assertThat(logged.get("actor").get("name").asString()).isEqualTo(admin.username());
        // The same proof text, parsed back, still verifies: what a package carries.
        assertThat(EntryProof.parse(proof.format()).verifyEntry(entry, policy).checkpoint()).isEqualTo(verified.checkpoint());
        assertThat(identity.origin()).startsWith("localhost:").endsWith("/comity/ledger");
    }

    @Test
    void theCheckpointAndTilesArePublicAndRebuildTheSameRootButEntriesAreNot() throws Exception {
        http(fixtures.token(admin)).get("/api/v1/admin/ledger");
        SignedCheckpoint latest = eventually(() -> ledger.latestCheckpoint().filter(c -> c.checkpoint().size() > 2));

        HttpResponse<String> published = get("/comity/ledger/checkpoint");
        assertThat(published.statusCode()).isEqualTo(200);
        VerifiedCheckpoint checkpoint = SignedCheckpoint.open(published.body(),
                LogPolicy.of(ledger.identity().origin(), NoteVerifier.parse(ledger.identity().logKey())));
        assertThat(checkpoint.checkpoint().size()).isGreaterThanOrEqualTo(latest.checkpoint().size());

        TileReader tiles = TileReader.of(path -> {
            HttpResponse<byte[]> r;
            try {
                r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/comity/ledger/" + path)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            if (r.statusCode() != 200) {
                throw new java.io.FileNotFoundException(path + ": " + r.statusCode());
            }
            return r.body();
        }, checkpoint.checkpoint().size());
        assertThat(tiles.root()).isEqualTo(checkpoint.checkpoint().rootHash());

        assertThat(get("/comity/ledger/tile/entries/000").statusCode()).isEqualTo(404);
        assertThat(get("/comity/ledger/tile/0/x999/999").statusCode()).isEqualTo(404);
        assertThat(get("/comity/ledger/tile/zero").statusCode()).isEqualTo(404);
        assertThat(get("/comity/ledger/nothing").statusCode()).isIn(403, 404);
    }

    @Test
    void entriesGetConsecutiveIndexesInOneOrderAndARolledBackChangeLeavesNone() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService writers = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 300; i++) {
                int n = i;
                writers.submit(() -> {
                    String ref = "test:" + run + ":" + n;
                    try {
                        tx.executeWithoutResult(status -> {
                            ledger.append(ref, "test", ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
                            if (n % 7 == 0) {
                                throw new IllegalStateException("the change fails after queuing its entry");
                            }
                        });
                        committed.add(ref);
                    } catch (IllegalStateException rolledBack) {
                        // expected for every seventh
                    }
                });
            }
        }
        for (String ref : committed) {
            eventually(() -> ledger.indexOf(ref).stream().boxed().findFirst());
        }
        assertThat(jdbc.sql("select count(*) from ledger_entry where ref like ?").param("test:" + run + ":%").query(Long.class).single())
                .isEqualTo(committed.size()).isEqualTo(300 - 43);
        // Indexes run from 0 without a gap, and the tree over the entries in index order is the ledger's tree.
        long size = jdbc.sql("select size from ledger_state").query(Long.class).single();
        List<byte[]> entries = jdbc.sql("select entry from ledger_entry where idx < ? order by idx").param(size).query((rs, n) -> rs.getBytes(1)).list();
        assertThat(entries).hasSize((int) size);
        MemoryLog copy = MemoryLog.empty();
        entries.forEach(copy::append);
        SignedCheckpoint at = eventually(() -> ledger.latestCheckpoint().filter(c -> c.checkpoint().size() >= size));
        MemoryLog prefix = MemoryLog.empty();
        List<byte[]> all = jdbc.sql("select entry from ledger_entry where idx < ? order by idx").param(at.checkpoint().size())
                .query((rs, n) -> rs.getBytes(1)).list();
        all.forEach(prefix::append);
        assertThat(prefix.root()).isEqualTo(at.checkpoint().rootHash());
    }

    @Test
    void theAdministratorSeesTheLedgerAndOthersDoNot() {
        Http api = http(fixtures.token(admin));
        JsonNode overview = api.get("/api/v1/admin/ledger").json();
        assertThat(overview.get("identity").get("origin").asString()).isEqualTo(ledger.identity().origin());
        assertThat(overview.get("identity").get("witnessKey").asString()).isEqualTo(ledger.identity().witnessKey());
        assertThat(Witness.parse(overview.get("identity").get("witnessKey").asString()).name()).isEqualTo(ledger.identity().origin());
        assertThat(http(fixtures.token(officer)).get("/api/v1/admin/ledger").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/v1/admin/ledger").status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ledger.read' and actor_name = ?").param(admin.username())
                .query(Long.class).single()).isEqualTo(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** Polls until the ledger's sequencer and checkpoint signer have caught up (they run every 200 ms here). */
    public static <T> T eventually(Supplier<Optional<T>> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the ledger did not catch up within 20 s");
    }
}
