package org.comity.node.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Documents;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The request API as a national case system meets it: the whole lifecycle, and every kind of bad input. */
class RequestApiTest extends NodeTest {

    @Autowired
    JdbcClient jdbc;

    Authority requesting, requested, sameState, provider;
    Http asker, answerer, other;
    User askerUser;

    @BeforeEach
    void world() {
        String a = fixtures.state("Requesting state");
        String b = fixtures.state("Requested state");
        requesting = fixtures.authority(a, AuthorityKind.JUDICIAL_AUTHORITY);
        sameState = fixtures.authority(a, AuthorityKind.CENTRAL_AUTHORITY);
        requested = fixtures.authority(b, AuthorityKind.CENTRAL_AUTHORITY);
        provider = fixtures.authority(b, AuthorityKind.SERVICE_PROVIDER);
        askerUser = fixtures.user(requesting, Role.JUDICIAL_AUTHORITY);
        asker = http(fixtures.token(askerUser));
        answerer = http(fixtures.token(fixtures.user(requested, Role.CENTRAL_AUTHORITY)));
        other = http(fixtures.token(fixtures.user(fixtures.authority(b, AuthorityKind.JUDICIAL_AUTHORITY), Role.JUDICIAL_AUTHORITY)));
    }

    @Test
    void aRequestGoesTheWholeWayAndEveryStepIsOnItsTimeline() {
        Http.Reply created = asker.post("/api/v1/requests", doc("budapest-31", requested.id()));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("summary").get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/requests/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().get("summary").get("reference").asString()).matches("[A-Z]{2}-\\d{4}-\\d{6}");
        assertThat(created.json().get("actions").valueStream().map(JsonNode::asString).toList()).contains("submit", "withdraw");

        step(asker, id, "submit", null, "DELIVERED");            // both authorities live here: delivered at once
        step(answerer, id, "acknowledge", null, "ACKNOWLEDGED");
        step(answerer, id, "start-review", null, "UNDER_REVIEW");
        step(answerer, id, "request-information", Map.of("reason", "Which period?"), "INFORMATION_REQUESTED");
        step(asker, id, "provide-information", Map.of("reason", "January 2026."), "UNDER_REVIEW");
        step(answerer, id, "accept", null, "ACCEPTED");
        step(answerer, id, "start-execution", null, "IN_EXECUTION");
        step(answerer, id, "execute-partially", Map.of("reason", "Subscriber data returned"), "PARTIALLY_EXECUTED");
        step(answerer, id, "post-message", Map.of("reason", "Traffic data follows next week."), "PARTIALLY_EXECUTED");
        step(answerer, id, "execute", null, "EXECUTED");
        step(asker, id, "close", Map.of("reason", "All received."), "CLOSED");

        List<JsonNode> timeline = asker.get("/api/v1/requests/" + id + "/events").json().valueStream().toList();
        assertThat(timeline).extracting(e -> e.get("type").asString()).containsExactly("CREATED", "SUBMITTED", "DELIVERED", "ACKNOWLEDGED",
                "REVIEW_STARTED", "INFORMATION_REQUESTED", "INFORMATION_PROVIDED", "ACCEPTED", "EXECUTION_STARTED", "PARTIALLY_EXECUTED",
                "MESSAGE_POSTED", "EXECUTED", "CLOSED");
        assertThat(timeline.get(2).get("details").get("receipt").asString()).matches("[0-9a-f]{64}");
        assertThat(timeline.get(5).get("reason").asString()).isEqualTo("Which period?");
        assertThat(timeline.get(3).get("actor").get("authorityId").asString()).isEqualTo(requested.id().toString());
        // Both sides see the same history.
        assertThat(answerer.get("/api/v1/requests/" + id + "/events").json()).isEqualTo(asker.get("/api/v1/requests/" + id + "/events").json());
        // Nothing more happens to a closed request.
        assertThat(asker.post("/api/v1/requests/" + id + "/actions/withdraw", Map.of("reason", "x")).status()).isEqualTo(409);
    }

    @Test
    void anAnswerMayAmendTheRequestsContentButNotItsLegalBasisUrgencyOrParties() {
        String id = asker.post("/api/v1/requests", doc("budapest-31", requested.id())).json().get("summary").get("id").asString();
        step(asker, id, "submit", null, "DELIVERED");
        step(answerer, id, "acknowledge", null, "ACKNOWLEDGED");
        step(answerer, id, "request-information", Map.of("reason", "Which period?"), "INFORMATION_REQUESTED");
        long events = asker.get("/api/v1/requests/" + id + "/events").json().size();

        Http.Reply otherBasis = asker.post("/api/v1/requests/" + id + "/actions/provide-information",
                Map.of("reason", "Amended.", "document", doc("no-such-treaty", requested.id())));
        assertThat(otherBasis.status()).as(otherBasis.text()).isEqualTo(422);
        assertThat(fields(otherBasis)).containsExactly("document.instrument");
        Http.Reply urgent = asker.post("/api/v1/requests/" + id + "/actions/provide-information",
                Map.of("reason", "Amended.", "document", Documents.complete("budapest-31", null, requested.id(), org.comity.node.request.Urgency.URGENT)));
        assertThat(urgent.status()).as(urgent.text()).isEqualTo(422);
        assertThat(fields(urgent)).containsExactly("document.urgency");
        Http.Reply elsewhere = asker.post("/api/v1/requests/" + id + "/actions/provide-information",
                Map.of("reason", "Amended.", "document", doc("budapest-31", provider.id())));
        assertThat(elsewhere.status()).as(elsewhere.text()).isEqualTo(422);
        assertThat(fields(elsewhere)).containsExactly("document.requestedAuthority");
        assertThat(asker.get("/api/v1/requests/" + id + "/events").json().size()).as("nothing recorded").isEqualTo(events);

        // Leaving the urgency out keeps the request's; the rest of the content is amended.
        ObjectNode amended = tools.jackson.databind.json.JsonMapper.builder().build().valueToTree(doc("budapest-31", requested.id()));
        amended.remove("urgency");
        amended.put("title", "Amended title");
        step(asker, id, "provide-information", Map.of("reason", "January 2026; the title was wrong.", "document", amended), "ACKNOWLEDGED");
        JsonNode detail = answerer.get("/api/v1/requests/" + id).json();
        assertThat(detail.get("document").get("title").asString()).isEqualTo("Amended title");
        assertThat(detail.get("summary").get("urgency").asString()).isEqualTo("NORMAL");
        assertThat(detail.get("summary").get("instrument").asString()).isEqualTo("budapest-31");
    }

    @Test
    void aFollowUpReferenceThatIsNotOneOfYoursIsAnErrorOnTheRequestsPageNotAnErrorPage() {
        String id = asker.post("/api/v1/requests", doc("budapest-31", requested.id())).json().get("summary").get("id").asString();
        step(asker, id, "submit", null, "DELIVERED");
        step(answerer, id, "acknowledge", null, "ACKNOWLEDGED");
        step(answerer, id, "start-review", null, "UNDER_REVIEW");
        step(answerer, id, "accept", null, "ACCEPTED");
        step(answerer, id, "start-execution", null, "IN_EXECUTION");
        step(answerer, id, "execute", null, "EXECUTED");
        var session = new org.comity.node.support.SessionClient(port).signIn(askerUser.username(), org.comity.node.support.Fixtures.PASSWORD);
        assertThat(session.get("/requests/" + id).status()).isEqualTo(200);
        var posted = session.post("/requests/" + id + "/actions/link-follow-up", Map.of("followUp", "XX-1999-000001"));
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.location()).endsWith("/requests/" + id);
        assertThat(session.get("/requests/" + id).body()).contains("No request of yours has that reference.");
        assertThat(asker.get("/api/v1/requests/" + id).json().get("summary").get("status").asString()).isEqualTo("EXECUTED");
    }

    @Test
    void theRequestAFollowUpNamesMustBeOneTheDrafterCanSee() {
        String hidden = other.post("/api/v1/requests", doc("budapest-31", sameState.id())).json().get("summary").get("id").asString();
        String mine = create();
        for (String related : List.of(UUID.randomUUID().toString(), hidden)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = Http.JSON.convertValue(doc("budapest-31", requested.id()), Map.class);
            body.put("relatedRequest", related);
            Http.Reply refused = asker.post("/api/v1/requests", body);
            assertThat(refused.status()).as(refused.text()).isEqualTo(422);
            assertThat(refused.json().get("errors").valueStream().map(e -> e.get("field").asString() + " " + e.get("code").asString()))
                    .containsExactly("relatedRequest unknown-request");
            Http.Reply edited = asker.put("/api/v1/requests/" + mine, body, Map.of("If-Match", "\"1\""));
            assertThat(edited.status()).as(edited.text()).isEqualTo(422);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = Http.JSON.convertValue(doc("budapest-31", requested.id()), Map.class);
        body.put("relatedRequest", mine);
        Http.Reply follows = asker.post("/api/v1/requests", body);
        assertThat(follows.status()).as(follows.text()).isEqualTo(201);
        assertThat(follows.json().get("document").get("relatedRequest").asString()).isEqualTo(mine);
    }

    @Test
    void anAttachmentIsStoredByItsHashAndComesBackIdentical() throws Exception {
        String id = create();
        byte[] content = "subscriber,name\n42,Jane\n".getBytes(StandardCharsets.UTF_8);
        String boundary = "----comity" + UUID.randomUUID();
        byte[] body = multipart(boundary, "records.csv", content);
        Http.Reply uploaded = asker.postRaw("/api/v1/requests/" + id + "/attachments", "multipart/form-data; boundary=" + boundary, body);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(uploaded.json().get("sha256").asString()).isEqualTo(sha);
        Http.Reply download = asker.get(uploaded.header("Location"));
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.header("Content-Disposition")).contains("attachment").contains("records.csv");
        assertThat(other.get(uploaded.header("Location")).status()).isEqualTo(404);
        assertThat(audit("request.attachment.read", id)).isEqualTo(1);
    }

    @Test
    void readingARequestIsAuditedAndChangingItTooInTheSameTransaction() {
        String id = create();
        asker.get("/api/v1/requests/" + id);
        asker.get("/api/v1/requests/" + id);
        assertThat(audit("request.read", id)).isEqualTo(2);
        assertThat(audit("request.create", id)).isEqualTo(1);
        asker.post("/api/v1/requests/" + id + "/actions/submit", null);
        assertThat(audit("request.submit", id)).isEqualTo(1);
    }

    // --- Bad input: a precise 4xx, and nothing changes --------------------------------------------

    @Test
    void malformedJsonIsRefusedWithWhereItBroke() {
        int before = count();
        Http.Reply r = asker.post("/api/v1/requests", "{\"instrument\": \"budapest-31\", ");
        assertProblem(r, 400, "malformed-json");
        assertThat(r.json().get("detail").asString()).contains("line 1");
        assertProblem(asker.post("/api/v1/requests", "{}{}"), 400, "malformed-json");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anUnknownFieldIsNamed() {
        ObjectNode body = (ObjectNode) Http.JSON.valueToTree(doc("budapest-31", requested.id()));
        body.put("priority", "high");
        Http.Reply r = asker.post("/api/v1/requests", body);
        assertProblem(r, 400, "unknown-field");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("priority");
    }

    @Test
    void aWrongTypeIsNamedWithWhatWasExpected() {
        ObjectNode body = (ObjectNode) Http.JSON.valueToTree(doc("budapest-31", requested.id()));
        body.put("title", 42);
        Http.Reply r = asker.post("/api/v1/requests", body);
        assertProblem(r, 400, "wrong-type");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("title");

        body = (ObjectNode) Http.JSON.valueToTree(doc("budapest-31", requested.id()));
        body.put("urgency", "SOMEDAY");
        r = asker.post("/api/v1/requests", body);
        assertProblem(r, 400, "wrong-type");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("urgency");
        assertThat(r.json().get("errors").get(0).get("message").asString()).contains("EMERGENCY");

        body = (ObjectNode) Http.JSON.valueToTree(doc("budapest-31", requested.id()));
        ((ObjectNode) body.get("dataSought").get(0)).put("from", "last tuesday");
        r = asker.post("/api/v1/requests", body);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("dataSought[0].from");

        body = (ObjectNode) Http.JSON.valueToTree(doc("budapest-31", requested.id()));
        body.put("requestedAuthority", "not-a-uuid");
        assertThat(asker.post("/api/v1/requests", body).json().get("errors").get(0).get("field").asString()).isEqualTo("requestedAuthority");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        String huge = "{\"title\": \"" + "x".repeat(1_100_000) + "\"}";
        assertProblem(asker.post("/api/v1/requests", huge), 413, "too-large");
    }

    @Test
    void fieldsThatBreakTheRulesAreNamedAndNothingIsCreated() {
        int before = count();
        RequestDocument d = doc("budapest-31", requested.id());
        RequestDocument badEmail = new RequestDocument(d.instrument(), null, d.requestedAuthority(), d.urgency(), null, d.title(), null, "en", List.of(),
                d.offences(), d.summaryOfFacts(), d.relevance(), d.subjects(),
                List.of(new RequestDocument.DataSought(DataCategory.SUBSCRIBER, "x",
                        List.of(new RequestDocument.Identifier(IdentifierType.EMAIL, "not an address")), null, null, null, null)),
                d.measures(), null, null, null, null, null, null, null);
        Http.Reply r = asker.post("/api/v1/requests", badEmail);
        assertProblem(r, 422, "validation");
        assertThat(fields(r)).containsExactly("dataSought[0].identifiers[0].value");

        assertThat(fields(asker.post("/api/v1/requests", doc("no-such-treaty", requested.id())))).contains("instrument");
        assertThat(codes(asker.post("/api/v1/requests", doc("budapest-31", sameState.id())))).contains("same-state");
        assertThat(codes(asker.post("/api/v1/requests", doc("budapest-31", provider.id())))).contains("wrong-channel");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void twoPeopleEditingAtOnceGetAConflictNotALostUpdate() {
        String id = create();
        RequestDocument first = doc("budapest-31", requested.id());
        assertProblem(asker.put("/api/v1/requests/" + id, first, Map.of()), 428, "precondition-required");
        Http.Reply edited = asker.put("/api/v1/requests/" + id, first, Map.of("If-Match", "\"1\""));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.header("ETag")).isEqualTo("\"2\"");
        Http.Reply stale = asker.put("/api/v1/requests/" + id, first, Map.of("If-Match", "\"1\""));
        assertProblem(stale, 409, "stale-version");
        assertThat(stale.json().get("detail").asString()).contains("version 1").contains("version 2");
        assertProblem(asker.put("/api/v1/requests/" + id, first, Map.of("If-Match", "yesterday")), 400, "bad-request");
        assertThat(asker.get("/api/v1/requests/" + id).header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void anEditIsFoundByItsNewWordsAndNoLongerByTheOldOnes() {
        String id = create();
        ObjectNode edited = (ObjectNode) Http.JSON.valueToTree(doc("budapest-31", requested.id()));
        edited.put("summaryOfFacts", "Cryptojacking of the harbour's servers through a compromised update.");
        edited.put("title", "Harbour cryptojacking");
        assertThat(asker.get("/api/v1/requests?q=cryptojacking").json().get("items").size()).isZero();

        assertThat(asker.put("/api/v1/requests/" + id, edited, Map.of("If-Match", "\"1\"")).status()).isEqualTo(200);

        assertThat(asker.get("/api/v1/requests?q=cryptojacking").json().get("items")).extracting(n -> n.get("id").asString())
                .containsExactly(id);
        assertThat(asker.get("/api/v1/requests?q=harbour%20cryptojacking").json().get("items").size()).isEqualTo(1);
        assertThat(asker.get("/api/v1/requests?q=" + "Test%20request").json().get("items")).extracting(n -> n.get("id").asString())
                .doesNotContain(id);
    }

    @Test
    void anIncompleteRequestCannotBeSentAndTheAnswerListsWhatIsMissing() {
        RequestDocument d = doc("budapest-31", requested.id());
        RequestDocument thin = new RequestDocument(d.instrument(), null, d.requestedAuthority(), null, null, "Thin", null, "en", List.of(),
                List.of(), null, null, List.of(), List.of(), List.of(), null, null, null, null, null, null, null);
        String id = asker.post("/api/v1/requests", thin).json().get("summary").get("id").asString();
        Http.Reply r = asker.post("/api/v1/requests/" + id + "/actions/submit", null);
        assertProblem(r, 422, "incomplete");
        assertThat(fields(r)).contains("offences", "summaryOfFacts", "relevance", "subjects", "dataSought", "measures", "necessityAndProportionality");
        assertThat(asker.get("/api/v1/requests/" + id).json().get("summary").get("status").asString()).isEqualTo("DRAFT");
        Http.Reply check = asker.post("/api/v1/requests/check", thin);
        assertThat(check.json().get("complete").asBoolean()).isFalse();
        assertThat(asker.post("/api/v1/requests/check", d).json().get("complete").asBoolean()).isTrue();
    }

    @Test
    void aCaseSystemCreatesAndSubmitsInOneCallAndARefusedSubmissionCreatesNothing() {
        Http.Reply sent = asker.post("/api/v1/requests?submit=true", doc("budapest-31", requested.id()));
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        String id = sent.json().get("summary").get("id").asString();
        assertThat(sent.header("Location")).isEqualTo("/api/v1/requests/" + id);
        assertThat(sent.json().get("summary").get("status").asString()).isEqualTo("DELIVERED"); // both authorities live here
        assertThat(sent.header("ETag")).isEqualTo("\"" + sent.json().get("summary").get("version").asInt() + "\"");
        assertThat(asker.get("/api/v1/requests/" + id + "/events").json().valueStream().map(e -> e.get("type").asString()).toList())
                .containsExactly("CREATED", "SUBMITTED", "DELIVERED");
        assertThat(answerer.get("/api/v1/requests/" + id).json().get("summary").get("status").asString()).isEqualTo("DELIVERED");
        assertThat(audit("request.create", id)).isEqualTo(1);
        assertThat(audit("request.submit", id)).isEqualTo(1);

        Http.Reply minimal = asker.post("/api/v1/requests?submit=true", doc("budapest-31", requested.id()), Map.of("Prefer", "return=minimal"));
        assertThat(minimal.status()).as(minimal.text()).isEqualTo(201);
        assertThat(minimal.body()).isEmpty();
        assertThat(minimal.header("Preference-Applied")).isEqualTo("return=minimal");
        assertThat(minimal.header("ETag")).isEqualTo(sent.header("ETag"));
        assertThat(asker.get(minimal.header("Location")).json().get("summary").get("status").asString()).isEqualTo("DELIVERED");
        Http.Reply acknowledged = answerer.post(minimal.header("Location") + "/actions/acknowledge", null, Map.of("Prefer", "return=minimal"));
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.body()).isEmpty();
        assertThat(acknowledged.header("ETag")).isEqualTo("\"4\"");
        Http.Reply full = answerer.post(minimal.header("Location") + "/actions/start-review", null, Map.of("Prefer", "return=representation"));
        assertThat(full.header("Preference-Applied")).isNull();
        assertThat(full.json().get("summary").get("status").asString()).isEqualTo("UNDER_REVIEW");

        int before = count();
        int createdAudits = jdbc.sql("select count(*) from audit_event where action = 'request.create'").query(Integer.class).single();
        RequestDocument d = doc("budapest-31", requested.id());
        RequestDocument thin = new RequestDocument(d.instrument(), null, d.requestedAuthority(), null, null, "Thin", null, "en", List.of(),
                List.of(), null, null, List.of(), List.of(), List.of(), null, null, null, null, null, null, null);
        Http.Reply refused = asker.post("/api/v1/requests?submit=true", thin);
        assertProblem(refused, 422, "incomplete");
        assertThat(fields(refused)).contains("offences", "summaryOfFacts", "dataSought");
        assertThat(count()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'request.create'").query(Integer.class).single())
                .isEqualTo(createdAudits);
        Http.Reply maybe = asker.post("/api/v1/requests?submit=maybe", d);
        assertProblem(maybe, 400, "wrong-type");
        assertThat(maybe.text()).contains("submit");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anIllegalTransitionIsRefusedWithTheReasonAndChangesNothing() {
        String id = create();
        assertThat(asker.post("/api/v1/requests/" + id + "/actions/submit", null).status()).isEqualTo(200);
        Http.Reply again = asker.post("/api/v1/requests/" + id + "/actions/submit", null);
        assertProblem(again, 409, "transition-refused");
        assertThat(again.json().get("detail").asString()).contains("delivered").contains("draft");
        Http.Reply noGround = answerer.post("/api/v1/requests/" + id + "/actions/refuse", Map.of("reason", "no"));
        assertProblem(noGround, 409, "transition-refused"); // not yet acknowledged: refusing needs acknowledgement first
        answerer.post("/api/v1/requests/" + id + "/actions/acknowledge", null);
        Http.Reply missing = answerer.post("/api/v1/requests/" + id + "/actions/refuse", Map.of("reason", "no"));
        assertProblem(missing, 422, "incomplete");
        assertThat(fields(missing)).containsExactly("ground");
        assertThat(asker.get("/api/v1/requests/" + id).json().get("summary").get("version").asInt()).isEqualTo(4);
    }

    @Test
    void unknownOrForeignIdsAndActionsAreNotFound() {
        String id = create();
        assertProblem(asker.get("/api/v1/requests/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(asker.get("/api/v1/requests/not-a-uuid"), 404, "not-found");
        assertProblem(asker.post("/api/v1/requests/" + id + "/actions/teleport", null), 404, "not-found");
        assertProblem(other.get("/api/v1/requests/" + id), 404, "not-found");
        assertProblem(asker.get("/api/v1/nothing-here"), 404, "not-found");
    }

    @Test
    void listsArePagedAndFiltered() {
        for (int i = 0; i < 5; i++) {
            create();
        }
        String submitted = create();
        asker.post("/api/v1/requests/" + submitted + "/actions/submit", null);
        JsonNode first = asker.get("/api/v1/requests?box=OUTBOX&size=2").json();
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("hasNext").asBoolean()).isTrue();
        JsonNode third = asker.get("/api/v1/requests?box=OUTBOX&size=2&page=2").json();
        assertThat(third.get("items").size()).isEqualTo(2);
        assertThat(asker.get("/api/v1/requests?box=OUTBOX&size=2&page=3").json().get("hasNext").asBoolean()).isFalse();
        assertThat(asker.get("/api/v1/requests?box=OUTBOX&status=DELIVERED").json().get("items")).extracting(n -> n.get("id").asString())
                .containsExactly(submitted);
        String reference = asker.get("/api/v1/requests/" + submitted).json().get("summary").get("reference").asString();
        assertThat(asker.get("/api/v1/requests?q=" + reference).json().get("items").size()).isEqualTo(1);
        assertThat(answerer.get("/api/v1/requests?box=INBOX&q=Test%20request").json().get("items")).extracting(n -> n.get("id").asString())
                .contains(submitted);
        assertProblem(asker.get("/api/v1/requests?size=500"), 422, "validation");
        assertProblem(asker.get("/api/v1/requests?status=LOST"), 400, "wrong-type");
    }

    @Test
    void theApiIsDescribedAsOpenApi31() {
        JsonNode doc = anonymous().get("/v3/api-docs").json();
        assertThat(doc.get("openapi").asString()).startsWith("3.1");
        assertThat(doc.get("paths").has("/api/v1/requests")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/requests/{id}/actions/{action}")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/admin/users")).isTrue();
    }

    @Test
    void theInstrumentsAreServedAsData() {
        JsonNode all = asker.get("/api/v1/instruments").json();
        assertThat(all.valueStream().map(i -> i.get("id").asString()).toList()).contains("budapest-29", "budapest-31", "protocol-9",
                "eu-epoc", "eu-epoc-pr", "bilateral-mla", "budapest-26");
        JsonNode art29 = asker.get("/api/v1/instruments/budapest-29").json();
        assertThat(java.time.Duration.parse(art29.get("preservation").get("period").asString())).isEqualTo(java.time.Duration.ofDays(60));
        assertProblem(asker.get("/api/v1/instruments/nonsense"), 404, "not-found");
    }

    // --- Helpers --------------------------------------------------------------------------------

    RequestDocument doc(String instrument, UUID to) {
        return Documents.complete(instrument, null, to, Urgency.NORMAL);
    }

    String create() {
        Http.Reply r = asker.post("/api/v1/requests", doc("budapest-31", requested.id()));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("summary").get("id").asString();
    }

    void step(Http who, String id, String action, Object body, String expectedStatus) {
        Http.Reply r = who.post("/api/v1/requests/" + id + "/actions/" + action, body);
        assertThat(r.status()).as(action + ": " + r.text()).isEqualTo(200);
        assertThat(r.json().get("summary").get("status").asString()).as(action).isEqualTo(expectedStatus);
    }

    int count() {
        return jdbc.sql("select count(*) from request where requesting_authority_id = ?").param(requesting.id()).query(Integer.class).single();
    }

    int audit(String action, String requestId) {
        return jdbc.sql("select count(*) from audit_event where action = ? and target_id = ?").params(action, requestId).query(Integer.class).single();
    }

    static void assertProblem(Http.Reply r, int status, String type) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).isEqualTo("/problems/" + type);
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("at org.");
    }

    static List<String> fields(Http.Reply r) {
        return r.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    static List<String> codes(Http.Reply r) {
        return r.json().get("errors").valueStream().map(e -> e.get("code").asString()).toList();
    }

    static byte[] multipart(String boundary, String fileName, byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + content.length + t.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(content, 0, out, h.length, content.length);
        System.arraycopy(t, 0, out, h.length + content.length, t.length);
        return out;
    }
}
