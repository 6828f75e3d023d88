package org.comity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.comity.node.federation.Federation.JSON;
import static org.comity.node.federation.Federation.act;
import static org.comity.node.federation.Federation.await;
import static org.comity.node.federation.Federation.get;
import static org.comity.node.federation.Federation.json;
import static org.comity.node.federation.Federation.post;
import static org.comity.node.federation.Federation.status;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.custody.envelope.Batches;
import org.comity.custody.envelope.Envelopes;
import org.comity.custody.envelope.Message;
import org.comity.custody.envelope.PeerKeys;
import org.comity.custody.envelope.Receipt;
import org.comity.custody.envelope.Receipts;
import org.comity.custody.keys.EncryptionKey;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.trust.TrustList;
import org.comity.custody.trust.TrustLists;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two real node processes on loopback: a request goes the whole way from Aurelia to Borealis and
 * back with identical timelines and verifiable receipts; hostile envelopes and trust lists are
 * refused and change nothing.
 */
class TwoNodesIT {

    static Federation nodes;
    static String borealisCa;

    static TrustList testland;

    /** A third node only this test holds the keys of, to speak for a peer in the trust list. */
    static final SigningKey TESTLAND = SigningKey.generate();
    static final SigningKey TESTLAND_REVOKED = SigningKey.generate();
    static final EncryptionKey TESTLAND_ENC = EncryptionKey.generate();
    static final UUID TESTLAND_CA = UUID.randomUUID();

    @BeforeAll
    static void federate() throws Exception {
        // Both switch statistics publishing on, every two seconds: only a node the trust list designates another node for sends.
        nodes = new Federation(Federation.workDir("two-nodes"), Map.of("COMITY_STATISTICS_PUBLISH", "true",
                "COMITY_STATISTICS_PUBLISH_SCHEDULE", "*/2 * * * * *"));
        Instant now = Instant.now();
        testland = new TrustList(1, now, null, "XT", List.of(new TrustList.StateEntry("XT", "Testland", List.of("budapest-31"))),
                List.of(new TrustList.NodeEntry("XT", "XT", "Testland", URI.create("http://127.0.0.1:9"), List.of(
                        new TrustList.NodeKey(TESTLAND.kid(), "sig", TESTLAND.publicJwk().toJSONObject(), now.minusSeconds(3600), null),
                        new TrustList.NodeKey(TESTLAND_REVOKED.kid(), "sig", TESTLAND_REVOKED.publicJwk().toJSONObject(),
                                now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))),
                        new TrustList.NodeKey(TESTLAND_ENC.kid(), "enc", TESTLAND_ENC.publicJwk().toJSONObject(), now.minusSeconds(3600), null)))),
                List.of(new TrustList.AuthorityEntry(TESTLAND_CA, "XT", "XT", "Testland Central Authority", "CENTRAL_AUTHORITY", List.of("en"), null)),
                List.of());
        nodes.federate(Map.of(), List.of(testland));
        borealisCa = Federation.authority(nodes.xa, "Borealis Central Authority");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aRequestGoesToBorealisAndBackWithTheSameTimelineOnBothNodesAndReceiptsThatVerify() throws Exception {
        String id = nodes.submitFromAurelia(borealisCa, "Ransomware proceeds laundered through Borealis exchange");
        await(nodes.xb, "ca.officer", id, status("DELIVERED"), Duration.ofSeconds(20));
        await(nodes.xa, "prosecutor", id, status("DELIVERED"), Duration.ofSeconds(20));

        act(nodes.xb, "ca.officer", id, "acknowledge", Map.of());
        act(nodes.xb, "ca.officer", id, "start-review", Map.of());
        act(nodes.xb, "ca.officer", id, "request-information", Map.of("reason", "Which log-in dates does the request cover?"));
        await(nodes.xa, "prosecutor", id, status("INFORMATION_REQUESTED"), Duration.ofSeconds(20));

        // The requesting side's answer travels to Borealis, is recorded there, and comes back.
        JsonNode answered = act(nodes.xa, "prosecutor", id, "provide-information", Map.of("reason", "From 3 to 9 March 2026."));
        assertThat(answered.get("pending").get(0).get("action").asString()).isEqualTo("PROVIDE_INFORMATION");
        await(nodes.xa, "prosecutor", id, r -> status("UNDER_REVIEW").test(r) && r.get("pending").isEmpty(), Duration.ofSeconds(20));

        act(nodes.xb, "ca.officer", id, "accept", Map.of());
        act(nodes.xb, "ca.officer", id, "start-execution", Map.of());
        byte[] evidence = "subscriber: J. Doe, 12 Harbour Road\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        attach(nodes.xb, "ca.officer", id, "subscriber.txt", evidence);
        act(nodes.xb, "ca.officer", id, "execute", Map.of("reason", "Subscriber data attached."));
        JsonNode executed = await(nodes.xa, "prosecutor", id, status("EXECUTED"), Duration.ofSeconds(20));
        JsonNode file = executed.get("attachments").get(0);
        HttpResponse<byte[]> download = Federation.HTTP.send(HttpRequest.newBuilder(nodes.xa.url().resolve(
                        "/api/v1/requests/" + id + "/attachments/" + file.get("id").asString()))
                .header("Authorization", "Bearer " + nodes.xa.token("prosecutor")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(evidence);

        act(nodes.xa, "prosecutor", id, "close", Map.of("reason", "Received in full."));
        await(nodes.xb, "ca.officer", id, status("CLOSED"), Duration.ofSeconds(20));
        await(nodes.xa, "prosecutor", id, r -> status("CLOSED").test(r) && r.get("pending").isEmpty(), Duration.ofSeconds(20));

        // Identical timelines from the submission on: same ids, sequence numbers, times, actors and details.
        List<JsonNode> aurelia = Federation.shared(json(nodes.xa, "prosecutor", "/api/v1/requests/" + id + "/events"));
        List<JsonNode> borealis = Federation.shared(json(nodes.xb, "ca.officer", "/api/v1/requests/" + id + "/events"));
        assertThat(aurelia).hasSize(11).isEqualTo(borealis);
        assertThat(aurelia.stream().map(e -> e.get("type").asString())).containsExactly("SUBMITTED", "DELIVERED", "ACKNOWLEDGED", "REVIEW_STARTED",
                "INFORMATION_REQUESTED", "INFORMATION_PROVIDED", "ACCEPTED", "EXECUTION_STARTED", "ATTACHMENT_ADDED", "EXECUTED", "CLOSED");

        // Every message each node sent carries a receipt the other node signed, checked here with its published keys.
        verifyReceipts(nodes.xa, "prosecutor", id, nodes.xb);
        verifyReceipts(nodes.xb, "ca.officer", id, nodes.xa);
        // Each node's description (an unsigned trust list, merged into the signed one) meets the published schema.
        for (org.comity.node.federation.NodeProcess node : List.of(nodes.xa, nodes.xb)) {
            assertThat(org.comity.node.support.FormatSchemas.problems("trust-list.schema.json", get(node, null, "/.well-known/comity-node.json").body()))
                    .as(node.id).isEmpty();
        }
    }

    @Test
    void aMessageThePeerRefusesForGoodIsADeadLetterWithItsReasonThatAnAdministratorSendsAgain() throws Exception {
        // Borealis closes its cybercrime prosecutor's office to new requests (urgent ones may go there directly under
        // Budapest Art. 27(9)); Aurelia's directory does not know yet.
        String prosecutor = Federation.authority(nodes.xa, "Borealis Cybercrime Prosecutor");
        setActive(nodes.xb, prosecutor, false);
        String id;
        JsonNode dead;
        try {
            id = nodes.submitFromAurelia(prosecutor, "Sent while Borealis's prosecutor's office is closed");
            dead = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (dead == null && System.nanoTime() < deadline) {
                dead = json(nodes.xa, "admin", "/api/v1/admin/exchange").get("dead").valueStream()
                        .filter(d -> d.get("request").asString().equals(id)).findFirst().orElse(null);
                Thread.sleep(100);
            }
            assertThat(dead).as("a dead letter on Aurelia").isNotNull();
            assertThat(dead.get("error").asString()).as("with Borealis's reason").contains("not an active authority");
            assertThat(json(nodes.xa, "prosecutor", "/api/v1/requests/" + id).get("summary").get("status").asString()).isEqualTo("SUBMITTED");
            assertThat(json(nodes.xa, "prosecutor", "/api/v1/requests/" + id + "/transmissions").get(0).get("status").asString()).isEqualTo("DEAD");
            assertThat(json(nodes.xa, "admin", "/api/v1/admin/exchange/backlog").get("DEAD").asLong()).isPositive();
            // Only an administrator sends it again; sending it again while Borealis still refuses ends the same way.
            assertThat(Federation.post(nodes.xa, "prosecutor", "/api/v1/admin/exchange/messages/" + dead.get("id").asString() + "/retry", "{}")
                    .statusCode()).isEqualTo(403);
        } finally {
            setActive(nodes.xb, prosecutor, true);
        }
        HttpResponse<String> retried = Federation.post(nodes.xa, "admin", "/api/v1/admin/exchange/messages/" + dead.get("id").asString() + "/retry", "{}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        await(nodes.xb, "ca.officer", id, status("DELIVERED"), Duration.ofSeconds(20));
        await(nodes.xa, "prosecutor", id, status("DELIVERED"), Duration.ofSeconds(20));
        verifyReceipts(nodes.xa, "prosecutor", id, nodes.xb);
        assertThat(Federation.post(nodes.xa, "admin", "/api/v1/admin/exchange/messages/" + dead.get("id").asString() + "/retry", "{}")
                .statusCode()).as("no longer a dead letter").isEqualTo(404);
        assertThat(json(nodes.xa, "admin", "/api/v1/audit?action=exchange.retry&target=" + dead.get("id").asString()).get("items").size())
                .isEqualTo(1);
    }

    /** An administrator of {@code node} opens or closes one of its authorities. */
    private static void setActive(org.comity.node.federation.NodeProcess node, String authority, boolean active) throws Exception {
        JsonNode a = json(node, "admin", "/api/v1/directory/authorities/" + authority);
        Map<String, Object> draft = new java.util.LinkedHashMap<>();
        for (String field : List.of("stateCode", "nodeId", "name", "kind", "email", "phone", "hours")) {
            draft.put(field, a.get(field) == null || a.get(field).isNull() ? null : a.get(field).asString());
        }
        draft.put("languages", a.get("languages").valueStream().map(JsonNode::asString).toList());
        draft.put("active", active);
        HttpResponse<String> put = Federation.HTTP.send(HttpRequest.newBuilder(node.url().resolve("/api/v1/admin/authorities/" + authority))
                .header("Authorization", "Bearer " + node.token("admin")).header("Content-Type", "application/json")
                .header("If-Match", "\"" + a.get("version").asInt() + "\"")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(draft))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    @Test
    void aPeerThatTakesNoBatchesGetsEachMessageAloneAndItsReceiptsStillVerify() throws Exception {
        // Borealis behind a proxy that, like a node from before batches, does not serve /federation/v1/batches.
        try (FaultyLink older = new FaultyLink(nodes.xb.url(), 1, 0, 0, 0).refuse("/federation/v1/batches", 404)) {
            nodes.federate(Map.of("XB", older.url()), List.of(testland));
            String id = nodes.submitFromAurelia(borealisCa, "Sent to a node that takes single envelopes only");
            await(nodes.xb, "ca.officer", id, status("DELIVERED"), Duration.ofSeconds(20));
            await(nodes.xa, "prosecutor", id, status("DELIVERED"), Duration.ofSeconds(20));
            assertThat(older.refused.get()).as("the batch was tried first").isPositive();
            assertThat(older.forwarded.get()).as("then the envelope went through").isPositive();
            JsonNode out = json(nodes.xa, "prosecutor", "/api/v1/requests/" + id + "/transmissions").valueStream()
                    .filter(t -> t.get("direction").asString().equals("OUT")).findFirst().orElseThrow();
            assertThat(out.get("status").asString()).isEqualTo("DELIVERED");
            assertThat(out.get("attempts").asInt()).as("delivered at the first attempt, not after a back-off").isEqualTo(1);
            verifyReceipts(nodes.xa, "prosecutor", id, nodes.xb);
        } finally {
            nodes.federate(Map.of(), List.of(testland));
        }
    }

    @Test
    void aKeyRotationStopsNothingAndAMessageUnderANewKeyAPeerDoesNotKnowYetWaitsUntilItDoes() throws Exception {
        String old = currentSigningKey(nodes.xa);
        HttpResponse<String> rotated = post(nodes.xa, "admin", "/api/v1/admin/keys/rotate", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String fresh = JSON.readTree(rotated.body()).valueStream()
                .filter(k -> k.get("use").asString().equals("sig") && (k.path("notAfter").isMissingNode() || k.path("notAfter").isNull())).findFirst().orElseThrow().get("kid").asString();
        try {
            // The trust list in force does not name the new key yet: Aurelia signs on with the old one, and nothing stops.
            String before = nodes.submitFromAurelia(borealisCa, "Sent after Aurelia rotated its keys, before the directory's next edition");
            await(nodes.xb, "ca.officer", before, status("DELIVERED"), Duration.ofSeconds(20));
            await(nodes.xa, "prosecutor", before, status("DELIVERED"), Duration.ofSeconds(20));
            assertThat(signersOnBorealis(before)).containsOnly(old);

            // Aurelia has the edition naming its new key, Borealis not yet: the batch is refused whole for its first
            // message, the message then goes alone, is refused for its key, and waits to be tried again.
            nodes.federate(Map.of(), List.of(testland), null, List.of(nodes.xa));
            String during = nodes.submitFromAurelia(borealisCa, "Sent while only Aurelia has the directory's next edition");
            JsonNode waiting = awaitTransmission(during, t -> t.get("attempts").asInt() >= 1, Duration.ofSeconds(20));
            assertThat(waiting.get("status").asString()).isEqualTo("PENDING");
            assertThat(waiting.get("error").asString()).contains("422").contains("unknown-signer");
            assertThat(get(nodes.xb, "ca.officer", "/api/v1/requests/" + during).statusCode()).isEqualTo(404);

            // Borealis gets the edition too: the message goes at its next attempt, by itself.
            nodes.federate(Map.of(), List.of(testland));
            await(nodes.xb, "ca.officer", during, status("DELIVERED"), Duration.ofSeconds(30));
            await(nodes.xa, "prosecutor", during, status("DELIVERED"), Duration.ofSeconds(20));
            assertThat(signersOnBorealis(during)).containsOnly(fresh);
            verifyReceipts(nodes.xa, "prosecutor", before, nodes.xb);
            verifyReceipts(nodes.xa, "prosecutor", during, nodes.xb);
        } finally {
            nodes.federate(Map.of(), List.of(testland));
        }
    }

    @Test
    void twoInstancesOfAureliaShareItsDatabaseAndOneDeliversWhatTheOtherQueued() throws Exception {
        // Borealis answers nothing for now: what the instances queue waits in the shared outbox.
        NodeProcess second = null;
        try (FaultyLink link = new FaultyLink(nodes.xb.url(), 1, 0, 0, 0).refuse("/federation/v1/batches", 503)
                .refuse("/federation/v1/envelopes", 503)) {
            long before = nodes.federate(Map.of("XB", link.url()), List.of(testland)).serial();
            second = nodes.secondAurelia();
            assertThat(json(second, "admin", "/api/v1/directory/trust-list").get("serial").asLong()).isEqualTo(before);
            // A list installed through one instance is in force on the other within its refresh (10 s).
            long serial = nodes.federate(Map.of("XB", link.url()), List.of(testland)).serial();
            long listed = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (json(second, "admin", "/api/v1/directory/trust-list").get("serial").asLong() != serial) {
                assertThat(System.nanoTime()).as("the second instance takes up trust list " + serial).isLessThan(listed);
                Thread.sleep(200);
            }
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                requests.add(Federation.submitFrom(second, borealisCa, "Queued by Aurelia's second instance " + i));
                requests.add(nodes.submitFromAurelia(borealisCa, "Queued by Aurelia's first instance " + i));
            }
            // One database: each instance serves what the other wrote.
            assertThat(get(nodes.xa, "prosecutor", "/api/v1/requests/" + requests.get(0)).statusCode()).isEqualTo(200);
            assertThat(get(second, "prosecutor", "/api/v1/requests/" + requests.get(1)).statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!java.nio.file.Files.readString(second.log()).contains("attempt 1 failed")) {
                assertThat(System.nanoTime()).as("the second instance's worker tries its share").isLessThan(deadline);
                Thread.sleep(100);
            }

            // The second instance stops; Borealis comes back: the first delivers everything, the other's share too, once each
            // (what the second had claimed and not yet given back, after its lease ran out).
            second.close();
            link.allow("/federation/v1/batches").allow("/federation/v1/envelopes");
            for (String request : requests) {
                await(nodes.xb, "ca.officer", request, status("DELIVERED"), Duration.ofSeconds(90));
                await(nodes.xa, "prosecutor", request, status("DELIVERED"), Duration.ofSeconds(30));
                assertThat(json(nodes.xb, "ca.officer", "/api/v1/requests/" + request + "/transmissions").valueStream()
                        .filter(t -> t.get("direction").asString().equals("IN") && t.get("type").asString().equals("request.submitted")))
                        .hasSize(1);
                verifyReceipts(nodes.xa, "prosecutor", request, nodes.xb);
            }
        } finally {
            if (second != null) {
                second.close();
            }
            nodes.federate(Map.of(), List.of(testland));
        }
    }

    @Test
    void aMessageWhoseKeyEndedBeforeItWasDeliveredIsSignedAgainWithTheKeyInUse() throws Exception {
        String ending = currentSigningKey(nodes.xa);
        try (FaultyLink link = new FaultyLink(nodes.xb.url(), 1, 0, 0, 0).refuse("/federation/v1/batches", 503)
                .refuse("/federation/v1/envelopes", 503)) {
            nodes.federate(Map.of("XB", link.url()), List.of(testland));
            String id = nodes.submitFromAurelia(borealisCa, "Signed with a key that ends before Borealis answers");
            awaitTransmission(id, t -> t.get("attempts").asInt() >= 1, Duration.ofSeconds(20));
            // The key it was signed with ends in two seconds (an overlap cut short), and the administrator rotates.
            try (java.sql.Connection db = java.sql.DriverManager.getConnection(nodes.xa.databaseUrl(), "postgres", nodes.xa.databasePassword());
                    java.sql.PreparedStatement end = db.prepareStatement("update node_key set not_after = now() + interval '2 seconds' where kid = ?")) {
                end.setString(1, ending);
                assertThat(end.executeUpdate()).isEqualTo(1);
            }
            HttpResponse<String> rotated = post(nodes.xa, "admin", "/api/v1/admin/keys/rotate", null);
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            Thread.sleep(2_500);
            assertThat(currentSigningKey(nodes.xa)).isNotEqualTo(ending);

            // Borealis answers again, with the edition naming the new key: the message goes, signed again (with a key of
            // Aurelia's still in force), the same message.
            nodes.federate(Map.of(), List.of(testland));
            await(nodes.xb, "ca.officer", id, status("DELIVERED"), Duration.ofSeconds(30));
            await(nodes.xa, "prosecutor", id, status("DELIVERED"), Duration.ofSeconds(20));
            List<String> signers = signersOnBorealis(id);
            assertThat(signers).hasSize(1).doesNotContain(ending);
            assertThat(json(nodes.xa, "admin", "/api/v1/admin/keys").valueStream().filter(k -> k.get("kid").asString().equals(signers.getFirst()))
                    .map(k -> k.path("notAfter").isMissingNode() || k.path("notAfter").isNull()
                            || java.time.Instant.parse(k.get("notAfter").asString()).isAfter(java.time.Instant.now())))
                    .as("signed with a key of Aurelia's in force").containsExactly(true);
            verifyReceipts(nodes.xa, "prosecutor", id, nodes.xb);
        } finally {
            nodes.federate(Map.of(), List.of(testland));
        }
    }

    private static String currentSigningKey(org.comity.node.federation.NodeProcess node) throws Exception {
        return json(node, "admin", "/api/v1/admin/keys").valueStream()
                .filter(k -> k.get("use").asString().equals("sig") && k.get("current").asBoolean()).findFirst().orElseThrow().get("kid").asString();
    }

    /** The keys Aurelia's messages about the request were signed with, as Borealis received them. */
    private static List<String> signersOnBorealis(String request) throws Exception {
        return json(nodes.xb, "ca.officer", "/api/v1/requests/" + request + "/transmissions").valueStream()
                .filter(t -> t.get("direction").asString().equals("IN")).map(t -> t.get("signer").asString()).toList();
    }

    /** The request's first outgoing transmission on Aurelia once it satisfies {@code condition}. */
    private static JsonNode awaitTransmission(String request, java.util.function.Predicate<JsonNode> condition, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode out = json(nodes.xa, "prosecutor", "/api/v1/requests/" + request + "/transmissions").valueStream()
                    .filter(t -> t.get("direction").asString().equals("OUT")).findFirst().orElse(null);
            if (out != null && condition.test(out)) {
                return out;
            }
            assertThat(System.nanoTime()).as("transmission of " + request + ": " + out).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aCaseSystemCreatesAndSubmitsToBorealisInOneCallAndBothNodesHoldTheSameSubmission() throws Exception {
        Map<String, Object> document = JSON.readValue(Federation.class.getResourceAsStream("request.json"), Map.class);
        document.put("requestedAuthority", borealisCa);
        document.put("title", "Filed by a case system in one call");
        HttpResponse<String> sent = Federation.post(nodes.xa, "prosecutor", "/api/v1/requests?submit=true", document);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        JsonNode summary = JSON.readTree(sent.body()).get("summary");
        assertThat(summary.get("status").asString()).isEqualTo("SUBMITTED"); // the other node delivers it
        String id = summary.get("id").asString();
        await(nodes.xb, "ca.officer", id, status("DELIVERED"), Duration.ofSeconds(20));
        await(nodes.xa, "prosecutor", id, status("DELIVERED"), Duration.ofSeconds(20));
        List<JsonNode> aurelia = Federation.shared(json(nodes.xa, "prosecutor", "/api/v1/requests/" + id + "/events"));
        assertThat(aurelia.stream().map(e -> e.get("type").asString())).containsExactly("SUBMITTED", "DELIVERED");
        assertThat(aurelia).isEqualTo(Federation.shared(json(nodes.xb, "ca.officer", "/api/v1/requests/" + id + "/events")));
        assertThat(json(nodes.xb, "ca.officer", "/api/v1/requests/" + id).get("document").get("title").asString())
                .isEqualTo("Filed by a case system in one call");
        verifyReceipts(nodes.xa, "prosecutor", id, nodes.xb);
    }

    @Test
    void eachNodeWitnessesTheOthersLedgerAndItsCheckpointsVerifyWithTheKeysInTheTrustList() throws Exception {
        Map<String, String> ledgerKeys = new LinkedHashMap<>();
        for (JsonNode n : json(nodes.xa, "admin", "/api/v1/directory/trust-list").get("nodes")) {
            if (n.has("ledger")) {
                ledgerKeys.put(n.get("id").asString(), n.get("ledger").asString());
            }
        }
        for (var pair : List.of(List.of(nodes.xa, nodes.xb), List.of(nodes.xb, nodes.xa))) {
            org.comity.node.federation.NodeProcess log = pair.get(0);
            org.comity.node.federation.NodeProcess witness = pair.get(1);
            var logKey = org.comity.custody.checkpoint.NoteVerifier.parse(ledgerKeys.get(log.id));
            var witnessKey = org.comity.custody.checkpoint.NoteVerifier.parse(ledgerKeys.get(witness.id));
            var policy = org.comity.custody.checkpoint.LogPolicy.of(logKey.name(), logKey)
                    .withWitnesses(List.of(org.comity.custody.checkpoint.Witness.of(witnessKey.name(), witnessKey.publicKey())), 1);
            // The published checkpoint, fetched by anyone, carries the other node's cosignature once it has witnessed it.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            org.comity.custody.checkpoint.VerifiedCheckpoint verified = null;
            while (verified == null && System.nanoTime() < deadline) {
                try {
                    verified = org.comity.custody.checkpoint.SignedCheckpoint.open(get(log, null, "/comity/ledger/checkpoint").body(), policy);
                } catch (org.comity.custody.checkpoint.CheckpointRejected notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(verified).as(witness.id + " cosigned " + log.id + "'s checkpoint").isNotNull();
            assertThat(verified.cosignatures()).extracting(c -> c.witness()).containsExactly(witnessKey.name());
            JsonNode seen = json(witness, "admin", "/api/v1/admin/ledger");
            assertThat(seen.get("witnessed").valueStream().filter(w -> w.get("nodeId").asString().equals(log.id)).map(w -> w.get("size").asLong()))
                    .singleElement().satisfies(size -> assertThat(size).isPositive());
            assertThat(seen.get("alarms").isEmpty()).isTrue();
        }
    }

    @Test
    void hostileEnvelopesAreRefusedWithTheirReasonAndChangeNothing() throws Exception {
        ECKey borealisEnc = encryptionKey(nodes.xb);
        int requestsBefore = requestCount();

        UUID request = UUID.randomUUID();
        Message good = submission(request, "XT", "XB", Instant.now());
        String envelope = Envelopes.seal(good, TESTLAND, borealisEnc);

        String tampered = envelope.substring(0, envelope.length() - 30) + (envelope.charAt(envelope.length() - 30) == 'A' ? 'B' : 'A')
                + envelope.substring(envelope.length() - 29);
        assertRefused(tampered, 422, "tampered");
        assertRefused(Envelopes.seal(good, SigningKey.generate(), borealisEnc), 422, "unknown-signer");
        assertRefused(Envelopes.seal(good, TESTLAND_REVOKED, borealisEnc), 422, "unknown-signer");
        assertRefused(Envelopes.seal(submission(request, "XT", "XA", Instant.now()), TESTLAND, borealisEnc), 422, "wrong-recipient");
        assertRefused(Envelopes.seal(submission(request, "XA", "XB", Instant.now()), TESTLAND, borealisEnc), 422, "forged-sender");
        assertRefused(Envelopes.seal(submission(request, "XT", "XB", Instant.now().minus(Duration.ofDays(8))), TESTLAND, borealisEnc), 422, "stale");
        assertRefused("not-an-envelope", 400, "malformed");
        assertThat(requestCount()).isEqualTo(requestsBefore);
        assertThat(get(nodes.xb, "ca.officer", "/api/v1/requests/" + request).statusCode()).isEqualTo(404);

        // The genuine envelope is taken once; the same bytes again get the same receipt; other content under its id is a replay.
        HttpResponse<String> first = deliver(envelope);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(deliver(envelope).body()).isEqualTo(first.body());
        Message altered = new Message(good.id(), good.type(), good.conversation(), good.seq(), good.from(), good.to(), Instant.now(), good.payload());
        assertRefused(Envelopes.seal(altered, TESTLAND, borealisEnc), 409, "replayed");
        Message sameSeq = new Message(UUID.randomUUID(), good.type(), good.conversation(), good.seq(), good.from(), good.to(), Instant.now(),
                good.payload());
        assertRefused(Envelopes.seal(sameSeq, TESTLAND, borealisEnc), 409, "replayed");
        assertThat(requestCount()).isEqualTo(requestsBefore + 1);
        assertThat(json(nodes.xb, "ca.officer", "/api/v1/requests/" + request).get("summary").get("status").asString()).isEqualTo("DELIVERED");

        JsonNode rejections = json(nodes.xb, "admin", "/api/v1/admin/exchange").get("rejections");
        List<String> reasons = new ArrayList<>();
        rejections.forEach(r -> reasons.add(r.get("reason").asString()));
        assertThat(reasons).contains("TAMPERED", "UNKNOWN_SIGNER", "WRONG_RECIPIENT", "FORGED_SENDER", "STALE", "MALFORMED", "REPLAYED");
    }

    @Test
    void hostileBatchesAreRefusedWholeOrMessageByMessageAndChangeNothingElse() throws Exception {
        ECKey borealisEnc = encryptionKey(nodes.xb);
        int requestsBefore = requestCount();
        UUID request = UUID.randomUUID();
        Message good = submission(request, "XT", "XB", Instant.now());
        String signed = Envelopes.sign(good, TESTLAND);
        String batch = Batches.seal(List.of(signed), borealisEnc);

        // The outer layer refuses the batch as a whole.
        String tampered = batch.substring(0, batch.length() - 30) + (batch.charAt(batch.length() - 30) == 'A' ? 'B' : 'A')
                + batch.substring(batch.length() - 29);
        assertBatchRefused(tampered, 422, "tampered");
        assertBatchRefused(Batches.seal(List.of(signed), EncryptionKey.generate().publicJwk()), 422, "not-for-us");
        assertBatchRefused(Envelopes.seal(good, TESTLAND, borealisEnc), 422, "unsupported");
        assertBatchRefused("not-a-batch", 400, "malformed");
        // So does a first message signed by a key no trusted node holds now: the genuine message after it is not taken either.
        UUID other = UUID.randomUUID();
        assertBatchRefused(Batches.seal(List.of(Envelopes.sign(submission(other, "XT", "XB", Instant.now()), TESTLAND_REVOKED), signed),
                borealisEnc), 422, "unknown-signer");
        assertThat(requestCount()).isEqualTo(requestsBefore);

        // Inside, each message is judged alone: the genuine one is taken, the others refused with their reasons.
        List<String> messages = List.of(
                Envelopes.sign(submission(other, "XA", "XB", Instant.now()), TESTLAND),
                signed,
                Envelopes.sign(submission(other, "XT", "XA", Instant.now()), TESTLAND),
                Envelopes.sign(submission(other, "XT", "XB", Instant.now()), TESTLAND_REVOKED),
                Envelopes.sign(submission(other, "XT", "XB", Instant.now().minus(Duration.ofDays(8))), TESTLAND));
        HttpResponse<String> first = deliverBatch(Batches.seal(messages, borealisEnc));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(first.body()).get("results");
        assertThat(results.valueStream().map(r -> r.get("status").asInt() + " " + r.path("code").asString("")).toList())
                .containsExactly("422 forged-sender", "200 ", "422 wrong-recipient", "422 unknown-signer", "422 stale");
        JWKSet borealisKeys = JWKSet.parse(get(nodes.xb, null, "/.well-known/jwks.json").body());
        PeerKeys borealis = (kid, at) -> Optional.ofNullable(borealisKeys.getKeyByKeyId(kid))
                .filter(k -> k instanceof OctetKeyPair).map(k -> new PeerKeys.PeerKey("XB", (OctetKeyPair) k));
        String receipt = results.get(1).get("receipt").asString();
        assertThat(Receipts.verify(receipt, borealis, good.id(), Envelopes.digest(signed), Receipt.Subject.SIGNED_MESSAGE, Instant.now()).by())
                .isEqualTo("XB");
        assertThat(requestCount()).isEqualTo(requestsBefore + 1);
        assertThat(get(nodes.xb, "ca.officer", "/api/v1/requests/" + other).statusCode()).isEqualTo(404);

        // The same signed message again, in another batch, gets the same receipt; other content under its id is a replay.
        HttpResponse<String> again = deliverBatch(Batches.seal(List.of(signed), borealisEnc));
        assertThat(JSON.readTree(again.body()).get("results").get(0).get("receipt").asString()).isEqualTo(receipt);
        // Alone in an envelope (as to a node from before batches), it gets a receipt naming that envelope, dated as the first.
        String alone = Envelopes.seal(signed, borealisEnc);
        HttpResponse<String> single = deliver(alone);
        assertThat(single.statusCode()).as(single.body()).isEqualTo(200);
        Receipt batched = Receipts.verify(receipt, borealis, good.id(), Envelopes.digest(signed), Receipt.Subject.SIGNED_MESSAGE, Instant.now());
        Receipt enveloped = Receipts.verify(single.body(), borealis, good.id(), Envelopes.digest(alone), Receipt.Subject.ENVELOPE, Instant.now());
        assertThat(enveloped.receivedAt()).isEqualTo(batched.receivedAt());
        Message altered = new Message(good.id(), good.type(), good.conversation(), good.seq(), good.from(), good.to(), Instant.now(), good.payload());
        HttpResponse<String> replayed = deliverBatch(Batches.seal(List.of(Envelopes.sign(altered, TESTLAND)), borealisEnc));
        assertThat(JSON.readTree(replayed.body()).get("results").get(0).get("code").asString()).isEqualTo("replayed");
        assertThat(requestCount()).isEqualTo(requestsBefore + 1);

        List<String> reasons = new ArrayList<>();
        json(nodes.xb, "admin", "/api/v1/admin/exchange").get("rejections").forEach(r -> reasons.add(r.get("reason").asString()));
        assertThat(reasons).contains("TAMPERED", "NOT_FOR_US", "FORGED_SENDER", "WRONG_RECIPIENT", "UNKNOWN_SIGNER", "STALE", "REPLAYED");

        // Many messages refused one by one: each has its answer; 16 are recorded and the rest counted in one row.
        List<String> many = new ArrayList<>(List.of(Envelopes.sign(submission(UUID.randomUUID(), "XT", "XB", Instant.now()), TESTLAND)));
        SigningKey stranger = SigningKey.generate();
        for (int i = 0; i < 20; i++) {
            many.add(Envelopes.sign(submission(UUID.randomUUID(), "XT", "XB", Instant.now()), stranger));
        }
        HttpResponse<String> answered = deliverBatch(Batches.seal(many, borealisEnc));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(JSON.readTree(answered.body()).get("results").valueStream().map(r -> r.get("status").asInt()).toList())
                .containsExactlyElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of(200),
                        java.util.Collections.nCopies(20, 422).stream()).toList());
        JsonNode newest = json(nodes.xb, "admin", "/api/v1/admin/exchange").get("rejections");
        assertThat(newest.get(0).get("detail").asString()).startsWith("4 more message(s) of the batch refused");
        assertThat(newest.valueStream().limit(17).map(r -> r.get("reason").asString())).containsOnly("UNKNOWN_SIGNER");
    }

    @Test
    void trustListsWithABadSignatureOrAnOlderSerialAreRefused() throws Exception {
        TrustList current = TrustLists.parseUnsigned(get(nodes.xb, null, "/.well-known/comity-node.json").body());
        TrustList list = TrustLists.merge(1, "Test directory", Instant.now(), null, List.of(current));
        HttpResponse<String> older = nodes.install(nodes.xb, TrustLists.sign(list, nodes.directoryKey), 422);
        assertThat(older.body()).contains("not-newer");
        TrustList newer = TrustLists.merge(Long.MAX_VALUE / 4, "Impostor", Instant.now(), null, List.of(current));
        HttpResponse<String> forged = nodes.install(nodes.xb, TrustLists.sign(newer, SigningKey.generate()), 422);
        assertThat(forged.body()).contains("unknown-directory-key");
    }

    // --- Helpers ---------------------------------------------------------------------------------

    @Test
    void aureliaPublishesItsAnonymizedFiguresToBorealisDesignatedInTheTrustListOnDemandAndOnSchedule() throws Exception {
        // Six requests from Caldera to Aurelia, both hosted on XA: Aurelia's incoming from XC, Caldera's outgoing to XA.
        String aureliaCa = Federation.authority(nodes.xa, "Aurelia Central Authority");
        Map<String, Object> document = Federation.JSON.readValue(TwoNodesIT.class.getResourceAsStream("request.json"), Map.class);
        document.put("requestedAuthority", aureliaCa);
        for (int i = 0; i < 6; i++) {
            document.put("title", "Statistics " + i);
            HttpResponse<String> created = Federation.post(nodes.xa, "caldera.prosecutor", "/api/v1/requests", document);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            act(nodes.xa, "caldera.prosecutor", Federation.JSON.readTree(created.body()).get("summary").get("id").asString(), "submit", Map.of());
        }
        int year = Instant.now().atZone(java.time.ZoneOffset.UTC).getYear();
        assertThat(Federation.get(nodes.xb, "auditor", "/api/v1/statistics/received").statusCode()).as("not designated yet").isEqualTo(404);
        nodes.federate(Map.of(), List.of(testland), "XB");
        try {
            HttpResponse<String> published = Federation.post(nodes.xa, "ca.officer", "/api/v1/statistics/publications?year=" + year, "{}");
            assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
            assertThat(Federation.JSON.readTree(published.body()).get("statisticsNode").asString()).isEqualTo("XB");

            // The schedule sends the previous year too, of both states XA hosts; the manual publication only the year asked for.
            JsonNode received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                received = Federation.json(nodes.xb, "auditor", "/api/v1/statistics/received");
                // The schedule sends, state by state, the previous year and then the current one: wait for the last of them.
                if (received.valueStream().filter(r -> r.get("year").asInt() == year - 1).count() == 2
                        && received.valueStream().filter(r -> r.get("year").asInt() == year).count() == 2) {
                    break;
                }
                Thread.sleep(200);
            }
            List<JsonNode> reports = received.valueStream().toList();
            assertThat(reports).extracting(r -> r.get("node").asString()).containsOnly("XA");
            assertThat(reports).extracting(r -> r.get("state").asString() + "/" + r.get("year").asInt())
                    .containsExactlyInAnyOrder("XA/" + year, "XA/" + (year - 1), "XC/" + year, "XC/" + (year - 1));
            assertThat(reports).allSatisfy(r -> r.get("cells").valueStream()
                    .forEach(c -> assertThat(c.get("requests").asLong()).as(c.toString()).isGreaterThanOrEqualTo(5)));
            JsonNode aurelia = reports.stream().filter(r -> r.get("state").asString().equals("XA") && r.get("year").asInt() == year).findFirst().orElseThrow();
            long fromCaldera = aurelia.get("cells").valueStream()
                    .filter(c -> c.get("direction").asString().equals("INCOMING") && c.has("partner") && c.get("partner").asString().equals("XC")
                            && c.get("outcome").asString().equals("OPEN"))
                    .mapToLong(c -> c.get("requests").asLong()).sum();
            assertThat(fromCaldera).as("the six open requests from Caldera, at least").isGreaterThanOrEqualTo(6);

            // Borealis's dashboard shows them combined by state.
            String page = new org.comity.node.support.SessionClient(nodes.xb.port).signIn("auditor", "Comity-demo-2026!").get("/statistics").body();
            assertThat(page).contains("id=\"figure-states\"").contains("(XA)").contains("(XC)");
        } finally {
            nodes.federate(Map.of(), List.of(testland));
        }
        assertThat(Federation.get(nodes.xb, "auditor", "/api/v1/statistics/received").statusCode()).as("designation withdrawn").isEqualTo(404);
    }

    private static void verifyReceipts(org.comity.node.federation.NodeProcess sender, String user, String request,
            org.comity.node.federation.NodeProcess receiver) throws Exception {
        JWKSet receiverKeys = JWKSet.parse(get(receiver, null, "/.well-known/jwks.json").body());
        PeerKeys peers = (kid, at) -> Optional.ofNullable(receiverKeys.getKeyByKeyId(kid))
                .filter(k -> k instanceof OctetKeyPair).map(k -> new PeerKeys.PeerKey(receiver.id, (OctetKeyPair) k));
        int out = 0;
        int in = 0;
        for (JsonNode t : json(sender, user, "/api/v1/requests/" + request + "/transmissions")) {
            if (t.get("direction").asString().equals("OUT")) {
                assertThat(t.get("status").asString()).isEqualTo("DELIVERED");
                Receipts.verify(t.get("receipt").asString(), peers, UUID.fromString(t.get("message").asString()), t.get("digest").asString(),
                        Instant.now());
                String receiptPayload = new String(java.util.Base64.getUrlDecoder().decode(t.get("receipt").asString().split("\\.")[1]),
                        java.nio.charset.StandardCharsets.UTF_8);
                assertThat(org.comity.node.support.FormatSchemas.problems("receipt.schema.json", receiptPayload))
                        .as("the receipt meets the published schema").isEmpty();
                out++;
            } else {
                // Proof of origin: the peer's signed message, checked with an independent JOSE library against the peer's JWKS.
                JsonWebSignature jws = new JsonWebSignature();
                jws.setCompactSerialization(t.get("signedMessage").asString());
                JWK key = receiverKeys.getKeyByKeyId(jws.getKeyIdHeaderValue());
                jws.setKey(PublicJsonWebKey.Factory.newPublicJwk(key.toPublicJWK().toJSONString()).getKey());
                jws.setAlgorithmConstraints(new org.jose4j.jwa.AlgorithmConstraints(
                        org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, "EdDSA"));
                assertThat(jws.verifySignature()).isTrue();
                assertThat(JSON.readTree(jws.getPayload()).get("conversation").asString()).isEqualTo(request);
                assertThat(org.comity.node.support.FormatSchemas.problems("envelope.schema.json", jws.getPayload()))
                        .as("the message meets the published schema").isEmpty();
                in++;
            }
        }
        assertThat(out).isPositive();
        assertThat(in).isPositive();
    }

    private static void attach(org.comity.node.federation.NodeProcess node, String user, String request, String name, byte[] content)
            throws Exception {
        String boundary = "comity" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(head);
        body.write(content);
        body.write(tail);
        HttpResponse<String> response = Federation.HTTP.send(HttpRequest.newBuilder(node.url().resolve("/api/v1/requests/" + request + "/attachments"))
                .header("Authorization", "Bearer " + node.token(user)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }

    private static ECKey encryptionKey(org.comity.node.federation.NodeProcess node) throws Exception {
        for (JWK key : JWKSet.parse(get(node, null, "/.well-known/jwks.json").body()).getKeys()) {
            if (key instanceof ECKey ec) {
                return ec;
            }
        }
        throw new AssertionError("no encryption key published by " + node.id);
    }

    /** A request submitted from Testland's central authority to Borealis's. */
    private static Message submission(UUID request, String from, String to, Instant sentAt) throws Exception {
        Map<String, Object> document = JSON.readValue(TwoNodesIT.class.getResourceAsStream("request.json"), Map.class);
        document.put("requestingAuthority", TESTLAND_CA.toString());
        document.put("requestedAuthority", borealisCa);
        Map<String, Object> actor = Map.of("name", "Tess Tester (Testland Central Authority)", "authorityId", TESTLAND_CA.toString());
        Map<String, Object> event = new LinkedHashMap<>(Map.of("id", UUID.randomUUID().toString(), "seq", 2, "type", "SUBMITTED",
                "at", sentAt.toString(), "actor", actor, "details", Map.of("document", document)));
        Map<String, Object> submission = Map.of("id", request.toString(), "reference", "XT-2026-" + request.toString().substring(0, 6),
                "submitted", event, "files", List.of());
        // Canonical JSON refuses floating-point ambiguity: numbers in the document must be whole; the sample has none.
        return new Message(UUID.nameUUIDFromBytes(request.toString().getBytes()), "request.submitted", request, 1, from, to, sentAt,
                JSON.convertValue(Map.of("submission", submission), Map.class));
    }

    private static HttpResponse<String> deliver(String envelope) throws Exception {
        return Federation.HTTP.send(HttpRequest.newBuilder(nodes.xb.url().resolve("/federation/v1/envelopes"))
                .header("Content-Type", "application/jose").POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> deliverBatch(String batch) throws Exception {
        return Federation.HTTP.send(HttpRequest.newBuilder(nodes.xb.url().resolve("/federation/v1/batches"))
                .header("Content-Type", "application/jose").POST(HttpRequest.BodyPublishers.ofString(batch)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertBatchRefused(String batch, int status, String code) throws Exception {
        assertProblem(deliverBatch(batch), status, code);
    }

    private static void assertRefused(String envelope, int status, String code) throws Exception {
        assertProblem(deliver(envelope), status, code);
    }

    /** A refusal: the status, an RFC 9457 problem naming the code, no stack trace. */
    private static void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("type").asString()).endsWith(code);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static int requestCount() throws Exception {
        JsonNode list = json(nodes.xb, "ca.officer", "/api/v1/requests?box=INBOX&size=200");
        return list.get("items").size();
    }
}
