package org.comity.node.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Actor;
import org.comity.node.platform.Role;
import org.comity.node.request.Action;
import org.comity.node.request.CommandInput;
import org.comity.node.request.RefusalGround;
import org.comity.node.request.RequestDetail;
import org.comity.node.request.Requests;
import org.comity.node.request.Urgency;
import org.comity.node.support.Documents;
import org.comity.node.support.Fixtures;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.comity.node.support.SessionClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who reads which statistics, and that an analyst meets no request, no reference and no name anywhere. */
class StatisticsAccessTest extends NodeTest {

    @Autowired
    Requests requests;

    Authority central, prosecution;
    User analyst, officer, prosecutor;
    List<RequestDetail> sent = new ArrayList<>();

    @BeforeEach
    void world() {
        central = fixtures.authority(fixtures.state("Receiving"), AuthorityKind.CENTRAL_AUTHORITY);
        prosecution = fixtures.authority(fixtures.state("Sending"), AuthorityKind.JUDICIAL_AUTHORITY);
        analyst = fixtures.user(central, Role.ANALYST);
        officer = fixtures.user(central, Role.CENTRAL_AUTHORITY);
        prosecutor = fixtures.user(prosecution, Role.JUDICIAL_AUTHORITY);
        Actor asker = fixtures.actor(prosecutor);
        Actor answerer = fixtures.actor(officer);
        for (int i = 0; i < 6; i++) {
            RequestDetail r = requests.create(asker, Documents.complete("bilateral-mla", null, central.id(), i % 2 == 0 ? Urgency.NORMAL : Urgency.URGENT));
            requests.act(asker, r.summary().id(), null, Action.SUBMIT, CommandInput.EMPTY);
            if (i < 3) {
                requests.act(answerer, r.summary().id(), null, Action.ACKNOWLEDGE, CommandInput.EMPTY);
                requests.act(answerer, r.summary().id(), null, Action.REFUSE,
                        new CommandInput("Refused", RefusalGround.DUAL_CRIMINALITY, null, null, null, null));
            }
            sent.add(requests.get(asker, r.summary().id()));
        }
    }

    @Test
    void anAnalystReadsAggregatesButNoRequestAnywhere() {
        Http api = http(fixtures.token(analyst));
        Http.Reply all = api.get("/api/v1/statistics");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("figures").get("refusal-ground").get("rows").get(0).get(1).asLong()).isEqualTo(3);
        SessionClient browser = new SessionClient(port).signIn(analyst.username(), Fixtures.PASSWORD);
        List<String> seen = new ArrayList<>(List.of(all.text(), api.get("/api/v1/statistics/figures/outcome.csv").text(),
                api.get("/api/v1/statistics/report").text(), browser.get("/statistics").body(), browser.get("/statistics/report").body(),
                browser.get("/statistics/figures/partner.json").body()));
        for (String text : seen) {
            for (RequestDetail r : sent) {
                assertThat(text).doesNotContain(r.summary().reference()).doesNotContain(r.summary().id().toString())
                        .doesNotContain(r.summary().title());
            }
            assertThat(text).doesNotContain("suspect@mail.example").doesNotContain("CASE-1").doesNotContain(prosecutor.username());
        }
        assertThat(browser.get("/statistics").body()).doesNotContain("href=\"/requests?");
        assertThat(api.get("/api/v1/statistics/facts.csv").status()).isEqualTo(403);
        assertThat(browser.get("/requests?box=INBOX").body()).doesNotContain(sent.getFirst().summary().reference());
    }

    @Test
    void aCentralAuthorityOfficerDrillsDownAndExportsTheFacts() {
        SessionClient browser = new SessionClient(port).signIn(officer.username(), Fixtures.PASSWORD);
        String page = browser.get("/statistics").body();
        assertThat(page).contains("href=\"/requests?box=INBOX&amp;status=REFUSED\"");
        String list = browser.get("/requests?box=INBOX&status=REFUSED").body();
        assertThat(sent.subList(0, 3)).allSatisfy(r -> assertThat(list).contains(r.summary().reference()));
        assertThat(sent.subList(3, 6)).allSatisfy(r -> assertThat(list).doesNotContain(r.summary().reference()));

        Http.Reply facts = http(fixtures.token(officer)).get("/api/v1/statistics/facts.csv");
        assertThat(facts.status()).isEqualTo(200);
        assertThat(facts.header("Content-Type")).startsWith("text/csv");
        String[] lines = new String(facts.body(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(1 + sent.size());
        assertThat(lines[0]).startsWith("reference,direction,partner_state");
        assertThat(sent).allSatisfy(r -> assertThat(lines).anyMatch(l -> l.startsWith(r.summary().reference() + ",INCOMING," + prosecution.stateCode())));
        // Moments as ISO-8601 instants in UTC, to the second; acknowledged_at (after submitted_at) is set for the refused ones only.
        int submittedAt = List.of(lines[0].split(",")).indexOf("submitted_at");
        assertThat(List.of(lines[0].split(",")).get(submittedAt + 1)).isEqualTo("acknowledged_at");
        for (String line : java.util.Arrays.copyOfRange(lines, 1, lines.length)) {
            String[] cells = line.split(",", -1);
            assertThat(cells[submittedAt]).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
            assertThat(java.time.Instant.parse(cells[submittedAt])).isBetween(java.time.Instant.now().minusSeconds(600), java.time.Instant.now());
            assertThat(cells[submittedAt + 1]).matches("|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        }
    }

    @Test
    void drillDownKeepsThePeriodAndTypeFiltersAndTheListAppliesThem() {
        SessionClient browser = new SessionClient(port).signIn(officer.username(), Fixtures.PASSWORD);
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        String type = sent.getFirst().summary().type().name();
        String href = "/requests?box=INBOX&status=REFUSED&type=" + type + "&submittedFrom=" + month + "&submittedTo=" + month;
        String page = browser.get("/statistics?from=" + month + "&to=" + month + "&type=" + type).body();
        assertThat(page).contains("href=\"" + href.replace("&", "&amp;") + "\"");
        String list = browser.get(href).body();
        assertThat(list).contains("id=\"list-drill-filter\"");
        assertThat(sent.subList(0, 3)).allSatisfy(r -> assertThat(list).contains(r.summary().reference()));
        assertThat(sent.subList(3, 6)).allSatisfy(r -> assertThat(list).doesNotContain(r.summary().reference()));
        // Another period, or another type: none of them.
        String lastYear = java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusYears(1).toString();
        String before = browser.get("/requests?box=INBOX&status=REFUSED&submittedFrom=" + lastYear + "&submittedTo=" + lastYear).body();
        String otherType = browser.get("/requests?box=INBOX&status=REFUSED&type="
                + java.util.Arrays.stream(org.comity.node.request.RequestType.values()).filter(t -> !t.name().equals(type)).findFirst().orElseThrow()).body();
        assertThat(sent).allSatisfy(r -> assertThat(before).doesNotContain(r.summary().reference()));
        assertThat(sent).allSatisfy(r -> assertThat(otherType).doesNotContain(r.summary().reference()));
        Http api = http(fixtures.token(officer));
        assertThat(api.get("/api/v1/requests?box=INBOX&submittedFrom=" + month + "&type=" + type).json().get("items")).hasSize(6);
        Http.Reply bad = api.get("/api/v1/requests?submittedFrom=2026-13");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).contains("submittedFrom");
    }

    @Test
    void theAnnualReportIsAPdfAndFiguresAreCsv() {
        Http api = http(fixtures.token(analyst));
        Http.Reply pdf = api.get("/api/v1/statistics/report.pdf");
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        for (String language : List.of("ar", "zh", "ru")) {
            Http.Reply other = api.get("/api/v1/statistics/report.pdf?lang=" + language);
            assertThat(other.status()).as(language).isEqualTo(200);
            assertThat(text(other.body())).as(language).contains(year());
        }
        Http.Reply csv = api.get("/api/v1/statistics/figures/urgency.csv");
        assertThat(csv.text()).isEqualTo("key,incoming,outgoing\r\nNORMAL,3,0\r\nURGENT,3,0\r\n");
    }

    private static String text(byte[] pdf) {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String year() {
        return Integer.toString(java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
    }

    @Test
    void peopleWhoHandleCasesOnlyAndMalformedFiltersAreRefused() {
        assertThat(http(fixtures.token(prosecutor)).get("/api/v1/statistics").status()).isEqualTo(403);
        Http.Reply bad = http(fixtures.token(analyst)).get("/api/v1/statistics?from=2026-13&partner=xyz");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList()).containsExactlyInAnyOrder("from", "partner");
        assertThat(http(fixtures.token(analyst)).get("/api/v1/statistics/figures/nonsense").status()).isEqualTo(404);
    }
}
