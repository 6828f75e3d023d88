package org.comity.node.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.request.Urgency;
import org.comity.node.support.Documents;
import org.comity.node.support.Fixtures;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.comity.node.support.SessionClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail viewer: an administrator reads the node's trail, an auditor their own authority's;
 * filters narrow it; reading it is recorded; bad filters are refused and record nothing.
 */
class AuditTrailTest extends NodeTest {

    Authority central, prosecution, foreign;
    User admin, auditor, prosecutor, officer;
    String requestId;

    @BeforeEach
    void world() {
        String state = fixtures.state("Audit");
        central = fixtures.authority(state, AuthorityKind.CENTRAL_AUTHORITY);
        prosecution = fixtures.authority(state, AuthorityKind.JUDICIAL_AUTHORITY);
        foreign = fixtures.authority(fixtures.state("Elsewhere"), AuthorityKind.CENTRAL_AUTHORITY);
        admin = fixtures.user(central, Role.ADMIN);
        auditor = fixtures.user(prosecution, Role.AUDITOR);
        prosecutor = fixtures.user(prosecution, Role.JUDICIAL_AUTHORITY);
        officer = fixtures.user(central, Role.CENTRAL_AUTHORITY);
        Http asProsecutor = http(fixtures.token(prosecutor));
        requestId = asProsecutor.post("/api/v1/requests", Documents.complete("budapest-31", null, foreign.id(), Urgency.NORMAL))
                .json().get("summary").get("id").asString();
        assertThat(asProsecutor.post("/api/v1/requests/" + requestId + "/actions/submit", null).status()).isEqualTo(200);
        http(fixtures.token(officer)).get("/api/v1/requests/" + requestId); // the central authority reads it
    }

    @Test
    void anAuditorReadsWhatThePeopleOfTheirAuthorityDidAndNothingElse() {
        JsonNode page = http(fixtures.token(auditor)).get("/api/v1/audit?size=200").json();
        List<String> actors = values(page, "actor");
        assertThat(actors).contains(prosecutor.username()).doesNotContain(officer.username(), admin.username());
        assertThat(values(page, "authorityId")).containsOnly(prosecution.id().toString());
        assertThat(values(page, "action")).contains("request.create", "request.submit");
    }

    @Test
    void anAdministratorReadsTheWholeNodeAndFiltersIt() {
        Http api = http(fixtures.token(admin));
        JsonNode byTarget = api.get("/api/v1/audit?target=" + requestId + "&size=200").json();
        assertThat(values(byTarget, "targetId")).containsOnly(requestId);
        assertThat(values(byTarget, "actor")).contains(prosecutor.username(), officer.username());

        JsonNode reads = api.get("/api/v1/audit?target=" + requestId + "&action=request.read").json();
        assertThat(values(reads, "action")).isNotEmpty().allMatch(a -> a.startsWith("request.read"));
        assertThat(values(reads, "actor")).containsOnly(officer.username());

        JsonNode byPerson = api.get("/api/v1/audit?actor=" + prosecutor.username() + "&action=request.submit").json();
        assertThat(values(byPerson, "targetId")).containsExactly(requestId);

        assertThat(values(api.get("/api/v1/audit?actor=" + prosecutor.username() + "&until=2000-01-01T00:00:00Z").json(), "id")).isEmpty();
        assertThat(values(api.get("/api/v1/audit?actor=" + prosecutor.username() + "&from=2000-01-01T00:00:00Z").json(), "id")).isNotEmpty();
        assertThat(values(api.get("/api/v1/audit?action=request%25&actor=" + prosecutor.username()).json(), "id"))
                .as("a % in the filter is a character, not a wildcard").isEmpty();
    }

    @Test
    void pagesFollowOneAnotherNewestFirst() {
        Http api = http(fixtures.token(admin));
        JsonNode first = api.get("/api/v1/audit?size=2").json();
        JsonNode second = api.get("/api/v1/audit?size=2&page=1").json();
        assertThat(first.get("hasNext").asBoolean()).isTrue();
        List<Long> ids = new ArrayList<>();
        first.get("items").forEach(e -> ids.add(e.get("id").asLong()));
        second.get("items").forEach(e -> ids.add(e.get("id").asLong()));
        assertThat(ids).hasSize(4).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void readingTheTrailIsItselfRecorded() {
        Http api = http(fixtures.token(auditor));
        api.get("/api/v1/audit?action=request.");
        JsonNode mine = http(fixtures.token(admin)).get("/api/v1/audit?actor=" + auditor.username() + "&action=audit.read").json();
        assertThat(mine.get("items")).isNotEmpty();
        JsonNode last = mine.get("items").get(0);
        assertThat(last.get("targetId").asString()).isEqualTo(prosecution.id().toString());
        assertThat(last.get("detail").asString()).contains("\"action\"", "request.");
    }

    @Test
    void badFiltersAreRefusedPreciselyAndRecordNothing() {
        Http api = http(fixtures.token(auditor));
        Http.Reply size = api.get("/api/v1/audit?size=1000");
        assertThat(size.status()).isEqualTo(422);
        assertThat(size.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
        assertThat(api.get("/api/v1/audit?outcome=MAYBE").status()).as("wrong type").isEqualTo(400);
        assertThat(api.get("/api/v1/audit?from=yesterday").status()).isEqualTo(400);
        Http.Reply empty = api.get("/api/v1/audit?from=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("until");
        assertThat(api.get("/api/v1/audit?actor=" + "x".repeat(201)).status()).isEqualTo(422);
        assertThat(http(fixtures.token(admin)).get("/api/v1/audit?actor=" + auditor.username() + "&action=audit.read").json().get("items"))
                .as("refused searches are not reads").isEmpty();
    }

    @Test
    void thePageShowsTheTrailWithItsFilters() {
        SessionClient session = new SessionClient(port).signIn(auditor.username(), Fixtures.PASSWORD);
        SessionClient.Page page = session.get("/audit?action=request.submit");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Audit trail", prosecutor.username(), "request.submit", requestId)
                .doesNotContain("request.create");
        SessionClient.Page wrongPeriod = session.get("/audit?from=2026-02-01&to=2026-01-01");
        assertThat(wrongPeriod.status()).isEqualTo(200);
        assertThat(wrongPeriod.body()).contains("The end of the period must come after its beginning.");
        assertThat(session.get("/audit?lang=ar").body()).contains("dir=\"rtl\"", "سجل التدقيق");
    }

    @Test
    void anExportHoldsEveryMatchingEntryAsTheSearchShowsThem() {
        Http api = http(fixtures.token(admin));
        JsonNode searched = api.get("/api/v1/audit?target=" + requestId + "&size=200").json();
        Http.Reply export = api.get("/api/v1/audit/export.csv?target=" + requestId);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("text/csv");
        assertThat(export.header("Content-Disposition")).startsWith("attachment; filename=\"audit-");
        List<List<String>> rows = csv(export.text());
        assertThat(rows.getFirst()).containsExactly("id", "at", "actor", "authority", "action", "target_type", "target_id", "outcome", "client",
                "detail");
        List<List<String>> entries = rows.subList(1, rows.size());
        assertThat(entries).extracting(r -> r.get(0)).containsExactlyElementsOf(values(searched, "id"));
        assertThat(entries).extracting(r -> r.get(2)).containsExactlyElementsOf(values(searched, "actor"));
        assertThat(entries).extracting(r -> r.get(9)).containsExactlyElementsOf(values(searched, "detail"));
        assertThat(entries).allSatisfy(r -> assertThat(r).hasSize(10));

        JsonNode recorded = api.get("/api/v1/audit?actor=" + admin.username() + "&action=audit.export").json();
        assertThat(recorded.get("items")).hasSize(1);
        assertThat(recorded.get("items").get(0).get("detail").asString()).contains(requestId);
    }

    @Test
    void anAuditorExportsTheirAuthorityOnlyAndOthersNothing() {
        List<List<String>> rows = csv(http(fixtures.token(auditor)).get("/api/v1/audit/export.csv").text());
        assertThat(rows).hasSizeGreaterThan(1);
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(3)).containsOnly(prosecution.id().toString());
        assertThat(http(fixtures.token(prosecutor)).get("/api/v1/audit/export.csv").status()).isEqualTo(403);

        Http.Reply refused = http(fixtures.token(auditor)).get("/api/v1/audit/export.csv?from=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("until");
        assertThat(http(fixtures.token(admin)).get("/api/v1/audit?actor=" + auditor.username() + "&action=audit.export").json().get("items"))
                .as("one export recorded, the refused one not").hasSize(1);
    }

    @Test
    void thePageOffersItsFiltersAsAnExport() {
        SessionClient session = new SessionClient(port).signIn(auditor.username(), Fixtures.PASSWORD);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/audit/export\\.csv\\?[^\"]*)\"")
                .matcher(session.get("/audit?action=request.submit").body());
        assertThat(link.find()).isTrue();
        SessionClient.Page export = session.get(link.group(1).replace("&amp;", "&"));
        assertThat(export.status()).isEqualTo(200);
        List<List<String>> rows = csv(export.body());
        assertThat(rows.subList(1, rows.size())).isNotEmpty().allSatisfy(r -> assertThat(r.get(4)).isEqualTo("request.submit"));
    }

    /** RFC 4180, read independently of the node's writer: quoted fields, doubled quotes, CRLF between records. */
    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).as("the export ends with a line break").isEmpty();
        assertThat(row).isEmpty();
        return rows;
    }

    private static List<String> values(JsonNode page, String field) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(e -> out.add(e.get(field).isNull() ? null : e.get(field).asString()));
        return out;
    }

}
