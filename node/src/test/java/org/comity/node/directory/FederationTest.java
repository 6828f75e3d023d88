package org.comity.node.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.custody.keys.EncryptionKey;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.trust.TrustList;
import org.comity.custody.trust.TrustLists;
import org.comity.node.account.User;
import org.comity.node.platform.Role;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The node's keys over real HTTP: published as a JWKS, rotated with an overlap; and the trust list:
 * installed only when the configured directory signed it with a newer serial, refused otherwise.
 */
class FederationTest extends NodeTest {

    static final SigningKey DIRECTORY = SigningKey.generate();

    @DynamicPropertySource
    static void directoryKey(DynamicPropertyRegistry registry) {
        registry.add("comity.exchange.directory-keys[0]", () -> DIRECTORY.publicJwk().toJSONString());
    }

    @Autowired
    NodeIdentity identity;

    @Autowired
    JdbcClient jdbc;

    User admin, officer;
    String officerState;

    @BeforeEach
    void world() {
        officerState = fixtures.state("Federation");
        Authority central = fixtures.authority(officerState, AuthorityKind.CENTRAL_AUTHORITY);
        admin = fixtures.user(central, Role.ADMIN);
        officer = fixtures.user(central, Role.CENTRAL_AUTHORITY);
    }

    @Test
    void theNodePublishesItsPublicKeysToAnyone() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/.well-known/jwks.json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode keys = Http.JSON.readTree(r.body()).get("keys");
        assertThat(keys.valueStream().map(k -> k.get("use").asString() + ":" + k.get("kty").asString()))
                .contains("sig:OKP", "enc:EC");
        assertThat(r.body()).doesNotContain("\"d\"");
        assertThat(keys.valueStream().map(k -> k.get("kid").asString())).contains(identity.signingKey().kid());
    }

    @Test
    void aRotationKeepsTheOldKeysValidForTheOverlap() {
        String before = identity.signingKey().kid();
        assertThat(http(fixtures.token(officer)).post("/api/v1/admin/keys/rotate", null).status()).isEqualTo(403);
        Http.Reply rotated = http(fixtures.token(admin)).post("/api/v1/admin/keys/rotate", null);
        assertThat(rotated.status()).isEqualTo(200);
        String after = identity.signingKey().kid();
        assertThat(after).isNotEqualTo(before);
        assertThat(identity.publicJwks()).extracting(k -> k.get("kid")).contains(before, after);
        JsonNode old = rotated.json().valueStream().filter(k -> k.get("kid").asString().equals(before)).findFirst().orElseThrow();
        assertThat(old.get("current").asBoolean()).isFalse();
        assertThat(Instant.parse(old.get("notAfter").asString())).isAfter(Instant.now().plusSeconds(6 * 86_400));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'node-key.rotate' and actor_name = ?").param(admin.username())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void afterARotationTheOldKeySignsUntilTheTrustListInForceNamesTheNewOne() {
        Http api = http(fixtures.token(admin));
        long held = jdbc.sql("select coalesce(max(serial), 0) from trust_list").query(Long.class).single();
        String old = identity.signingKey().kid();
        try {
            // The directory's edition in force names this node with the key it signs with.
            assertThat(put(api, TrustLists.sign(withThisNode(held + 1), DIRECTORY)).status()).isEqualTo(200);
            Http.Reply rotated = api.post("/api/v1/admin/keys/rotate", null);
            assertThat(rotated.status()).isEqualTo(200);
            String fresh = rotated.json().valueStream().filter(k -> k.get("use").asString().equals("sig") && (k.path("notAfter").isMissingNode() || k.path("notAfter").isNull()))
                    .map(k -> k.get("kid").asString()).findFirst().orElseThrow();
            // No peer could check the new key yet: the old one signs on, and says so.
            assertThat(identity.signingKey().kid()).isEqualTo(old);
            assertThat(rotated.json().valueStream().filter(k -> k.get("current").asBoolean() && k.get("use").asString().equals("sig"))
                    .map(k -> k.get("kid").asString())).containsExactly(old);
            // The next edition names both: the new key signs from then on.
            assertThat(put(api, TrustLists.sign(withThisNode(held + 2), DIRECTORY)).status()).isEqualTo(200);
            assertThat(identity.signingKey().kid()).isEqualTo(fresh);
        } finally {
            // Other tests rotate with no list naming this node in force.
            put(api, TrustLists.sign(list(held + 3, SigningKey.generate()), DIRECTORY));
        }
    }

    /** A directory edition naming this node (XA) with the public keys it publishes now. */
    private TrustList withThisNode(long serial) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<TrustList.NodeKey> keys = identity.publicJwks().stream()
                .map(k -> new TrustList.NodeKey((String) k.get("kid"), (String) k.get("use"), k, t, null)).toList();
        return new TrustList(serial, t, null, "Test directory", List.of(new TrustList.StateEntry("XA", "Aurelia", List.of("budapest-31"))),
                List.of(new TrustList.NodeEntry("XA", "XA", "Aurelia", URI.create("http://127.0.0.1:" + port), keys)), List.of(), List.of());
    }

    @Test
    void aTrustListIsInstalledOnlyWithTheDirectorysSignatureAndANewerSerial() {
        Http api = http(fixtures.token(admin));
        long held = jdbc.sql("select coalesce(max(serial), 0) from trust_list").query(Long.class).single();
        SigningKey peer = SigningKey.generate();

        Http.Reply stranger = put(api, TrustLists.sign(list(held + 1, peer), SigningKey.generate()));
        assertThat(stranger.status()).isEqualTo(422);
        assertThat(stranger.json().get("errors").get(0).get("code").asString()).isEqualTo("unknown-directory-key");

        assertThat(put(http(fixtures.token(officer)), TrustLists.sign(list(held + 1, peer), DIRECTORY)).status()).isEqualTo(403);

        Http.Reply installed = put(api, TrustLists.sign(list(held + 1, peer), DIRECTORY));
        assertThat(installed.status()).as(installed.text()).isEqualTo(200);
        assertThat(api.get("/api/v1/directory/trust-list").json().get("serial").asLong()).isEqualTo(held + 1);
        assertThat(identity.peerKeys().signingKey(peer.kid(), Instant.now())).hasValueSatisfying(k -> assertThat(k.nodeId()).isEqualTo("XQ"));

        Http.Reply replayed = put(api, TrustLists.sign(list(held + 1, SigningKey.generate()), DIRECTORY));
        assertThat(replayed.status()).isEqualTo(422);
        assertThat(replayed.json().get("errors").get(0).get("code").asString()).isEqualTo("not-newer");
        String signed = TrustLists.sign(list(held + 2, peer), DIRECTORY);
        Http.Reply tampered = put(api, signed.substring(0, signed.length() - 4) + (signed.endsWith("AAAA") ? "BBBB" : "AAAA"));
        assertThat(tampered.status()).isEqualTo(422);
        assertThat(tampered.json().get("errors").get(0).get("code").asString()).isEqualTo("bad-signature");
        assertThat(api.get("/api/v1/directory/trust-list").json().get("serial").asLong()).as("nothing changed").isEqualTo(held + 1);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'trust-list.accept' and outcome = 'DENIED' and actor_name = ?")
                .param(admin.username()).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void theDirectorySaysWhichInstrumentsAStateIsPartyToAndHowToReachItsPointOfContactAndRequestsFollowIt() throws Exception {
        Http api = http(fixtures.token(admin));
        long held = jdbc.sql("select coalesce(max(serial), 0) from trust_list").query(Long.class).single();
        UUID central = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        TrustList list = peerList(held + 1, "XR", "Ruritania", List.of("budapest-29", "budapest-31"),
                List.of(new TrustList.AuthorityEntry(central, "XR", "XR", "Ruritania Central Authority", "CENTRAL_AUTHORITY", List.of("en"), null),
                        new TrustList.AuthorityEntry(contact, "XR", "XR", "Ruritania 24/7 Unit", "POINT_OF_CONTACT", List.of("en", "de"),
                                "247@ruritania.example")),
                List.of(new TrustList.ContactPoint(contact, "Mon-Fri 08:00-20:00 UTC+1; otherwise the backups", List.of("en", "de"), "+97 1 247",
                        "247@ruritania.example", List.of(new TrustList.Backup("Night desk", "+97 1 999", null)))));
        assertThat(put(api, TrustLists.sign(list, DIRECTORY)).status()).isEqualTo(200);

        Http asker = http(fixtures.token(officer));
        Http.Reply notParty = asker.post("/api/v1/requests",
                org.comity.node.support.Documents.complete("bilateral-mla", null, central, org.comity.node.request.Urgency.NORMAL));
        assertThat(notParty.status()).as(notParty.text()).isEqualTo(422);
        assertThat(notParty.json().get("errors").valueStream().map(e -> e.get("field").asString() + " " + e.get("code").asString()))
                .contains("instrument not-party");
        assertThat(notParty.text()).contains("Ruritania is not a party to");
        Http.Reply party = asker.post("/api/v1/requests",
                org.comity.node.support.Documents.complete("budapest-31", null, central, org.comity.node.request.Urgency.NORMAL));
        assertThat(party.status()).as(party.text()).isEqualTo(201);

        // Every signed-in user finds the other state's 24/7 point of contact, its hours and its backups.
        var session = new org.comity.node.support.SessionClient(port).signIn(officer.username(), org.comity.node.support.Fixtures.PASSWORD);
        assertThat(session.get("/directory").body()).contains("id=\"state-" + officerState + "\"").contains("id=\"state-XR\"");
        String page = session.get("/directory?state=XR").body();
        assertThat(page).contains("Ruritania 24/7 Unit").contains("Mon-Fri 08:00-20:00 UTC+1").contains("Night desk").contains("+97 1 999")
                .contains("+97 1 247").contains("id=\"authority-" + contact + "\"").contains("Expedited preservation of stored computer data")
                .doesNotContain("id=\"state-" + officerState + "\""); // the filter shows the chosen state only
        assertThat(api.get("/api/v1/directory/authorities").json().valueStream().filter(a -> a.get("id").asString().equals(contact.toString()))
                .map(a -> a.get("hours").asString())).containsExactly("Mon-Fri 08:00-20:00 UTC+1; otherwise the backups");

        // Another node's authority is the trust list's: an administrator cannot change it, nor add one to that node.
        Http.Reply edit = api.send(api.builder("/api/v1/admin/authorities/" + central).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"stateCode\":\"XR\",\"nodeId\":\"XR\",\"name\":\"Renamed\",\"kind\":\"CENTRAL_AUTHORITY\"}")),
                Map.of("Content-Type", "application/json", "If-Match", "\"0\""));
        assertThat(edit.status()).as(edit.text()).isEqualTo(403);
        Http.Reply added = api.post("/api/v1/admin/authorities", Map.of("stateCode", "XR", "nodeId", "XR", "name", "Invented", "kind", "JUDICIAL_AUTHORITY"));
        assertThat(added.status()).isEqualTo(422);
        assertThat(added.json().get("errors").get(0).get("code").asString()).isEqualTo("not-this-node");
        assertThat(jdbc.sql("select count(*) from authority where name in ('Renamed', 'Invented')").query(Long.class).single()).isZero();
    }

    @Autowired
    org.comity.node.request.Replication replication;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /**
     * What the requested node records comes back and is appended without judging the transition,
     * but a peer cannot reach past its side of the request: it cannot hand the request to, or act
     * for, another of this node's authorities, speak for this node's users beyond what they
     * proposed, or readdress the request with an amended document.
     */
    @Test
    void aPeerRecordsOnlyWithinItsSideOfTheRequest() {
        Http api = http(fixtures.token(admin));
        long held = jdbc.sql("select coalesce(max(serial), 0) from trust_list").query(Long.class).single();
        UUID central = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        TrustList list = peerList(held + 1, "XS", "Sylvania", List.of("budapest-31"),
                List.of(new TrustList.AuthorityEntry(central, "XS", "XS", "Sylvania Central Authority", "CENTRAL_AUTHORITY", List.of("en"), null),
                        new TrustList.AuthorityEntry(unit, "XS", "XS", "Sylvania Cybercrime Unit", "JUDICIAL_AUTHORITY", List.of("en"), null)),
                List.of());
        assertThat(put(api, TrustLists.sign(list, DIRECTORY)).status()).isEqualTo(200);
        Authority other = fixtures.authority(officerState, AuthorityKind.JUDICIAL_AUTHORITY);
        Http asker = http(fixtures.token(officer));
        Http.Reply sent = asker.post("/api/v1/requests?submit=true",
                org.comity.node.support.Documents.complete("budapest-31", null, central, org.comity.node.request.Urgency.NORMAL));
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        UUID id = UUID.fromString(sent.json().get("summary").get("id").asString());
        var tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        java.util.function.BiFunction<org.comity.node.request.EventType, Object[], org.comity.node.request.RequestEvent> event = (type, a) ->
                new org.comity.node.request.RequestEvent((UUID) a[0], (int) a[1], type, Instant.now(), (org.comity.node.request.EventActor) a[2],
                        "why", (org.comity.node.request.EventDetails) a[3]);
        var xsOfficer = new org.comity.node.request.EventActor(UUID.randomUUID(), "Sylvia", central);
        java.util.function.Consumer<org.comity.node.request.RequestEvent> record = e -> tx.executeWithoutResult(s -> replication.record("XS", id, e, null));
        java.util.function.Function<org.comity.node.request.RequestEvent, String> refused = e -> {
            try {
                record.accept(e);
                return "recorded";
            } catch (org.comity.node.platform.ComityException x) {
                return x.status() + " " + x.getMessage();
            }
        };
        var none = org.comity.node.request.EventDetails.NONE;
        record.accept(event.apply(org.comity.node.request.EventType.DELIVERED,
                new Object[] {UUID.randomUUID(), 3, org.comity.node.request.EventActor.node("XS"), none}));
        // Handing the request to one of this node's authorities would let it read the request here.
        var toOther = new org.comity.node.request.EventDetails(null, null, null, other.id(), null, null, null, null, null, null, null);
        assertThat(refused.apply(event.apply(org.comity.node.request.EventType.ASSIGNED, new Object[] {UUID.randomUUID(), 4, xsOfficer, toOther})))
                .startsWith("422");
        assertThat(refused.apply(event.apply(org.comity.node.request.EventType.MESSAGE_POSTED,
                new Object[] {UUID.randomUUID(), 4, new org.comity.node.request.EventActor(null, "Someone", other.id()), none}))).startsWith("422");
        // An authority the trust list does not name yet (created on XS since the list's edition): not yet, rather than never.
        var toNew = new org.comity.node.request.EventDetails(null, null, null, UUID.randomUUID(), null, null, null, null, null, null, null);
        assertThat(refused.apply(event.apply(org.comity.node.request.EventType.ASSIGNED, new Object[] {UUID.randomUUID(), 4, xsOfficer, toNew})))
                .startsWith("503");
        assertThat(refused.apply(event.apply(org.comity.node.request.EventType.MESSAGE_POSTED,
                new Object[] {UUID.randomUUID(), 4, new org.comity.node.request.EventActor(null, "New unit", UUID.randomUUID()), none}))).startsWith("503");
        var toUnit = new org.comity.node.request.EventDetails(null, null, null, unit, null, null, null, null, null, null, null);
        record.accept(event.apply(org.comity.node.request.EventType.ASSIGNED, new Object[] {UUID.randomUUID(), 4, xsOfficer, toUnit}));
        record.accept(event.apply(org.comity.node.request.EventType.INFORMATION_REQUESTED, new Object[] {UUID.randomUUID(), 5, xsOfficer, none}));
        assertThat(http(fixtures.token(fixtures.user(other, Role.JUDICIAL_AUTHORITY))).get("/api/v1/requests/" + id).status()).isEqualTo(404);

        // This node's own user, in an event it never proposed.
        var asOfficer = new org.comity.node.request.EventActor(officer.id(), "Officer", officer.authorityId());
        assertThat(refused.apply(event.apply(org.comity.node.request.EventType.INFORMATION_PROVIDED,
                new Object[] {UUID.randomUUID(), 6, asOfficer, none}))).startsWith("422");
        // An amended document that readdresses the request, or changes its basis.
        var document = org.comity.node.support.Documents.complete("budapest-31", officer.authorityId(), central, org.comity.node.request.Urgency.NORMAL);
        var readdressed = org.comity.node.support.Documents.complete("budapest-31", other.id(), central, org.comity.node.request.Urgency.NORMAL);
        var urgent = org.comity.node.support.Documents.complete("budapest-31", officer.authorityId(), central, org.comity.node.request.Urgency.URGENT);
        for (var changed : List.of(readdressed, urgent)) {
            assertThat(refused.apply(event.apply(org.comity.node.request.EventType.RESUMED,
                    new Object[] {UUID.randomUUID(), 6, xsOfficer, org.comity.node.request.EventDetails.of(changed)}))).startsWith("422");
        }
        assertThat(jdbc.sql("select version from request where id = ?").param(id).query(Integer.class).single()).isEqualTo(5);

        // What the officer did propose comes back in the officer's name, and is recorded.
        Http.Reply proposed = asker.post("/api/v1/requests/" + id + "/actions/provide-information", Map.of("reason", "From 1 to 3 March."));
        assertThat(proposed.status()).as(proposed.text()).isBetween(200, 202);
        UUID proposal = jdbc.sql("select id from request_proposal where request_id = ? and status = 'PENDING'").param(id).query(UUID.class).single();
        assertThat(refused.apply(event.apply(org.comity.node.request.EventType.MESSAGE_POSTED,
                new Object[] {proposal, 6, asOfficer, none}))).as("the proposal was of another action").startsWith("422");
        assertThat(refused.apply(event.apply(org.comity.node.request.EventType.INFORMATION_PROVIDED,
                new Object[] {proposal, 6, asOfficer, org.comity.node.request.EventDetails.of(document)}))).as("other words").startsWith("422");
        record.accept(new org.comity.node.request.RequestEvent(proposal, 6, org.comity.node.request.EventType.INFORMATION_PROVIDED, Instant.now(),
                asOfficer, "From 1 to 3 March.", org.comity.node.request.EventDetails.of(document)));
        assertThat(asker.get("/api/v1/requests/" + id).json().get("summary").get("status").asString()).isEqualTo("DELIVERED");

        // The state's central authority acts on a request another of its authorities sent: it comes back in its name.
        Http judge = http(fixtures.token(fixtures.user(other, Role.JUDICIAL_AUTHORITY)));
        Http.Reply theirs = judge.post("/api/v1/requests?submit=true",
                org.comity.node.support.Documents.complete("budapest-31", null, central, org.comity.node.request.Urgency.NORMAL));
        assertThat(theirs.status()).as(theirs.text()).isEqualTo(201);
        UUID theirId = UUID.fromString(theirs.json().get("summary").get("id").asString());
        tx.executeWithoutResult(s -> replication.record("XS", theirId, event.apply(org.comity.node.request.EventType.DELIVERED,
                new Object[] {UUID.randomUUID(), 3, org.comity.node.request.EventActor.node("XS"), none}), null));
        Http.Reply message = asker.post("/api/v1/requests/" + theirId + "/actions/post-message", Map.of("reason", "Any news?"));
        assertThat(message.status()).as(message.text()).isBetween(200, 202);
        UUID posted = jdbc.sql("select id from request_proposal where request_id = ? and status = 'PENDING'").param(theirId).query(UUID.class).single();
        tx.executeWithoutResult(s -> replication.record("XS", theirId, new org.comity.node.request.RequestEvent(posted, 4,
                org.comity.node.request.EventType.MESSAGE_POSTED, Instant.now(), asOfficer, "Any news?", none), null));
        assertThat(judge.get("/api/v1/requests/" + theirId + "/events").json().valueStream().map(e -> e.get("type").asString()).toList())
                .endsWith("MESSAGE_POSTED");
    }

    /** Evidence offered by the requested node comes only for a delivered request, in its own conversation, within the upload limit. */
    @Test
    void evidenceIsOfferedOnlyForADeliveredRequestInItsOwnConversationAndWithinTheUploadLimit() throws Exception {
        Http api = http(fixtures.token(admin));
        long held = jdbc.sql("select coalesce(max(serial), 0) from trust_list").query(Long.class).single();
        SigningKey peer = SigningKey.generate();
        UUID central = UUID.randomUUID();
        TrustList list = peerList(held + 1, "XT", "Tavia", peer, List.of("budapest-31"),
                List.of(new TrustList.AuthorityEntry(central, "XT", "XT", "Tavia Central Authority", "CENTRAL_AUTHORITY", List.of("en"), null)),
                List.of());
        assertThat(put(api, TrustLists.sign(list, DIRECTORY)).status()).isEqualTo(200);
        Http.Reply sent = http(fixtures.token(officer)).post("/api/v1/requests?submit=true",
                org.comity.node.support.Documents.complete("budapest-31", null, central, org.comity.node.request.Urgency.NORMAL));
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        UUID request = UUID.fromString(sent.json().get("summary").get("id").asString());
        com.nimbusds.jose.jwk.ECKey ours = identity.publicJwks().stream().filter(k -> "enc".equals(k.get("use")))
                .map(k -> {
                    try {
                        return com.nimbusds.jose.jwk.ECKey.parse(k);
                    } catch (java.text.ParseException e) {
                        throw new IllegalStateException(e);
                    }
                }).findFirst().orElseThrow();
        java.util.function.BiFunction<UUID, Long, String> offer = (conversation, size) -> {
            Map<String, Object> payload = new java.util.LinkedHashMap<>();
            payload.put("transfer", UUID.randomUUID().toString());
            payload.put("request", request.toString());
            payload.put("exhibit", UUID.randomUUID().toString());
            payload.put("fileName", "image.dd");
            payload.put("mediaType", "application/octet-stream");
            payload.put("size", size);
            payload.put("sha256", "0".repeat(64));
            payload.put("acquisition", Map.of("tool", "dd", "toolVersion", "9", "examiner", "E. Xam", "source", "disk", "method", "image",
                    "acquiredAt", "2026-11-01T00:00:00.000Z"));
            payload.put("chunkSize", 4096L);
            payload.put("key", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]));
            payload.put("custody", "{}");
            var message = new org.comity.custody.envelope.Message(UUID.randomUUID(), "evidence.offer", conversation, 1, "XT",
                    properties.node().id(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), payload);
            Http.Reply r = anonymous().postRaw("/federation/v1/evidence/offers", "application/jose",
                    org.comity.custody.envelope.Envelopes.seal(message, peer, ours).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return r.status() + " " + r.json().get("type").asString() + " " + r.json().get("detail").asString();
        };
        // Submitted, not yet delivered there: it cannot have executed anything.
        assertThat(offer.apply(request, 10L)).startsWith("422 /problems/request-not-open ");
        var tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        tx.executeWithoutResult(st -> replication.record("XT", request, new org.comity.node.request.RequestEvent(UUID.randomUUID(), 3,
                org.comity.node.request.EventType.DELIVERED, Instant.now(), org.comity.node.request.EventActor.node("XT"), null,
                org.comity.node.request.EventDetails.NONE), null));
        assertThat(offer.apply(UUID.randomUUID(), 10L)).startsWith("422 /problems/invalid-content ");
        assertThat(offer.apply(request, properties.uploads().maxSize().toBytes() + 1)).startsWith("422 /problems/too-large ");
        // Past those checks, the chain of custody is judged next (and this list gives XT no ledger key).
        assertThat(offer.apply(request, 10L)).startsWith("422 /problems/no-ledger-key ");
        assertThat(jdbc.sql("select count(*) from evidence_transfer where request_id = ?").param(request).query(Long.class).single()).isZero();
    }

    @Autowired
    org.comity.node.knowledge.CountryProfiles profiles;

    @Test
    void theNodeDescribesWhatItsStatesArePartyToFromTheirCountryProfiles() {
        String unprofiled = fixtures.state("Unprofiled");
        fixtures.authority(unprofiled, AuthorityKind.CENTRAL_AUTHORITY);
        String noTreaties = fixtures.state("No treaties on file");
        fixtures.authority(noTreaties, AuthorityKind.CENTRAL_AUTHORITY);
        profiles.save(fixtures.actor(admin), new org.comity.node.knowledge.CountryProfile(noTreaties, "No treaties on file", false, List.of(),
                List.of(), null, null, List.of("en"), null, null, List.of(), List.of(), null), 0, "languages only");
        profiles.save(fixtures.actor(admin), new org.comity.node.knowledge.CountryProfile(officerState, "Federation", false,
                List.of(new org.comity.node.knowledge.TreatyParty(org.comity.node.knowledge.Treaty.BUDAPEST, null, List.of()),
                        // Ratified, not yet in force: not yet party.
                        new org.comity.node.knowledge.TreatyParty(org.comity.node.knowledge.Treaty.SECOND_PROTOCOL,
                                java.time.LocalDate.now().plusYears(1), List.of())),
                List.of(new org.comity.node.knowledge.Reservation("budapest-29", org.comity.node.knowledge.Reservation.Effect.EXCLUDES, "Test.")),
                null, null, List.of("en"), null, null, List.of(), List.of(), null), 0, "test");
        Map<String, List<String>> described = new java.util.HashMap<>();
        http(fixtures.token(admin)).get("/.well-known/comity-node.json").json().get("states").valueStream().forEach(st ->
                described.put(st.get("code").asString(), st.get("instruments").valueStream().map(JsonNode::asString).toList()));
        // Party to the Budapest Convention, less the article its reservation excludes; not to the Protocol nor the EU orders.
        assertThat(described.get(officerState)).contains("budapest-31").doesNotContain("budapest-29")
                .allMatch(i -> i.startsWith("budapest-"));
        // A state without a profile, or whose profile lists no treaty: every instrument this node handles (not judged).
        assertThat(described.get(unprofiled)).contains("budapest-29", "budapest-31", "protocol-7", "bilateral-mla");
        assertThat(described.get(noTreaties)).isEqualTo(described.get(unprofiled));
    }

    @Test
    void anEmergencyContactOfACentralAuthorityTravelsAndWhatALaterListNoLongerSaysIsForgotten() throws Exception {
        Http api = http(fixtures.token(admin));
        // This node's central authority, with a telephone and a backup, describes how to reach it in an emergency (Protocol Art. 10).
        Authority ours = fixtures.authority(officerState, AuthorityKind.CENTRAL_AUTHORITY);
        assertThat(api.put("/api/v1/admin/authorities/" + ours.id() + "/backups", List.of(Map.of("name", "Duty prosecutor", "phone", "+98 1 100")),
                Map.of()).status()).isEqualTo(200);
        JsonNode described = api.get("/.well-known/comity-node.json").json().get("contacts").valueStream()
                .filter(c -> c.get("authority").asString().equals(ours.id().toString())).findFirst().orElseThrow();
        assertThat(described.get("hours").asString()).isEqualTo(TrustList.ContactPoint.HOURS_NOT_STATED);
        assertThat(described.get("backups").get(0).get("name").asString()).isEqualTo("Duty prosecutor");

        long held = jdbc.sql("select coalesce(max(serial), 0) from trust_list").query(Long.class).single();
        SigningKey peer = SigningKey.generate();
        EncryptionKey enc = EncryptionKey.generate();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        UUID central = UUID.randomUUID();
        var state = new TrustList.StateEntry("XS", "Syldavia", List.of("budapest-31"));
        var node = new TrustList.NodeEntry("XS", "XS", "Syldavia", URI.create("http://127.0.0.1:9999"), List.of(
                new TrustList.NodeKey(peer.kid(), "sig", peer.publicJwk().toJSONObject(), t, null),
                new TrustList.NodeKey(enc.kid(), "enc", enc.publicJwk().toJSONObject(), t, null)));
        var authority = new TrustList.AuthorityEntry(central, "XS", "XS", "Syldavia Central Authority", "CENTRAL_AUTHORITY", List.of("en"), null);
        var contact = new TrustList.ContactPoint(central, TrustList.ContactPoint.HOURS_NOT_STATED, List.of("en"), "+96 1 000", null,
                List.of(new TrustList.Backup("Syldavian duty officer", "+96 1 999", null)));
        assertThat(put(api, TrustLists.sign(new TrustList(held + 1, t, null, "Test directory", List.of(state), List.of(node), List.of(authority),
                List.of(contact)), DIRECTORY)).status()).isEqualTo(200);

        JsonNode imported = api.get("/api/v1/directory/authorities/" + central).json();
        assertThat(imported.get("phone").asString()).isEqualTo("+96 1 000");
        assertThat(absent(imported.path("hours"))).as("'not stated' is no hours").isTrue();
        var session = new org.comity.node.support.SessionClient(port).signIn(officer.username(), org.comity.node.support.Fixtures.PASSWORD);
        assertThat(session.get("/directory?state=XS").body()).contains("Syldavian duty officer").contains("+96 1 999").contains("+96 1 000")
                .doesNotContain(TrustList.ContactPoint.HOURS_NOT_STATED);

        // The next edition gives the central authority no contact: its telephone and backups are gone here too.
        assertThat(put(api, TrustLists.sign(new TrustList(held + 2, t, null, "Test directory", List.of(state), List.of(node), List.of(authority),
                List.of()), DIRECTORY)).status()).isEqualTo(200);
        assertThat(absent(api.get("/api/v1/directory/authorities/" + central).json().path("phone"))).isTrue();
        assertThat(api.get("/api/v1/directory/authorities/" + central + "/backups").json().size()).isZero();
        assertThat(jdbc.sql("select instruments from state where code = 'XS'").query(String.class).single()).isEqualTo("{budapest-31}");

        // The one after drops Syldavia: its authority cannot be addressed, and what it was party to is no longer known.
        assertThat(put(api, TrustLists.sign(new TrustList(held + 3, t, null, "Test directory", List.of(), List.of(), List.of(), List.of()),
                DIRECTORY)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/directory/authorities/" + central).json().get("active").asBoolean()).isFalse();
        assertThat(jdbc.sql("select instruments from state where code = 'XS'").query(String.class).list()).containsExactly((String) null);
        // This node's own backups are its administrators', whatever a list says.
        assertThat(api.get("/api/v1/directory/authorities/" + ours.id() + "/backups").json().size()).isEqualTo(1);
    }

    private static boolean absent(JsonNode value) {
        return value.isNull() || value.isMissingNode();
    }

    /** A list naming one other node (fresh keys), its state, what it is party to, its authorities and their contacts. */
    private static TrustList peerList(long serial, String code, String name, List<String> instruments, List<TrustList.AuthorityEntry> authorities,
            List<TrustList.ContactPoint> contacts) {
        return peerList(serial, code, name, SigningKey.generate(), instruments, authorities, contacts);
    }

    /** The same, with the other node's signing key given, for a test that signs as that node. */
    private static TrustList peerList(long serial, String code, String name, SigningKey peer, List<String> instruments,
            List<TrustList.AuthorityEntry> authorities, List<TrustList.ContactPoint> contacts) {
        EncryptionKey enc = EncryptionKey.generate();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new TrustList(serial, t, null, "Test directory", List.of(new TrustList.StateEntry(code, name, instruments)),
                List.of(new TrustList.NodeEntry(code, code, name, URI.create("http://127.0.0.1:9999"), List.of(
                        new TrustList.NodeKey(peer.kid(), "sig", peer.publicJwk().toJSONObject(), t, null),
                        new TrustList.NodeKey(enc.kid(), "enc", enc.publicJwk().toJSONObject(), t, null)))),
                authorities, contacts);
    }

    private static Http.Reply put(Http api, String signed) {
        return api.send(api.builder("/api/v1/admin/trust-list").PUT(HttpRequest.BodyPublishers.ofString(signed)),
                Map.of("Content-Type", "application/jose"));
    }

    private static TrustList list(long serial, SigningKey peer) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        EncryptionKey enc = EncryptionKey.generate();
        return new TrustList(serial, t, null, "Test directory", List.of(new TrustList.StateEntry("XQ", "Quorum", List.of("budapest-31"))),
                List.of(new TrustList.NodeEntry("XQ", "XQ", "Quorum", URI.create("http://127.0.0.1:9999"), List.of(
                        new TrustList.NodeKey(peer.kid(), "sig", peer.publicJwk().toJSONObject(), t, null),
                        new TrustList.NodeKey(enc.kid(), "enc", enc.publicJwk().toJSONObject(), t, null)))),
                List.of(new TrustList.AuthorityEntry(UUID.randomUUID(), "XQ", "XQ", "Central authority of Quorum", "CENTRAL_AUTHORITY",
                        List.of("en"), null)),
                List.of());
    }

    @Test
    void anAdministratorPinsAPeerFromItsDescriptionAfterConfirmingItsKeyAndCanUnpinIt() throws Exception {
        SigningKey peerSigning = SigningKey.generate();
        org.comity.custody.keys.EncryptionKey peerEncryption = org.comity.custody.keys.EncryptionKey.generate();
        java.util.UUID authority = java.util.UUID.randomUUID();
        java.time.Instant now = java.time.Instant.now();
        org.comity.custody.trust.TrustList description = new org.comity.custody.trust.TrustList(1, now, null, "XP",
                java.util.List.of(new org.comity.custody.trust.TrustList.StateEntry("XP", "Pinland", java.util.List.of("budapest-31"))),
                java.util.List.of(new org.comity.custody.trust.TrustList.NodeEntry("XP", "XP", "Pinland", URI.create("http://127.0.0.1:9"), java.util.List.of(
                        new org.comity.custody.trust.TrustList.NodeKey(peerSigning.kid(), "sig", peerSigning.publicJwk().toJSONObject(), now, null),
                        new org.comity.custody.trust.TrustList.NodeKey(peerEncryption.kid(), "enc", peerEncryption.publicJwk().toJSONObject(), now, null)))),
                java.util.List.of(new org.comity.custody.trust.TrustList.AuthorityEntry(authority, "XP", "XP", "Pinland Central Authority",
                        "CENTRAL_AUTHORITY", java.util.List.of("en"), null)),
                java.util.List.of());
        String json = new String(org.comity.custody.json.CanonicalJson.bytes(org.comity.custody.trust.TrustLists.toJson(description)),
                java.nio.charset.StandardCharsets.UTF_8);
        Http as = http(fixtures.token(admin));

        Http.Reply wrongKey = as.post("/api/v1/admin/peers", java.util.Map.of("description", json, "signingKid", "not-the-key"));
        assertThat(wrongKey.status()).isEqualTo(422);
        assertThat(wrongKey.text()).contains("signingKid");
        assertThat(as.get("/api/v1/directory/authorities/" + authority).status()).isEqualTo(404);
        assertThat(http(fixtures.token(officer)).post("/api/v1/admin/peers", java.util.Map.of("description", json, "signingKid", peerSigning.kid()))
                .status()).isEqualTo(403);
        // A node cannot make itself the statistics node by being pinned: only the directory gives roles.
        String selfDesignated = json.replace("\"name\":\"Pinland\",\"state\"", "\"name\":\"Pinland\",\"roles\":[\"statistics\"],\"state\"");
        assertThat(selfDesignated).contains("roles");
        Http.Reply designated = as.post("/api/v1/admin/peers", java.util.Map.of("description", selfDesignated, "signingKid", peerSigning.kid()));
        assertThat(designated.status()).isEqualTo(422);
        assertThat(designated.text()).contains("roles");
        assertThat(as.get("/api/v1/admin/peers").json()).isEmpty();

        Http.Reply pinned = as.post("/api/v1/admin/peers", java.util.Map.of("description", json, "signingKid", peerSigning.kid()));
        assertThat(pinned.status()).as(pinned.text()).isEqualTo(200);
        assertThat(as.get("/api/v1/admin/peers").json()).extracting(n -> n.get("id").asString()).containsExactly("XP");
        assertThat(as.get("/api/v1/directory/authorities/" + authority).json().get("active").asBoolean()).isTrue();
        // Its signing key is now one this node accepts envelopes under.
        assertThat(identity.peerKeys().signingKey(peerSigning.kid(), java.time.Instant.now())).map(k -> k.nodeId()).contains("XP");

        assertThat(jdbc.sql("select instruments from state where code = 'XP'").query(String.class).single()).isEqualTo("{budapest-31}");
        // The administrator compares the pinned peer's key ids and sees how long they are valid.
        String page = new org.comity.node.support.SessionClient(port).signIn(admin.username(), org.comity.node.support.Fixtures.PASSWORD)
                .get("/admin/federation").body();
        assertThat(page).contains(peerSigning.kid()).contains(peerEncryption.kid());

        assertThat(as.delete("/api/v1/admin/peers/XP").status()).isEqualTo(204);
        // What only the pin said about its state is no longer vouched for.
        assertThat(jdbc.sql("select instruments from state where code = 'XP'").query(String.class).list()).containsExactly((String) null);
        assertThat(identity.peerKeys().signingKey(peerSigning.kid(), java.time.Instant.now())).isEmpty();
        assertThat(as.get("/api/v1/directory/authorities/" + authority).json().get("active").asBoolean()).isFalse();
        assertThat(as.delete("/api/v1/admin/peers/XP").status()).isEqualTo(404);
    }
}
