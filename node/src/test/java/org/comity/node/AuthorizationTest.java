package org.comity.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.comity.node.account.TokenScope;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.request.Urgency;
import org.comity.node.support.Documents;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.comity.node.support.SessionClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each role against each endpoint, over real HTTP: who sees which request (another authority's is
 * 404, never 403), who may act, who administers, and what an unauthenticated caller meets.
 */
class AuthorizationTest extends NodeTest {

    // Aurelia-like state A with four authorities, Caldera-like state C with two.
    Authority aCentral, aProsecution, aProsecution2, aContact, aProvider, cCentral, cProsecution;
    Map<String, String> token = new LinkedHashMap<>();
    Map<String, User> user = new LinkedHashMap<>();
    String outgoing;   // A prosecution -> C central, delivered
    String incoming;   // C prosecution -> A central, delivered
    String draft;      // A prosecution's draft to C central

    @BeforeEach
    void world() {
        String a = fixtures.state("Aurelia test");
        String c = fixtures.state("Caldera test");
        aCentral = fixtures.authority(a, AuthorityKind.CENTRAL_AUTHORITY);
        aProsecution = fixtures.authority(a, AuthorityKind.JUDICIAL_AUTHORITY);
        aProsecution2 = fixtures.authority(a, AuthorityKind.JUDICIAL_AUTHORITY);
        aContact = fixtures.authority(a, AuthorityKind.POINT_OF_CONTACT);
        aProvider = fixtures.authority(a, AuthorityKind.SERVICE_PROVIDER);
        cCentral = fixtures.authority(c, AuthorityKind.CENTRAL_AUTHORITY);
        cProsecution = fixtures.authority(c, AuthorityKind.JUDICIAL_AUTHORITY);
        person("admin", aCentral, Role.ADMIN);
        person("central", aCentral, Role.CENTRAL_AUTHORITY);
        person("analyst", aCentral, Role.ANALYST);
        person("auditor", aCentral, Role.AUDITOR);
        person("prosecutor", aProsecution, Role.JUDICIAL_AUTHORITY);
        person("otherProsecutor", aProsecution2, Role.JUDICIAL_AUTHORITY);
        person("contact", aContact, Role.POINT_OF_CONTACT);
        person("provider", aProvider, Role.SERVICE_PROVIDER);
        person("foreignCentral", cCentral, Role.CENTRAL_AUTHORITY);
        person("foreignProsecutor", cProsecution, Role.JUDICIAL_AUTHORITY);

        outgoing = create("prosecutor", cCentral);
        assertThat(api("prosecutor").post("/api/v1/requests/" + outgoing + "/actions/submit", null).status()).isEqualTo(200);
        incoming = create("foreignProsecutor", aCentral);
        assertThat(api("foreignProsecutor").post("/api/v1/requests/" + incoming + "/actions/submit", null).status()).isEqualTo(200);
        draft = create("prosecutor", cCentral);
    }

    @Test
    void aRequestIsSeenByItsTwoSidesAndTheirCentralAuthoritiesAndByNobodyElse() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("prosecutor", 200);       // it sent it
        expected.put("central", 200);          // its state's central authority routes what the state sends
        expected.put("foreignCentral", 200);   // addressed to it
        expected.put("otherProsecutor", 404);  // another authority of the same state
        expected.put("contact", 404);
        expected.put("provider", 404);
        expected.put("foreignProsecutor", 404);
        expected.put("auditor", 404);          // reads what its own authority (the central authority) sees
        expected.put("analyst", 404);          // aggregates only, never a request
        expected.put("admin", 404);            // manages accounts, reads no case content
        expected.forEach((who, status) ->
                assertThat(api(who).get("/api/v1/requests/" + outgoing).status()).as(who).isEqualTo(status));
        // Its messages between nodes (and their receipts) follow the same rule.
        expected.forEach((who, status) ->
                assertThat(api(who).get("/api/v1/requests/" + outgoing + "/transmissions").status()).as(who).isEqualTo(status));
        // So does their download from the request's page (the proof of sending and receipt).
        for (String who : List.of("prosecutor", "foreignCentral", "otherProsecutor", "admin")) {
            assertThat(session(who).get("/requests/" + outgoing + "/proof.json").status()).as(who).isEqualTo(expected.get(who));
        }
    }

    @Test
    void aDraftIsSeenOnlyByTheAuthorityWritingIt() {
        assertThat(api("prosecutor").get("/api/v1/requests/" + draft).status()).isEqualTo(200);
        for (String who : List.of("central", "foreignCentral", "otherProsecutor", "auditor")) {
            assertThat(api(who).get("/api/v1/requests/" + draft).status()).as(who).isEqualTo(404);
        }
    }

    @Test
    void listsShowOnlyWhatEachMaySee() {
        assertThat(ids("prosecutor", "OUTBOX")).contains(outgoing, draft).doesNotContain(incoming);
        assertThat(ids("central", "INBOX")).contains(incoming).doesNotContain(outgoing, draft);
        assertThat(ids("central", "OUTBOX")).contains(outgoing).doesNotContain(draft, incoming);
        assertThat(ids("foreignCentral", "INBOX")).contains(outgoing).doesNotContain(draft);
        assertThat(ids("auditor", "INBOX")).contains(incoming);
        assertThat(ids("otherProsecutor", "ALL")).doesNotContain(outgoing, draft, incoming);
        assertThat(ids("analyst", "ALL")).isEmpty();
        assertThat(ids("admin", "ALL")).isEmpty();
    }

    @Test
    void onlyTheRightSideMayActAndAnOutsiderCannotEvenFindTheRequest() {
        String acknowledge = "/api/v1/requests/" + outgoing + "/actions/acknowledge";
        assertThat(api("foreignProsecutor").post(acknowledge, null).status()).isEqualTo(404);
        assertThat(api("otherProsecutor").post(acknowledge, null).status()).isEqualTo(404);
        assertThat(api("prosecutor").post(acknowledge, null).status()).isEqualTo(403); // its own request, wrong side
        assertThat(api("foreignCentral").post(acknowledge, null).status()).isEqualTo(200);
        // The auditor sees the incoming request of its authority but changes nothing.
        assertThat(api("auditor").get("/api/v1/requests/" + incoming).status()).isEqualTo(200);
        assertThat(api("auditor").post("/api/v1/requests/" + incoming + "/actions/acknowledge", null).status()).isEqualTo(403);
        // Routing for execution belongs to the central authority.
        assertThat(api("central").post("/api/v1/requests/" + incoming + "/actions/acknowledge", null).status()).isEqualTo(200);
        Map<String, Object> route = Map.of("authority", aProsecution.id().toString());
        assertThat(api("central").post("/api/v1/requests/" + incoming + "/actions/assign", route).status()).isEqualTo(200);
        // The executing authority now sees it, in its inbox.
        assertThat(api("prosecutor").get("/api/v1/requests/" + incoming).status()).isEqualTo(200);
        assertThat(ids("prosecutor", "INBOX")).contains(incoming);
    }

    @Test
    void onlyRolesThatHandleRequestsDraftThem() {
        // A service provider answers what is addressed to it; it does not issue requests in its state's name.
        for (String who : List.of("analyst", "auditor", "admin", "provider")) {
            assertThat(api(who).post("/api/v1/requests", Documents.complete("budapest-31", null, cCentral.id(), Urgency.NORMAL)).status())
                    .as(who).isEqualTo(403);
        }
        for (String who : List.of("prosecutor", "central", "contact")) {
            assertThat(api(who).post("/api/v1/requests", Documents.complete("budapest-31", null, cCentral.id(), Urgency.NORMAL)).status())
                    .as(who).isEqualTo(201);
        }
        assertThat(session("provider").get("/requests/new").status()).isEqualTo(403);
        assertThat(session("provider").get("/requests").body()).doesNotContain("href=\"/requests/new\"");
        assertThat(session("prosecutor").get("/requests").body()).contains("href=\"/requests/new\"");
    }

    @Test
    void theAuditTrailIsForAdministratorsAndAuditorsOnly() {
        for (String who : user.keySet()) {
            int expected = who.equals("admin") || who.equals("auditor") ? 200 : 403;
            assertThat(api(who).get("/api/v1/audit").status()).as(who).isEqualTo(expected);
            assertThat(session(who).get("/audit").status())
                    .as(who).isEqualTo(expected);
        }
    }

    @Test
    void administrationIsForAdministratorsOnly() {
        for (String who : user.keySet()) {
            int expected = who.equals("admin") ? 200 : 403;
            assertThat(api(who).get("/api/v1/admin/users").status()).as(who).isEqualTo(expected);
            assertThat(api(who).get("/api/v1/admin/tokens").status()).as(who).isEqualTo(expected);
            assertThat(api(who).get("/api/v1/admin/exchange").status()).as(who).isEqualTo(expected);
            assertThat(api(who).get("/api/v1/admin/exchange/backlog").status()).as(who).isEqualTo(expected);
            SessionClient session = session(who);
            assertThat(session.get("/admin/exchange").status()).as(who).isEqualTo(expected);
            assertThat(session.get("/admin/federation").status()).as(who).isEqualTo(expected);
            assertThat(api(who).get("/actuator/prometheus").status()).as(who).isEqualTo(expected);
            assertThat(api(who).post("/api/v1/admin/authorities", Map.of("stateCode", aCentral.stateCode(), "nodeId", "XA",
                    "name", "New unit of " + who, "kind", "JUDICIAL_AUTHORITY")).status()).as(who).isEqualTo(expected == 200 ? 201 : 403);
            assertThat(api(who).get("/api/v1/directory/authorities").status()).as(who).isEqualTo(200);
            assertThat(api(who).get("/api/v1/me").json().get("username").asString()).isEqualTo(user.get(who).username());
        }
    }

    @Test
    void withoutAValidTokenTheApiAnswers401AndSaysWhy() {
        Http nobody = anonymous();
        assertThat(nobody.get("/api/v1/requests").status()).isEqualTo(401);
        assertThat(nobody.get("/api/v1/requests").header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(nobody.get("/actuator/prometheus").status()).isEqualTo(401);
        Http.Reply forged = http("cty_thisTokenWasNeverIssuedByThisNodeAtAll1234567").get("/api/v1/requests");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.header("Content-Type")).startsWith("application/problem+json");
        assertThat(forged.json().get("detail").asString()).contains("unknown");
        assertThat(http("not-even-our-format").get("/api/v1/requests").json().get("detail").asString()).contains("malformed");
        // What is public stays public; peers deliver envelopes without a user, the envelope authenticates itself.
        assertThat(nobody.get("/actuator/health").status()).isEqualTo(200);
        assertThat(nobody.get("/.well-known/comity-node.json").status()).isEqualTo(200);
        Http.Reply envelope = nobody.postRaw("/federation/v1/envelopes", "application/jose", "not-an-envelope".getBytes());
        assertThat(envelope.status()).isEqualTo(400);
        assertThat(envelope.header("Content-Type")).startsWith("application/problem+json");
        assertThat(nobody.get("/federation/v1/envelopes").status()).isIn(401, 403, 405);
        // An envelope or a batch is application/jose; anything else is refused before it is read (a sender's sign to go alone).
        assertThat(nobody.postRaw("/federation/v1/envelopes", "text/plain", "not-an-envelope".getBytes()).status()).isEqualTo(415);
        assertThat(nobody.postRaw("/federation/v1/batches", "application/json", "{}".getBytes()).status()).isEqualTo(415);
        assertThat(nobody.get("/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        String secret = fixtures.token(user.get("prosecutor"));
        assertThat(http(secret).get("/api/v1/requests").status()).isEqualTo(200);
        String id = http(secret).get("/api/v1/me/tokens").json().get(0).get("id").asString();
        assertThat(api("admin").delete("/api/v1/admin/tokens/" + id).status()).isEqualTo(204);
        Http.Reply after = http(secret).get("/api/v1/requests");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("detail").asString()).contains("revoked");
    }

    @Test
    void aReadOnlyTokenMayNotChangeAnything() {
        String readOnly = fixtures.token(user.get("prosecutor"), TokenScope.READ);
        assertThat(http(readOnly).get("/api/v1/requests/" + outgoing).status()).isEqualTo(200);
        Http.Reply write = http(readOnly).post("/api/v1/requests", Documents.complete("budapest-31", null, cCentral.id(), Urgency.NORMAL));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().get("type").asString()).isEqualTo("/problems/insufficient-scope");
    }

    @Test
    void aUserCannotRevokeSomeoneElsesToken() {
        String theirs = fixtures.token(user.get("central"));
        String id = http(theirs).get("/api/v1/me/tokens").json().get(0).get("id").asString();
        assertThat(api("prosecutor").delete("/api/v1/me/tokens/" + id).status()).isEqualTo(404);
        assertThat(http(theirs).get("/api/v1/requests").status()).isEqualTo(200);
    }

    @Test
    void thePagesFollowTheSameRulesAsTheApi() {
        SessionClient foreign = session("foreignProsecutor");
        SessionClient.Page hidden = foreign.get("/requests/" + outgoing);
        assertThat(hidden.status()).isEqualTo(404);
        // The same page as for something that does not exist, titled as such.
        assertThat(hidden.body()).contains("<title>Not found · Comity</title>", "<h1>Not found</h1>")
                .doesNotContain("Test request under");
        assertThat(foreign.get("/requests/" + incoming).status()).isEqualTo(200);
        assertThat(foreign.get("/admin/users").status()).isEqualTo(403);
        SessionClient admin = session("admin");
        assertThat(admin.get("/admin/users").status()).isEqualTo(200);
        assertThat(admin.get("/requests/" + incoming).status()).isEqualTo(404);
    }

    @Test
    void formValuesThatCannotBeReadAreA400NamingTheFieldAndChangeNothing() {
        SessionClient prosecutor = session("prosecutor");
        prosecutor.get("/requests/new");
        List<String> before = ids("prosecutor", "OUTBOX");
        SessionClient.Page urgency = prosecutor.post("/requests/new", Map.of("title", "x", "urgency", "SOON"));
        assertThat(urgency.status()).isEqualTo(400);
        assertThat(urgency.body()).contains("urgency").doesNotContain("incident");
        SessionClient.Page date = prosecutor.post("/requests/check", Map.of("dataSought[0].from", "2024-02-30"));
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.body()).contains("dataSought[0].from");
        SessionClient.Page index = prosecutor.post("/requests/new", Map.of("offences[9999].name", "a"));
        assertThat(index.status()).isEqualTo(400);
        assertThat(index.body()).contains("offences[9999]").doesNotContain("incident");
        assertThat(ids("prosecutor", "OUTBOX")).isEqualTo(before);

        SessionClient admin = session("admin");
        admin.get("/admin/authorities/new");
        assertThat(admin.post("/admin/authorities/new", Map.of("name", "X", "kind", "FOO")).status()).isEqualTo(400);
        Map<String, Object> nullLanguage = new java.util.HashMap<>(Map.of("stateCode", aCentral.stateCode(), "nodeId", "XA",
                "name", "Null language", "kind", "JUDICIAL_AUTHORITY"));
        nullLanguage.put("languages", java.util.Arrays.asList("en", null));
        Http.Reply refused = api("admin").post("/api/v1/admin/authorities", nullLanguage);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("languages[1]");
    }

    @Test
    void aSignedOutVisitorIsSentToSignIn() {
        SessionClient visitor = new SessionClient(port);
        SessionClient.Page page = visitor.get("/requests/" + outgoing);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login");
    }

    // --- Helpers --------------------------------------------------------------------------------

    void person(String name, Authority authority, Role role) {
        User u = fixtures.user(authority, role);
        user.put(name, u);
        token.put(name, fixtures.token(u));
    }

    Http api(String who) {
        return http(token.get(who));
    }

    String create(String who, Authority to) {
        Http.Reply r = api(who).post("/api/v1/requests", Documents.complete("budapest-31", null, to.id(), Urgency.NORMAL));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("summary").get("id").asString();
    }

    List<String> ids(String who, String box) {
        Http.Reply r = api(who).get("/api/v1/requests?size=200&box=" + box);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("items").valueStream().map(n -> n.get("id").asString()).toList();
    }

    /** Users enrol their second factor at the first sign-in; later sign-ins in this class reuse the secret. */
    private static final Map<String, String> SECRETS = new java.util.concurrent.ConcurrentHashMap<>();

    SessionClient session(String who) {
        SessionClient client = new SessionClient(port);
        String secret = SECRETS.get(user.get(who).username());
        if (secret != null) {
            client.useTotpSecret(secret);
        }
        client.signIn(user.get(who).username(), org.comity.node.support.Fixtures.PASSWORD);
        SECRETS.put(user.get(who).username(), client.totpSecret());
        return client;
    }
}
