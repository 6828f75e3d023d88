package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.evidence.BlobStore;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Role;
import org.comity.node.platform.Sha256;
import org.comity.node.request.Urgency;
import org.comity.node.support.Documents;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The end of evidence on a node, over real HTTP: a legal hold keeps an item, disposal is its last
 * custody event (in the ledger) and takes its bytes out of the vault unless another kept item names
 * them, nothing happens to a disposed item afterwards, refusals change nothing, and the retention
 * period disposes of what is due and not held.
 */
class EvidenceRetentionTest extends NodeTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BlobStore vault;
    @Autowired
    UploadStore items;
    @Autowired
    TransferStore transfers;
    @Autowired
    CustodyRecorder custody;
    @Autowired
    AuditTrail audit;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Clock clock;
    @Autowired
    ComityProperties properties;
    @Autowired
    org.comity.node.ledger.CustodyLedger ledger;

    Http examiner;
    Http stranger;
    Http auditor;
    Tus tus;
    String requestId;

    @BeforeEach
    void world() {
        Authority requesting = fixtures.authority(fixtures.state("Requesting state"), AuthorityKind.JUDICIAL_AUTHORITY);
        Authority requested = fixtures.authority(fixtures.state("Requested state"), AuthorityKind.CENTRAL_AUTHORITY);
        User user = fixtures.user(requesting, Role.JUDICIAL_AUTHORITY);
        examiner = http(fixtures.token(user));
        stranger = http(fixtures.token(fixtures.user(fixtures.authority(fixtures.state("Third state"), AuthorityKind.JUDICIAL_AUTHORITY),
                Role.JUDICIAL_AUTHORITY)));
        auditor = http(fixtures.token(fixtures.user(requesting, Role.AUDITOR)));
        tus = new Tus(examiner);
        Http.Reply created = examiner.post("/api/v1/requests", Documents.complete("budapest-31", null, requested.id(), Urgency.NORMAL));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        requestId = created.json().get("summary").get("id").asString();
    }

    @Test
    void aHeldItemIsKeptUntilReleasedThenItsDisposalEndsItsChainAndEmptiesTheVault() {
        byte[] content = random(300_000, 1);
        String item = upload(content, "phone.ufd");
        String sha256 = Sha256.hex(content);

        Http.Reply held = examiner.put("/api/v1/evidence/" + item + "/hold", Map.of("reason", "Defence challenge pending"), Map.of());
        assertThat(held.status()).as(held.text()).isEqualTo(200);
        assertThat(held.json().get("hold").get("reason").asString()).isEqualTo("Defence challenge pending");
        problem(examiner.put("/api/v1/evidence/" + item + "/hold", Map.of("reason", "again"), Map.of()), 409, "already-held");
        problem(examiner.post("/api/v1/evidence/" + item + "/disposal", Map.of("reason", "Case closed")), 409, "legal-hold");
        assertThat(vault.exists(sha256)).isTrue();

        problem(examiner.post("/api/v1/evidence/" + item + "/hold/release", Map.of("reason", " ")), 422, "validation");
        Http.Reply released = examiner.post("/api/v1/evidence/" + item + "/hold/release", Map.of("reason", "Challenge withdrawn"));
        assertThat(released.status()).as(released.text()).isEqualTo(200);
        assertThat(released.json().hasNonNull("hold")).isFalse();

        int chainBefore = custodyActions(item).size();
        problem(examiner.post("/api/v1/evidence/" + item + "/disposal", Map.of()), 422, "validation");
        problem(stranger.post("/api/v1/evidence/" + item + "/disposal", Map.of("reason", "Case closed")), 404, null);
        problem(auditor.post("/api/v1/evidence/" + item + "/disposal", Map.of("reason", "Case closed")), 403, null);
        assertThat(custodyActions(item)).as("refusals record nothing").hasSize(chainBefore);
        assertThat(vault.exists(sha256)).isTrue();

        Http.Reply disposed = examiner.post("/api/v1/evidence/" + item + "/disposal", Map.of("reason", "Case closed, retention ended"));
        assertThat(disposed.status()).as(disposed.text()).isEqualTo(200);
        assertThat(disposed.json().get("disposal").get("reason").asString()).isEqualTo("Case closed, retention ended");
        assertThat(disposed.json().get("disposal").get("at").asString()).isNotBlank();

        List<String> actions = custodyActions(item);
        assertThat(actions).hasSize(chainBefore + 1).last().isEqualTo("dispose");
        Http.Reply chain = examiner.get("/api/v1/evidence/" + item + "/custody");
        var last = chain.json().get(chain.json().size() - 1);
        assertThat(last.get("event").get("reason").asString()).isEqualTo("Case closed, retention ended");
        assertThat(last.get("event").get("inputSha256").asString()).isEqualTo(sha256);
        assertThat(ledger.indexOf(CustodyRecorder.ref(UUID.fromString(last.get("event").get("id").asString())))).as("the disposal is in the ledger")
                .isPresent();
        assertThat(vault.exists(sha256)).as("the bytes left the vault").isFalse();
        assertThat(audit(item, "evidence.item.dispose")).isEqualTo(1);
        assertThat(audit(item, "evidence.item.hold")).isEqualTo(1);
        assertThat(audit(item, "evidence.item.release")).isEqualTo(1);

        // Nothing more happens to it: no read, no export, no hold, no second disposal; the chain stays as it was.
        problem(examiner.get("/api/v1/evidence/" + item + "/content"), 410, "evidence-disposed");
        problem(examiner.post("/api/v1/evidence/" + item + "/package", Map.of()), 410, "evidence-disposed");
        problem(examiner.put("/api/v1/evidence/" + item + "/hold", Map.of("reason", "too late"), Map.of()), 410, "evidence-disposed");
        problem(examiner.post("/api/v1/evidence/" + item + "/disposal", Map.of("reason", "again")), 409, "already-disposed");
        assertThat(custodyActions(item)).hasSize(chainBefore + 1);
        assertThat(examiner.get("/api/v1/evidence/" + item).json().get("disposal").get("by").asString()).isNotBlank();
    }

    @Test
    void bytesTwoItemsShareLeaveTheVaultOnlyWithTheLastOfThem() {
        byte[] content = random(50_000, 2);
        String first = upload(content, "copy-1.bin");
        String second = upload(content, "copy-2.bin");
        String sha256 = Sha256.hex(content);

        assertThat(examiner.post("/api/v1/evidence/" + first + "/disposal", Map.of("reason", "Duplicate")).status()).isEqualTo(200);
        assertThat(vault.exists(sha256)).as("the other item still needs them").isTrue();
        assertThat(examiner.get("/api/v1/evidence/" + second + "/content").body()).isEqualTo(content);

        assertThat(examiner.post("/api/v1/evidence/" + second + "/disposal", Map.of("reason", "Case closed")).status()).isEqualTo(200);
        assertThat(vault.exists(sha256)).isFalse();
    }

    @Test
    void theRetentionPeriodDisposesOfWhatIsDueAndNotHeldAndSweepsLeftoverBlobs() throws Exception {
        String due = upload(random(20_000, 3), "due.bin");
        String held = upload(random(20_000, 4), "held.bin");
        assertThat(examiner.put("/api/v1/evidence/" + held + "/hold", Map.of("reason", "Appeal"), Map.of()).status()).isEqualTo(200);

        Retention now = retention(clock, "P30D");
        assertThat(now.expire()).as("nothing is thirty days old yet").isZero();

        // Both were recorded 31 days ago (other tests' items in this database stay recent, so they are not due).
        jdbc.sql("update evidence_item set recorded_at = recorded_at - interval '31 days' where id in (?, ?)")
                .params(UUID.fromString(due), UUID.fromString(held)).update();
        Retention later = now;
        assertThat(later.expire()).isEqualTo(1);
        assertThat(examiner.get("/api/v1/evidence/" + due).json().get("disposal").get("reason").asString()).startsWith("Retention period of P30D ended");
        assertThat(custodyActions(due)).last().isEqualTo("dispose");
        assertThat(examiner.get("/api/v1/evidence/" + held).json().hasNonNull("disposal")).as("the hold keeps it").isFalse();
        assertThat(later.expire()).as("disposing is done once").isZero();

        // A crash between a disposal's commit and the blob's removal leaves the blob behind: the next run removes it.
        byte[] leftover = random(10_000, 5);
        BlobStore.StoredBlob blob = vault.put(new java.io.ByteArrayInputStream(leftover), leftover.length);
        String orphan = upload(leftover, "orphan.bin");
        jdbc.sql("update evidence_item set disposed_at = now(), disposed_by = 'test', disposal_reason = 'crash' where id = ?")
                .param(UUID.fromString(orphan)).update();
        assertThat(vault.exists(blob.sha256())).isTrue();
        now.expire();
        assertThat(vault.exists(blob.sha256())).isFalse();

        assertThat(new Retention(items, transfers, custody, vault, audit, tx, clock, properties, "").period()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> retention(clock, "-P1D")).isInstanceOf(IllegalStateException.class);
    }

    private Retention retention(Clock at, String period) {
        return new Retention(items, transfers, custody, vault, audit, tx, at, properties, period);
    }

    private String upload(byte[] content, String fileName) {
        Http.Reply created = tus.create(content.length, Tus.evidence(requestId, fileName));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Http.Reply patched = tus.patch(Tus.path(created), 0, content);
        assertThat(patched.status()).as(patched.text()).isEqualTo(204);
        return patched.header("Comity-Evidence-Item");
    }

    private List<String> custodyActions(String item) {
        Http.Reply chain = examiner.get("/api/v1/evidence/" + item + "/custody");
        assertThat(chain.status()).isEqualTo(200);
        return chain.json().valueStream().map(n -> n.get("event").get("action").asString()).toList();
    }

    private int audit(String item, String action) {
        return jdbc.sql("select count(*) from audit_event where action = ? and target_id = ?").params(action, item).query(Integer.class).single();
    }

    private static void problem(Http.Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        if (type != null) {
            assertThat(reply.json().get("type").asString()).isEqualTo("/problems/" + type);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
