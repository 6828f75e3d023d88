package org.comity.node.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Fixtures;
import org.comity.node.support.NodeTest;
import org.comity.node.support.TestTotp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A request's whole life in a real browser, as its users live it: a prosecutor signs in with a
 * second factor, drafts, is stopped by a field error and fixes it, is stopped by what the
 * instrument requires and completes it, and sends; the other state's central authority takes it
 * through review and execution; the prosecutor closes it. In English and in Arabic, with axe-core
 * on every page.
 */
class BrowserJourneyTest extends NodeTest {

    Authority prosecution, central;
    User prosecutor, officer;
    String prosecutorSecret, officerSecret;

    @BeforeEach
    void world() {
        prosecution = fixtures.authority(fixtures.state("Aurelia"), AuthorityKind.JUDICIAL_AUTHORITY);
        central = fixtures.authority(fixtures.state("Caldera"), AuthorityKind.CENTRAL_AUTHORITY);
        prosecutor = fixtures.user(prosecution, Role.JUDICIAL_AUTHORITY);
        officer = fixtures.user(central, Role.CENTRAL_AUTHORITY);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "ar"})
    void aRequestFromDraftToClosed(String language) throws Exception {
        try (Browser b = new Browser(port, language)) {
            b.open("/login?lang=" + language);
            assertThat(b.find("html").getAttribute("lang")).isEqualTo(language);
            assertThat(b.find("html").getAttribute("dir")).isEqualTo(language.equals("ar") ? "rtl" : "ltr");
            prosecutorSecret = signIn(b, prosecutor, prosecutorSecret);

            // Draft, with a malformed identifier: the form comes back with the error at the field.
            b.open("/requests/new");
            b.select("#f-instrument", "budapest-31");
            b.select("#f-requestedAuthority", central.id().toString());
            b.type("#f-title", "Phishing kit hosted in Caldera");
            b.type("#f-offences-0-name", "Computer-related fraud");
            b.select("#f-dataSought-0-category", "SUBSCRIBER");
            b.type("#f-dataSought-0-description", "Subscriber of the account");
            b.type("#f-dataSought-0-identifiers", "email: not an address");
            b.submit("form[method=post] .actions button[type=submit]:not([name])");
            assertThat(b.path()).startsWith("/requests/new");
            assertThat(b.find("#f-dataSought-0-identifiers").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(b.all("#f-dataSought-0-identifiers-error")).hasSize(1);
            assertThat(b.all("#error-summary a[href='#f-dataSought-0-identifiers-0-value']")).isNotEmpty();
            b.type("#f-dataSought-0-identifiers", "email: holder@mail.example");
            b.submit("form[method=post] .actions button[type=submit]:not([name])");
            String detail = b.path();
            assertThat(detail).matches("/requests/[0-9a-f-]{36}");
            assertThat(b.find("#status").getText()).isEqualTo(message(language, "status.DRAFT"));

            // Sending an incomplete request is refused, naming what the instrument requires.
            b.open(detail + "/edit");
            b.submit("button[name=_submit]");
            assertThat(b.all("#error-summary")).hasSize(1);
            assertThat(b.find("#f-summaryOfFacts").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(b.all("#f-offences-0-legalProvision-error")).hasSize(1);
            b.type("#f-offences-0-legalProvision", "Criminal Code, Art. 231");
            b.type("#f-offences-0-maximumPenalty", "5 years");
            b.type("#f-summaryOfFacts", "Victims were led to a cloned bank site hosted on the suspect's account.");
            b.type("#f-relevance", "The subscriber data identifies who rented the hosting.");
            b.type("#f-necessityAndProportionality", "No other source identifies the account holder.");
            b.click("button[name=_add][value=subjects]");
            b.audit();
            b.select("#f-subjects-0-kind", "ACCOUNT");
            b.select("#f-subjects-0-role", "SUSPECT");
            b.type("#f-subjects-0-identifiers", "holder@mail.example");
            b.click("button[name=_add][value=measures]");
            b.select("#f-measures-0-type", "PRODUCTION");
            b.submit("button[name=_submit]");
            assertThat(b.path()).isEqualTo(detail);
            assertThat(b.find("#status").getText()).isEqualTo(message(language, "status.DELIVERED"));
            signOut(b);

            // The requested state's central authority takes it through to execution.
            officerSecret = signIn(b, officer, officerSecret);
            b.open("/requests?box=INBOX");
            assertThat(b.all("a[href='" + detail + "']")).hasSize(1);
            b.open(detail);
            for (String action : new String[] {"acknowledge", "start-review", "accept", "start-execution", "execute"}) {
                act(b, action, null);
            }
            assertThat(b.find("#status").getText()).isEqualTo(message(language, "status.EXECUTED"));
            signOut(b);

            // And the prosecutor closes it: the second sign-in asks for the code, not for enrolment.
            signIn(b, prosecutor, prosecutorSecret);
            b.open(detail);
            act(b, "close", "Evidence received.");
            assertThat(b.find("#status").getText()).isEqualTo(message(language, "status.CLOSED"));
            assertThat(b.all("#timeline li")).hasSizeGreaterThanOrEqualTo(10);
            assertThat(b.all("#timeline li[data-event=DELIVERED]")).hasSize(1);

            assertThat(b.violations).as("serious or critical accessibility violations").isEmpty();
        }
    }

    @Test
    void aUserWithOnlyAKeyboardSignsInAndActs() throws Exception {
        org.comity.node.request.RequestDetail sent = sendRequest();
        try (Browser b = new Browser(port, "en")) {
            b.open("/login");
            b.find("#username").sendKeys(officer.username(), Keys.TAB, Fixtures.PASSWORD, Keys.ENTER);
            waitFor(b, "/login/enrol");
            String secret = b.find("#totp-secret").getText().replace(" ", "");
            officerSecret = secret;
            b.find("#code").sendKeys(TestTotp.code(secret, Instant.now()), Keys.ENTER);
            waitFor(b, "/requests");
            b.open("/requests/" + sent.summary().id());
            // The skip link is the first thing the keyboard reaches and it lands in the content.
            b.find("body").sendKeys(Keys.TAB);
            WebElement first = b.driver.switchTo().activeElement();
            assertThat(first.getAttribute("class")).contains("skip-link");
            first.sendKeys(Keys.ENTER);
            // Tab to the "acknowledge" action, open it, and send it, without a mouse.
            WebElement summary = tabTo(b, "#action-acknowledge summary");
            summary.sendKeys(Keys.ENTER);
            WebElement reason = tabTo(b, "#reason-acknowledge");
            reason.sendKeys("Received at the central authority.");
            WebElement button = tabTo(b, "#action-acknowledge button[type=submit]");
            button.sendKeys(Keys.ENTER);
            waitForText(b, "#status", "Acknowledged");
            assertThat(b.violations).isEmpty();
        }
    }

    // --- Steps ----------------------------------------------------------------------------------

    String signIn(Browser b, User user, String knownSecret) {
        b.open("/login");
        b.type("#username", user.username());
        b.type("#password", Fixtures.PASSWORD);
        b.submit("form[action='/login'] button[type=submit]");
        String secret = knownSecret;
        if (b.path().startsWith("/login/enrol")) {
            secret = b.text("#totp-secret").replace(" ", "");
            b.type("#code", TestTotp.code(secret, Instant.now()));
        } else {
            assertThat(b.path()).startsWith("/login/second-factor");
            b.type("#code", TestTotp.code(secret, Instant.now().plusSeconds(30)));
        }
        b.submit("main form button[type=submit]");
        assertThat(b.path()).startsWith("/requests");
        return secret;
    }

    void signOut(Browser b) {
        b.submit(".whoami button[type=submit]");
        assertThat(b.path()).startsWith("/login");
    }

    void act(Browser b, String action, String reason) {
        b.click("#action-" + action + " summary");
        if (reason != null) {
            b.type("#reason-" + action, reason);
        }
        b.submit("#action-" + action + " button[type=submit]");
        assertThat(b.present(".alert-error")).as("after " + action).isEmpty();
    }

    WebElement tabTo(Browser b, String css) {
        WebElement target = b.find(css);
        for (int i = 0; i < 300; i++) {
            WebElement active = b.driver.switchTo().activeElement();
            if (active.equals(target)) {
                return active;
            }
            active.sendKeys(Keys.TAB);
        }
        throw new AssertionError("the keyboard never reaches " + css);
    }

    void waitFor(Browser b, String pathPrefix) {
        new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofSeconds(15)).until(d -> b.path().startsWith(pathPrefix));
        b.audit();
    }

    void waitForText(Browser b, String css, String text) {
        new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofSeconds(15))
                .until(d -> !b.all(css).isEmpty() && b.text(css).equals(text));
        b.audit();
    }

    org.comity.node.request.RequestDetail sendRequest() {
        User asker = fixtures.user(prosecution, Role.JUDICIAL_AUTHORITY);
        var actor = fixtures.actor(asker);
        var created = requests.create(actor, org.comity.node.support.Documents.complete("budapest-31", null, central.id(),
                org.comity.node.request.Urgency.NORMAL));
        return requests.act(actor, created.summary().id(), null, org.comity.node.request.Action.SUBMIT, org.comity.node.request.CommandInput.EMPTY);
    }

    String message(String language, String key) {
        return messages.getMessage(key, null, java.util.Locale.forLanguageTag(language));
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.MessageSource messages;

    @org.springframework.beans.factory.annotation.Autowired
    org.comity.node.request.Requests requests;
}
