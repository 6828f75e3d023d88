package org.comity.node.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.request.Action;
import org.comity.node.request.CommandInput;
import org.comity.node.request.Requests;
import org.comity.node.request.Urgency;
import org.comity.node.support.Documents;
import org.comity.node.support.Fixtures;
import org.comity.node.support.NodeTest;
import org.comity.node.support.TestTotp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** axe-core over every kind of page the journeys do not pass through, as an administrator and as a prosecutor. */
class EveryPageIsAccessibleTest extends NodeTest {

    @Autowired
    Requests requests;

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "ar"})
    void everyPageHasNoSeriousOrCriticalViolation(String language) throws Exception {
        Authority central = fixtures.authority(fixtures.state("Admin state"), AuthorityKind.CENTRAL_AUTHORITY);
        Authority prosecution = fixtures.authority(fixtures.state("Other state"), AuthorityKind.JUDICIAL_AUTHORITY);
        User admin = fixtures.user(central, Role.ADMIN);
        User officer = fixtures.user(central, Role.CENTRAL_AUTHORITY);
        User prosecutor = fixtures.user(prosecution, Role.JUDICIAL_AUTHORITY);
        var asker = fixtures.actor(prosecutor);
        var preservation = requests.create(asker, Documents.complete("budapest-29", null,
                fixtures.authority(central.stateCode(), AuthorityKind.POINT_OF_CONTACT).id(), Urgency.URGENT));
        requests.act(asker, preservation.summary().id(), null, Action.SUBMIT, CommandInput.EMPTY);
        var mla = requests.create(asker, Documents.complete("budapest-31", null, central.id(), Urgency.NORMAL));
        requests.act(asker, mla.summary().id(), null, Action.SUBMIT, CommandInput.EMPTY);

        try (Browser b = new Browser(port, language)) {
            b.open("/login?lang=" + language);
            signIn(b, admin);
            for (String page : List.of("/admin/users", "/admin/users/new", "/admin/users/" + officer.id(), "/admin/authorities",
                    "/admin/authorities/new", "/admin/authorities/" + central.id(), "/admin/tokens", "/admin/exchange", "/admin/federation", "/audit", "/audit?outcome=DENIED&from=2026-01-01&to=2025-01-01", "/account", "/account/second-factor",
                    "/requests/" + mla.summary().id(), "/admin/ledger")) {
                b.open(page);
            }
            // A form that comes back with errors.
            b.open("/admin/users/new");
            b.type("#f-username", "Not A Valid Name!");
            b.type("#f-displayName", "Someone");
            b.select("#f-authorityId", central.id().toString());
            b.type("#f-password", "short");
            b.submit("form.card button[type=submit]");
            assertThat(b.all("#error-summary")).hasSize(1);
            b.submit(".whoami button[type=submit]");

            signIn(b, prosecutor);
            for (String page : List.of("/requests?box=OUTBOX", "/requests?box=INBOX&deadline=OVERDUE", "/alerts", "/account",
                    "/requests/" + preservation.summary().id(), "/requests/" + mla.summary().id(), "/requests/" + mla.summary().id() + "/evidence")) {
                b.open(page);
            }
            b.open("/requests/" + mla.summary().id() + "/edit"); // not a draft any more: an error page
            assertThat(b.find("h1").getText()).isNotBlank();
            assertThat(b.violations).as("serious or critical accessibility violations").isEmpty();
        }
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
