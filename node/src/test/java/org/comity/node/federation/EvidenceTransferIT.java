package org.comity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.comity.node.federation.Federation.HTTP;
import static org.comity.node.federation.Federation.JSON;
import static org.comity.node.federation.Federation.await;
import static org.comity.node.federation.Federation.json;
import static org.comity.node.federation.Federation.status;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.comity.custody.event.CustodyChain;
import org.comity.custody.event.CustodyEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Evidence from Borealis to Aurelia between two real node processes: uploaded on XB through a
 * resumable upload that is interrupted and resumed, sent, pulled by XA in chunks while XA is killed
 * and restarted mid-way, and received whole, with one chain of custody across the two ledgers.
 */
class EvidenceTransferIT {

    static Federation nodes;
    static String borealisCa;

    @BeforeAll
    static void federate() throws Exception {
        // Small chunks, so the transfer is long enough to be interrupted.
        nodes = new Federation(Federation.workDir("evidence-transfer"), Map.of("COMITY_EVIDENCE_TRANSFER_CHUNK_SIZE", "64KB"));
        nodes.federate(Map.of(), List.of());
        borealisCa = Federation.authority(nodes.xa, "Borealis Central Authority");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void anItemUploadedOnBorealisArrivesWholeOnAureliaWithOneChainOfCustodyAcrossBothLedgers() throws Exception {
        String request = nodes.submitFromAurelia(borealisCa, "Evidence transfer: seized server image");
        await(nodes.xb, "ca.officer", request, status("DELIVERED"), Duration.ofSeconds(30));

        byte[] image = new byte[12 * 1024 * 1024 + 123];
        new Random(42).nextBytes(image);
        String item = upload(nodes.xb, "ca.officer", request, "server.img", image);

        HttpResponse<String> sent = Federation.post(nodes.xb, "ca.officer", "/api/v1/evidence/" + item + "/transfer", Map.of());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String transfer = JSON.readTree(sent.body()).get("id").asString();
        HttpResponse<String> again = Federation.post(nodes.xb, "ca.officer", "/api/v1/evidence/" + item + "/transfer", Map.of());
        assertThat(again.statusCode()).as("an item is sent once").isEqualTo(409);

        // Kill Aurelia while it pulls the chunks, then start it again: the transfer goes on from the last chunk it kept.
        long total = (image.length + 65535) / 65536;
        long seen = awaitChunks(request, transfer, 3, Duration.ofSeconds(60));
        assertThat(seen).isLessThan(total);
        nodes.xa.kill();
        nodes.xa.start();
        nodes.xa.awaitReady(Duration.ofMinutes(2));

        JsonNode done = awaitTransfer(nodes.xa, "prosecutor", request, "DONE", Duration.ofSeconds(120));
        assertThat(done.get("chunks").asLong()).isEqualTo(total);
        awaitTransfer(nodes.xb, "ca.officer", request, "DELIVERED", Duration.ofSeconds(60));

        // Aurelia holds the same bytes, under the same exhibit, on the requesting side.
        JsonNode received = json(nodes.xa, "prosecutor", "/api/v1/requests/" + request + "/evidence").get(0);
        assertThat(received.get("sha256").asString()).isEqualTo(sha256(image));
        assertThat(received.get("side").asString()).isEqualTo("REQUESTING");
        assertThat(received.get("exhibit").asString()).isEqualTo(json(nodes.xb, "ca.officer", "/api/v1/evidence/" + item).get("exhibit").asString());
        HttpResponse<byte[]> content = HTTP.send(HttpRequest.newBuilder(nodes.xa.url().resolve("/api/v1/evidence/" + received.get("id").asString()
                + "/content")).header("Authorization", "Bearer " + nodes.xa.token("prosecutor")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.body()).isEqualTo(image);

        // One chain: acquired, stored and sent on Borealis; received, verified and read on Aurelia; RECEIVE follows the TRANSFER.
        List<org.comity.custody.event.LoggedEvent> chain = new ArrayList<>();
        for (JsonNode e : logged(nodes.xb, "ca.officer", item)) {
            chain.add(new org.comity.custody.event.LoggedEvent("XB", e.get("ledgerIndex").asLong(), CustodyEvent.parse(JSON.writeValueAsBytes(e.get("event")))));
        }
        for (JsonNode e : logged(nodes.xa, "prosecutor", received.get("id").asString())) {
            chain.add(new org.comity.custody.event.LoggedEvent("XA", e.get("ledgerIndex").asLong(), CustodyEvent.parse(JSON.writeValueAsBytes(e.get("event")))));
        }
        assertThat(CustodyChain.breaks(chain)).isEmpty();
        assertThat(chain.stream().map(e -> e.event().action().json() + "@" + e.event().node()).collect(Collectors.toList()))
                .containsExactly("acquire@XB", "upload@XB", "transfer@XB", "receive@XA", "verify@XA", "access@XA");
        assertThat(chain.get(3).event().previous()).contains(chain.get(2).event().sha256());

        // Aurelia exports the item for court: the package, checked offline with the two nodes' ledger keys from the trust list, is intact,
        // and tells the item's whole story across both nodes; one flipped byte and it is not.
        java.nio.file.Path exported = exportFromAurelia("/api/v1/evidence/" + received.get("id").asString() + "/package");
        org.comity.custody.pkg.TrustAnchors anchors = trustedLedgers();
        var report = org.comity.custody.pkg.PackageVerifier.verify(exported, anchors, progress -> { });
        assertThat(report.failures()).isEmpty();
        assertThat(report.verdict()).isEqualTo(org.comity.custody.pkg.VerificationReport.Verdict.INTACT);
        assertThat(report.ledgerNodes()).contains("XA").contains("XB");
        byte[] zip = java.nio.file.Files.readAllBytes(exported);
        zip[zip.length / 2] ^= 0x01;
        java.nio.file.Path flipped = java.nio.file.Files.write(java.nio.file.Files.createTempFile("flipped-", ".zip"), zip);
        try {
            assertThat(org.comity.custody.pkg.PackageVerifier.verify(flipped, anchors, progress -> { }).verdict())
                    .isEqualTo(org.comity.custody.pkg.VerificationReport.Verdict.BROKEN);
        } catch (org.comity.custody.pkg.PackageRejected unusable) {
            assertThat(unusable.reason()).isNotNull(); // refused as damaged: also not intact
        }
        assertThat(json(nodes.xa, "prosecutor", "/api/v1/evidence/" + received.get("id").asString() + "/custody").valueStream()
                .map(e -> e.get("event").get("action").asString())).endsWith("export");
    }

    @Test
    void aRequestsItemsFromTwoTransfersAndOneOfItsOwnLeaveInOnePackageThatVerifiesOffline() throws Exception {
        String request = nodes.submitFromAurelia(borealisCa, "Evidence transfer: two logs and a statement");
        await(nodes.xb, "ca.officer", request, status("DELIVERED"), Duration.ofSeconds(30));
        Random random = new Random(7);
        List<String> hashes = new ArrayList<>();
        for (String name : List.of("access.log", "mail.log")) {
            byte[] bytes = new byte[200_000 + hashes.size()];
            random.nextBytes(bytes);
            hashes.add(sha256(bytes));
            String item = upload(nodes.xb, "ca.officer", request, name, bytes);
            HttpResponse<String> sent = Federation.post(nodes.xb, "ca.officer", "/api/v1/evidence/" + item + "/transfer", Map.of());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            // One after the other: each transfer's custody excerpt is proved against a later checkpoint of Borealis's ledger.
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (json(nodes.xa, "prosecutor", "/api/v1/requests/" + request + "/evidence").size() < hashes.size()) {
                assertThat(System.nanoTime()).as("Aurelia receives " + name).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        byte[] statement = "Witness statement of the system administrator, 3 pages.".getBytes(StandardCharsets.UTF_8);
        upload(nodes.xa, "prosecutor", request, "statement.txt", statement);
        hashes.add(sha256(statement));

        var report = org.comity.custody.pkg.PackageVerifier.verify(exportFromAurelia("/api/v1/requests/" + request + "/evidence/package"),
                trustedLedgers(), progress -> { });
        assertThat(report.failures()).isEmpty();
        assertThat(report.verdict()).isEqualTo(org.comity.custody.pkg.VerificationReport.Verdict.INTACT);
        assertThat(report.items()).extracting(i -> i.item().sha256()).containsExactlyInAnyOrderElementsOf(hashes);
        assertThat(report.ledgerNodes()).contains("XA", "XB");

        HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(nodes.xb.url().resolve("/api/v1/requests/" + request + "/evidence/package"))
                .header("Authorization", "Bearer " + nodes.xb.token("prosecutor")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).as("another node's user has no such request here").isEqualTo(404);
    }

    @Test
    void anUploadCutByKillingTheNodeMidBodyResumesFromTheBytesItAcknowledged() throws Exception {
        String request = nodes.submitFromAurelia(borealisCa, "Evidence upload across a node kill");
        await(nodes.xb, "ca.officer", request, status("DELIVERED"), Duration.ofSeconds(30));
        byte[] image = new byte[3 * 1024 * 1024 + 77];
        new Random(99).nextBytes(image);
        String metadata = metadata(request, "phone.bin");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(nodes.xb.url().resolve("/api/v1/uploads"))
                .header("Authorization", "Bearer " + nodes.xb.token("ca.officer")).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(image.length)).header("Upload-Metadata", metadata)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        int acknowledged = 1024 * 1024;
        assertThat(patch(nodes.xb, "ca.officer", location, 0, java.util.Arrays.copyOfRange(image, 0, acknowledged)).statusCode()).isEqualTo(204);

        // The next PATCH sends 300 KB of its body and stalls; the node is killed while it waits for the rest.
        java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
        java.io.InputStream stalling = new java.io.InputStream() {
            int position = acknowledged;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (position >= acknowledged + 300_000) {
                    sent.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    return -1;
                }
                int n = Math.min(len, acknowledged + 300_000 - position);
                System.arraycopy(image, position, b, off, n);
                position += n;
                return n;
            }
        };
        var cut = HTTP.sendAsync(HttpRequest.newBuilder(java.net.URI.create(location)).header("Authorization", "Bearer " + nodes.xb.token("ca.officer"))
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", String.valueOf(acknowledged))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> stalling),
                        image.length - acknowledged)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Thread.sleep(500);
        nodes.xb.kill();
        cut.cancel(true);
        nodes.xb.start();
        nodes.xb.awaitReady(Duration.ofMinutes(2));

        HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(java.net.URI.create(location)).header("Authorization", "Bearer "
                + nodes.xb.token("ca.officer")).header("Tus-Resumable", "1.0.0").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        long offset = Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
        assertThat(offset).as("every acknowledged byte kept, nothing beyond what arrived").isBetween((long) acknowledged, (long) acknowledged + 300_000);
        HttpResponse<String> rest = patch(nodes.xb, "ca.officer", location, offset, java.util.Arrays.copyOfRange(image, (int) offset, image.length));
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);
        String item = rest.headers().firstValue("Comity-Evidence-Item").orElseThrow();
        assertThat(json(nodes.xb, "ca.officer", "/api/v1/evidence/" + item).get("sha256").asString()).isEqualTo(sha256(image));
    }

    /** An item's chain once every event has its place in the node's ledger (a second or so after it was recorded). */
    private static JsonNode logged(NodeProcess node, String user, String item) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode chain = json(node, user, "/api/v1/evidence/" + item + "/custody");
        while (chain.valueStream().anyMatch(e -> e.get("ledgerIndex").isNull()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            chain = json(node, user, "/api/v1/evidence/" + item + "/custody");
        }
        return chain;
    }

    /** A court package exported by Aurelia's prosecutor, in a temporary file. */
    private static java.nio.file.Path exportFromAurelia(String path) throws Exception {
        HttpResponse<java.nio.file.Path> exported = HTTP.send(HttpRequest.newBuilder(nodes.xa.url().resolve(path))
                .header("Authorization", "Bearer " + nodes.xa.token("prosecutor")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofFile(java.nio.file.Files.createTempFile("package-", ".zip")));
        assertThat(exported.statusCode()).isEqualTo(200);
        return exported.body();
    }

    /** What a court trusts: the ledger keys of the trust list's nodes. */
    private static org.comity.custody.pkg.TrustAnchors trustedLedgers() throws Exception {
        org.comity.custody.pkg.TrustAnchors anchors = org.comity.custody.pkg.TrustAnchors.none();
        for (JsonNode n : json(nodes.xa, "admin", "/api/v1/directory/trust-list").get("nodes")) {
            anchors = anchors.withLedgerKey(org.comity.custody.checkpoint.NoteVerifier.parse(n.get("ledger").asString()));
        }
        return anchors;
    }

    /** tus Upload-Metadata: the file's name, its request and how it was acquired. */
    private static String metadata(String request, String name) {
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("filename", name);
        meta.put("request", request);
        meta.put("tool", "dd");
        meta.put("toolVersion", "9.1");
        meta.put("examiner", "Insp. B. Lind");
        meta.put("source", "Hosting provider, server 17");
        meta.put("method", "Disk image under warrant");
        meta.put("acquiredAt", "2026-11-20T09:30:00Z");
        return meta.entrySet().stream().map(e -> e.getKey() + " " + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
    }

    /** A tus upload cut after its first part and resumed from the offset the node reports. */
    private static String upload(NodeProcess node, String user, String request, String name, byte[] content) throws Exception {
        String metadata = metadata(request, name);
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(node.url().resolve("/api/v1/uploads"))
                .header("Authorization", "Bearer " + node.token(user)).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(content.length)).header("Upload-Metadata", metadata)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        int first = content.length / 3;
        HttpResponse<String> part = patch(node, user, location, 0, java.util.Arrays.copyOfRange(content, 0, first));
        assertThat(part.statusCode()).as(part.body()).isEqualTo(204);
        HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(java.net.URI.create(location)).header("Authorization", "Bearer " + node.token(user))
                .header("Tus-Resumable", "1.0.0").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        long offset = Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
        assertThat(offset).isEqualTo(first);
        HttpResponse<String> rest = patch(node, user, location, offset, java.util.Arrays.copyOfRange(content, (int) offset, content.length));
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);
        return rest.headers().firstValue("Comity-Evidence-Item").orElseThrow();
    }

    private static HttpResponse<String> patch(NodeProcess node, String user, String location, long offset, byte[] bytes) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(java.net.URI.create(location)).header("Authorization", "Bearer " + node.token(user))
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", String.valueOf(offset))
                .header("Content-Type", "application/offset+octet-stream").method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long awaitChunks(String request, String transfer, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode t : json(nodes.xa, "prosecutor", "/api/v1/requests/" + request + "/transfers")) {
                if (t.get("id").asString().equals(transfer) && t.get("chunksDone").asLong() >= atLeast) {
                    return t.get("chunksDone").asLong();
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("Aurelia did not start fetching transfer " + transfer);
    }

    private static JsonNode awaitTransfer(NodeProcess node, String user, String request, String status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            JsonNode list = json(node, user, "/api/v1/requests/" + request + "/transfers");
            if (!list.isEmpty()) {
                last = list.get(0);
                if (last.get("status").asString().equals(status)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(node.id + ": the transfer is not " + status + " after " + timeout + ": " + last);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
