package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.evidence.BlobStore;
import org.comity.node.evidence.RequestLookup;
import org.comity.node.platform.AuditTrail;
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
 * Resumable evidence uploads as a client meets them over real HTTP: whole uploads in several
 * PATCHes with checksums, a connection cut mid-body, a node that stops mid-upload, and what the
 * evidence becomes (metadata, bytes, audit).
 */
class TusUploadTest extends NodeTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    UploadService uploads;
    @Autowired
    UploadStore uploadStore;
    @Autowired
    RequestLookup lookup;
    @Autowired
    BlobStore vault;
    @Autowired
    VaultKeys keys;
    @Autowired
    AuditTrail audit;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Clock clock;
    @Autowired
    CustodyRecorder custody;
    @Autowired
    org.comity.node.ledger.CustodyLedger ledger;
    @Autowired
    org.comity.node.evidence.EvidenceItems items;

    Authority requesting, requested;
    User examinerUser;
    Http examiner;
    String examinerToken;
    Tus tus;
    String requestId;

    @BeforeEach
    void world() {
        requesting = fixtures.authority(fixtures.state("Requesting state"), AuthorityKind.JUDICIAL_AUTHORITY);
        requested = fixtures.authority(fixtures.state("Requested state"), AuthorityKind.CENTRAL_AUTHORITY);
        examinerUser = fixtures.user(requesting, Role.JUDICIAL_AUTHORITY);
        examinerToken = fixtures.token(examinerUser);
        examiner = http(examinerToken);
        tus = new Tus(examiner);
        Http.Reply created = examiner.post("/api/v1/requests", Documents.complete("budapest-31", null, requested.id(), Urgency.NORMAL));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        requestId = created.json().get("summary").get("id").asString();
    }

    @Test
    void optionsTellWhatTheServerSpeaksWithoutSigningIn() {
        Http.Reply options = anonymous().send(anonymous().builder(Tus.UPLOADS).method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()),
                Map.of());
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(options.header("Tus-Version")).isEqualTo("1.0.0");
        assertThat(options.header("Tus-Extension")).contains("creation", "checksum", "termination", "expiration");
        assertThat(options.header("Tus-Checksum-Algorithm")).isEqualTo("sha1,sha256");
        assertThat(Long.parseLong(options.header("Tus-Max-Size"))).isEqualTo(1L << 40);
    }

    @Test
    void aFileArrivesInSeveralPatchesWithChecksumsAndBecomesAuditedEvidence() throws Exception {
        byte[] content = random(2_500_000, 1);
        Http.Reply created = tus.create(content.length, Tus.evidence(requestId, "laptop.E01"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(created.header("Upload-Expires")).endsWith("GMT");
        String upload = Tus.path(created);
        assertThat(created.header("Location")).startsWith("http://127.0.0.1:" + port + "/api/v1/uploads/");

        Http.Reply head = tus.head(upload);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Upload-Offset")).isEqualTo("0");
        assertThat(head.header("Upload-Length")).isEqualTo(String.valueOf(content.length));
        assertThat(head.header("Cache-Control")).isEqualTo("no-store");
        assertThat(head.header("Upload-Metadata")).contains("filename ");

        int[] cuts = {0, 1_000_000, 2_000_000, content.length};
        String itemId = null;
        for (int i = 0; i < 3; i++) {
            byte[] part = Arrays.copyOfRange(content, cuts[i], cuts[i + 1]);
            Http.Reply patched = tus.patch(upload, cuts[i], part, Map.of("Upload-Checksum", Tus.checksum(i == 1 ? "sha1" : "sha256", part)));
            assertThat(patched.status()).as(patched.text()).isEqualTo(204);
            assertThat(patched.header("Upload-Offset")).isEqualTo(String.valueOf(cuts[i + 1]));
            itemId = patched.header("Comity-Evidence-Item");
        }
        assertThat(itemId).as("the last PATCH names the evidence item").isNotNull();
        assertThat(tus.head(upload).header("Upload-Offset")).isEqualTo(String.valueOf(content.length));

        Http.Reply item = examiner.get("/api/v1/evidence/" + itemId);
        assertThat(item.status()).isEqualTo(200);
        assertThat(item.json().get("sha256").asString()).isEqualTo(Sha256.hex(content));
        assertThat(item.json().get("size").asLong()).isEqualTo(content.length);
        assertThat(item.json().get("fileName").asString()).isEqualTo("laptop.E01");
        assertThat(item.json().get("side").asString()).isEqualTo("REQUESTING");
        assertThat(item.json().get("recordedBy").asString()).isEqualTo(examinerUser.id().toString());
        assertThat(item.json().get("authorityId").asString()).isEqualTo(requesting.id().toString());
        assertThat(item.json().get("acquisition").get("tool").asString()).isEqualTo("FTK Imager");
        assertThat(item.json().get("acquisition").get("acquiredAt").asString()).isEqualTo("2026-11-20T09:30:00Z");
        assertThat(examiner.get("/api/v1/requests/" + requestId + "/evidence").json().valueStream().map(n -> n.get("id").asString()))
                .containsExactly(itemId);

        Http.Reply bytes = examiner.get("/api/v1/evidence/" + itemId + "/content");
        assertThat(bytes.body()).isEqualTo(content);
        Http.Reply rest = examiner.send(examiner.builder("/api/v1/evidence/" + itemId + "/content").GET(), Map.of("Range", "bytes=1234567-"));
        assertThat(rest.status()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(content, 1_234_567, content.length));

        String uploadId = upload.substring(upload.lastIndexOf('/') + 1);
        assertThat(audits("evidence.upload.create", uploadId)).isEqualTo(1);
        assertThat(audits("evidence.upload.complete", uploadId)).isEqualTo(1);
        assertThat(audits("evidence.item.read", itemId)).isEqualTo(2);
        assertThat(jdbc.sql("select detail::text from audit_event where action = 'evidence.upload.complete' and target_id = ?").param(uploadId)
                .query(String.class).single()).contains(Sha256.hex(content)).doesNotContain("Insp. A. Examiner");
        assertThat(partialDataOf(uploadId)).as("the partial data is gone once the evidence is in the vault").doesNotExist();

        // The chain of custody: acquired (as the examiner declared), stored, then each read; one unbroken chain, every event in the ledger.
        tools.jackson.databind.JsonNode chain = examiner.get("/api/v1/evidence/" + itemId + "/custody").json();
        assertThat(chain.valueStream().map(e -> e.get("event").get("action").asString())).containsExactly("acquire", "upload", "access", "access");
        tools.jackson.databind.JsonNode acquired = chain.get(0).get("event");
        assertThat(acquired.get("actor").get("name").asString()).isEqualTo("Insp. A. Examiner");
        assertThat(acquired.get("tool").get("name").asString()).isEqualTo("FTK Imager");
        assertThat(acquired.get("at").asString()).startsWith("2026-11-20T09:30:00");
        assertThat(acquired.get("outputSha256").asString()).isEqualTo(Sha256.hex(content));
        assertThat(acquired.get("authority").get("reference").asString()).isNotBlank();
        java.util.List<org.comity.custody.event.CustodyEvent> events = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode e : chain) {
            events.add(org.comity.custody.event.CustodyEvent.parse(Http.JSON.writeValueAsBytes(e.get("event"))));
            assertThat(e.get("sha256").asString()).isEqualTo(events.getLast().sha256());
        }
        java.util.List<org.comity.custody.event.LoggedEvent> logged = new java.util.ArrayList<>();
        for (var e : events) {
            long index = org.comity.node.ledger.LedgerTest.eventually(() -> ledger.indexOf("custody:" + e.id()).stream().boxed().findFirst());
            logged.add(new org.comity.custody.event.LoggedEvent(ledger.identity().origin(), index, e));
        }
        assertThat(org.comity.custody.event.CustodyChain.breaks(logged)).isEmpty();
    }

    @Test
    void aConnectionCutMidBodyKeepsWhatArrivedAndTheClientContinuesFromThere() throws Exception {
        byte[] content = random(1_048_576, 2);
        String upload = Tus.path(tus.create(content.length, Tus.evidence(requestId, "phone.tar")));
        int sent = 300_000;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + examinerToken
                    + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: "
                    + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content, 0, sent);
            out.flush();
        } // closed mid-body
        long offset = awaitOffset(upload, sent);
        assertThat(offset).isEqualTo(sent);

        Http.Reply rest = tus.patch(upload, offset, Arrays.copyOfRange(content, sent, content.length));
        assertThat(rest.status()).as(rest.text()).isEqualTo(204);
        String item = rest.header("Comity-Evidence-Item");
        assertThat(examiner.get("/api/v1/evidence/" + item).json().get("sha256").asString()).isEqualTo(Sha256.hex(content));
    }

    @Test
    void aCutPatchThatCarriedAChecksumKeepsNothingSinceNothingCanBeVerified() throws Exception {
        byte[] content = random(200_000, 3);
        String upload = Tus.path(tus.create(content.length, Tus.evidence(requestId, "mail.mbox")));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + examinerToken
                    + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Checksum: "
                    + Tus.checksum("sha256", content) + "\r\nContent-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content, 0, 100_000);
            out.flush();
        }
        Thread.sleep(500);
        assertThat(tus.head(upload).header("Upload-Offset")).isEqualTo("0");
    }

    /**
     * A node killed mid-upload: what only the process knew is gone (here: a fresh service instance
     * over the same database and folders), a PATCH it was writing left half a chunk file behind. The
     * client asks where the upload stands and sends only what was not acknowledged.
     */
    @Test
    void anUploadInterruptedByAStopResumesFromTheLastAcknowledgedByte() throws Exception {
        byte[] content = random(3_000_000, 4);
        String upload = Tus.path(tus.create(content.length, Tus.evidence(requestId, "server.img")));
        UUID uploadId = UUID.fromString(upload.substring(upload.lastIndexOf('/') + 1));
        assertThat(tus.patch(upload, 0, Arrays.copyOf(content, 1_200_000)).status()).isEqualTo(204);

        // The stop: half a chunk of the next PATCH on disk, never recorded; nothing in memory survives.
        Path halfWritten = Files.write(uploads.chunkFiles().root().resolve(uploadId.toString()).resolve(UUID.randomUUID() + ".chunk"),
                random(70_000, 5));
        Files.setLastModifiedTime(halfWritten, FileTime.from(Instant.now().minus(UploadService.CHUNK_IDLE).minusSeconds(60)));
        UploadService restarted = new UploadService(uploadStore, lookup, vault, keys, audit, tx, clock, properties, custody);

        UploadRow status = restarted.status(actorOf(), uploadId);
        assertThat(status.offset()).isEqualTo(1_200_000);
        UploadService.Progress done = restarted.append(actorOf(), uploadId, status.offset(), null, content.length - 1_200_000,
                new java.io.ByteArrayInputStream(Arrays.copyOfRange(content, 1_200_000, content.length)));
        assertThat(done.offset()).isEqualTo(content.length);
        assertThat(examiner.get("/api/v1/evidence/" + done.itemId()).json().get("sha256").asString())
                .as("the hash is computed again from the stored chunks").isEqualTo(Sha256.hex(content));
        assertThat(examiner.get("/api/v1/evidence/" + done.itemId() + "/content").body()).isEqualTo(content);
    }

    @Test
    void debrisOfACrashedPatchIsRemovedAndAbandonedUploadsExpire() throws Exception {
        String upload = Tus.path(tus.create(1000, Tus.evidence(requestId, "abandoned.bin")));
        String uploadId = upload.substring(upload.lastIndexOf('/') + 1);
        assertThat(tus.patch(upload, 0, new byte[400]).status()).isEqualTo(204);
        Path dir = partialDataOf(uploadId);
        Path debris = Files.write(dir.resolve(UUID.randomUUID() + ".chunk"), new byte[10]);
        Files.setLastModifiedTime(debris, FileTime.from(Instant.now().minus(UploadService.CHUNK_IDLE).minusSeconds(60)));

        uploads.housekeeping();
        assertThat(debris).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).as("the recorded chunk stays").isEqualTo(1);
        }

        jdbc.sql("update upload set expires_at = now() - interval '1 minute' where id = ?::uuid").param(uploadId).update();
        assertThat(tus.head(upload).status()).as("past its expiry, even before housekeeping").isEqualTo(410);
        uploads.housekeeping();
        assertThat(jdbc.sql("select status from upload where id = ?::uuid").param(uploadId).query(String.class).single()).isEqualTo("EXPIRED");
        assertThat(dir).doesNotExist();
        assertThat(audits("evidence.upload.expire", uploadId)).isEqualTo(1);
        Http.Reply patch = tus.patch(upload, 400, new byte[600]);
        assertThat(patch.status()).isEqualTo(410);
        assertThat(patch.json().get("type").asString()).isEqualTo("/problems/upload-gone");
    }

    @Test
    void anEmptyFileIsEvidenceAtOnce() {
        Http.Reply created = tus.create(0, Tus.evidence(requestId, "empty.log"));
        assertThat(created.status()).isEqualTo(201);
        String item = created.header("Comity-Evidence-Item");
        assertThat(examiner.get("/api/v1/evidence/" + item).json().get("sha256").asString()).isEqualTo(Sha256.hex(new byte[0]));
    }

    @Test
    void creationWithUploadCarriesTheFirstBytes() {
        byte[] content = random(5000, 6);
        Http.Reply created = examiner.send(examiner.builder(Tus.UPLOADS).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                Arrays.copyOf(content, 3000))), Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "5000", "Content-Type",
                "application/offset+octet-stream", "Upload-Metadata", Tus.metadata(Tus.evidence(requestId, "first.bin"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Upload-Offset")).isEqualTo("3000");
        Http.Reply rest = tus.patch(Tus.path(created), 3000, Arrays.copyOfRange(content, 3000, 5000));
        assertThat(rest.header("Comity-Evidence-Item")).isNotNull();
    }

    @Test
    void evidenceAlreadyInTheVaultIsRegisteredAuditedAndSeenOnlyByItsSide() throws Exception {
        byte[] content = "provider export, 3 accounts".getBytes(StandardCharsets.UTF_8);
        String sha256 = vault.put(new java.io.ByteArrayInputStream(content), 1000).sha256();
        org.comity.node.evidence.Acquisition how = new org.comity.node.evidence.Acquisition("ExportTool", "2.1", "Det. B. Analyst",
                "account user@example.test", "provider export", Instant.parse("2026-11-21T10:00:00Z"));
        org.comity.node.evidence.EvidenceItem item = items.register(actorOf(), new org.comity.node.evidence.NewEvidence(
                UUID.fromString(requestId), org.comity.node.evidence.RequestSide.REQUESTING, sha256, "export.json", "application/json", how));
        assertThat(item.size()).isEqualTo(content.length);
        assertThat(items.list(actorOf(), UUID.fromString(requestId))).extracting(org.comity.node.evidence.EvidenceItem::id).contains(item.id());
        assertThat(audits("evidence.item.register", item.id().toString())).isEqualTo(1);
        try (InputStream in = items.open(actorOf(), item.id(), 9).content()) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 9, content.length));
        }

        var unknown = new org.comity.node.evidence.NewEvidence(UUID.fromString(requestId), org.comity.node.evidence.RequestSide.REQUESTING,
                "0".repeat(64), "x.bin", null, how);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> items.register(actorOf(), unknown))
                .isInstanceOf(org.comity.node.platform.ComityException.class).hasMessageContaining("no content");
        var otherSide = new org.comity.node.evidence.NewEvidence(UUID.fromString(requestId), org.comity.node.evidence.RequestSide.REQUESTED,
                sha256, "x.bin", null, how);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> items.register(actorOf(), otherSide))
                .isInstanceOf(org.comity.node.platform.ComityException.class).hasMessageContaining("may not add evidence");
        assertThat(examiner.post("/api/v1/requests/" + requestId + "/actions/submit", null).status()).isEqualTo(200);
        Http otherSide2 = http(fixtures.token(fixtures.user(requested, Role.CENTRAL_AUTHORITY)));
        assertThat(otherSide2.get("/api/v1/requests/" + requestId).status()).as("the requested side sees the request").isEqualTo(200);
        assertThat(otherSide2.get("/api/v1/requests/" + requestId + "/evidence").json().size()).as("but not the other side's evidence").isZero();
        assertThat(otherSide2.get("/api/v1/evidence/" + item.id()).status()).isEqualTo(404);
        assertThat(otherSide2.get("/api/v1/evidence/" + item.id() + "/content").status()).isEqualTo(404);
    }

    // --- Helpers --------------------------------------------------------------------------------

    private org.comity.node.platform.Actor actorOf() {
        return accounts.actorFor(examinerUser.id());
    }

    private long awaitOffset(String upload, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long offset = -1;
        while (System.nanoTime() < deadline) {
            offset = Long.parseLong(tus.head(upload).header("Upload-Offset"));
            if (offset == expected) {
                return offset;
            }
            Thread.sleep(100);
        }
        return offset;
    }

    private Path partialDataOf(String uploadId) {
        return uploads.chunkFiles().root().resolve(uploadId);
    }

    private int audits(String action, String target) {
        return jdbc.sql("select count(*) from audit_event where action = ? and target_id = ?").params(action, target).query(Integer.class).single();
    }

    static byte[] random(int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        return out;
    }
}
