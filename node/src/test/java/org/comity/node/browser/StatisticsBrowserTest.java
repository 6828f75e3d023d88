package org.comity.node.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
import org.comity.node.support.NodeTest;
import org.comity.node.support.TestTotp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The statistics dashboard as people use it, in English and in Arabic (right to left), with axe-core
 * on every page: an officer filters, follows a count to the requests behind it and downloads a
 * figure; an analyst sees the same figures, with no link to any request and no request anywhere.
 */
class StatisticsBrowserTest extends NodeTest {

    @Autowired
    Requests requests;

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "ar"})
    void dashboardFiltersDrillDownAndExport(String language) throws Exception {
        Authority central = fixtures.authority(fixtures.state("Dashboard"), AuthorityKind.CENTRAL_AUTHORITY);
        String partnerA = fixtures.state("Partner A");
        String partnerB = fixtures.state("Partner B");
        User officer = fixtures.user(central, Role.CENTRAL_AUTHORITY);
        User analyst = fixtures.user(central, Role.ANALYST);
        Actor answerer = fixtures.actor(officer);
        List<RequestDetail> refused = new ArrayList<>();
        List<RequestDetail> all = new ArrayList<>();
        for (String partner : List.of(partnerA, partnerB)) {
            Actor asker = fixtures.actor(fixtures.user(fixtures.authority(partner, AuthorityKind.JUDICIAL_AUTHORITY), Role.JUDICIAL_AUTHORITY));
            for (int i = 0; i < 3; i++) {
                RequestDetail r = requests.create(asker, Documents.complete("bilateral-mla", null, central.id(), Urgency.NORMAL));
                requests.act(asker, r.summary().id(), null, Action.SUBMIT, CommandInput.EMPTY);
                if (i == 0) {
                    requests.act(answerer, r.summary().id(), null, Action.ACKNOWLEDGE, CommandInput.EMPTY);
                    requests.act(answerer, r.summary().id(), null, Action.REFUSE,
                            new CommandInput("Not a crime here", RefusalGround.DUAL_CRIMINALITY, null, null, null, null));
                    refused.add(r);
                }
                all.add(requests.get(asker, r.summary().id()));
            }
        }

        try (Browser b = new Browser(port, language)) {
            b.open("/login?lang=" + language);
            signIn(b, officer);
            b.open("/statistics");
            assertThat(b.find("html").getAttribute("dir")).isEqualTo(language.equals("ar") ? "rtl" : "ltr");
            assertThat(b.all("canvas[data-drawn='true']")).as("a chart beside every table").hasSameSizeAs(b.all("table[data-chart]"));
            assertThat(b.all("#table-partner tbody tr")).hasSize(2);

            // Filter by one partner state.
            b.select("#partner", partnerA);
            b.submit("#stats-filters button[type=submit]");
            assertThat(b.path()).contains("partner=" + partnerA);
            assertThat(b.all("#table-partner tbody tr")).hasSize(1);
            assertThat(b.find("#table-outcome").getText()).contains("2").contains("1");

            // Export the filtered figure, from the page's own link, with the browser's session.
            String csv = fetch(b, b.find("#figure-outcome a[href*='outcome.csv']").getAttribute("href"));
            // (line ends as the browser's script bridge hands them over; the API tests check the CRLF)
            assertThat(csv.replace("\r\n", "\n")).startsWith("key,incoming,outgoing\n").contains("OPEN,2,0").contains("REFUSED,1,0");
            String json = fetch(b, b.find("#figure-outcome a[href*='outcome.json']").getAttribute("href"));
            assertThat(json).contains("\"figure\":\"outcome\"");

            // Drill down from the refused count to the requests behind it.
            b.submit("#table-outcome a[href*='status=REFUSED']");
            assertThat(b.path()).startsWith("/requests").contains("status=REFUSED").contains("partner=" + partnerA);
            String list = b.find("main").getText();
            assertThat(list).contains(refused.getFirst().summary().reference()).doesNotContain(refused.get(1).summary().reference());

            // With a period chosen too, the drill-down keeps it, and the list says what it is narrowed to.
            String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
            b.open("/statistics?partner=" + partnerA + "&from=" + month + "&to=" + month);
            b.submit("#table-outcome a[href*='status=REFUSED']");
            assertThat(b.path()).startsWith("/requests").contains("submittedFrom=" + month).contains("submittedTo=" + month);
            assertThat(b.find("#list-drill-filter").getText()).contains(month);
            assertThat(b.find("main").getText()).contains(refused.getFirst().summary().reference());

            b.open("/statistics/report");
            assertThat(b.all("#report-pdf")).hasSize(1);
            b.submit(".whoami button[type=submit]");

            // The analyst: the same figures, no way to a request, no request anywhere.
            signIn(b, analyst);
            assertThat(b.path()).startsWith("/statistics");
            assertThat(b.present("main a[href*='/requests']")).isEmpty();
            assertThat(b.present("#stats-facts")).isEmpty();
            String page = b.driver.getPageSource();
            for (RequestDetail r : all) {
                assertThat(page).doesNotContain(r.summary().reference()).doesNotContain(r.summary().title());
            }
            b.open("/statistics/report");
            assertThat(b.violations).as("serious or critical accessibility violations").isEmpty();
        }
    }

    private static String fetch(Browser b, String href) {
        Object text = ((JavascriptExecutor) b.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
        return String.valueOf(text);
    }

    void signIn(Browser b, User user) {
        b.open("/login");
        b.type("#username", user.username());
        b.type("#password", Fixtures.PASSWORD);
        b.submit("form[action='/login'] button[type=submit]");
        assertThat(b.path()).startsWith("/login/enrol");
        b.type("#code", TestTotp.code(b.text("#totp-secret").replace(" ", ""), Instant.now()));
        b.submit("main form button[type=submit]");
    }
}
