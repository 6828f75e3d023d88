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
import org.junit.jupiter.api.Test;

/**
 * The Request Writer in a real browser, as a prosecutor uses it: a preservation request drafted
 * step by step, stopped by the completeness check (which names the missing field and links to it),
 * completed, signed off and sent to the other state's 24/7 point of contact; and a full MLA request
 * drafted in Arabic with its translation into French beside the original, sent to the central
 * authority. axe-core audits every page on the way.
 */
class WriterBrowserTest extends NodeTest {

    Authority prosecution, pointOfContact, central;
    User prosecutor;

    @BeforeEach
    void world() {
        prosecution = fixtures.authority(fixtures.state("Aurelia"), AuthorityKind.JUDICIAL_AUTHORITY);
        String caldera = fixtures.state("Caldera");
        pointOfContact = fixtures.authority(caldera, AuthorityKind.POINT_OF_CONTACT);
        central = fixtures.authority(caldera, AuthorityKind.CENTRAL_AUTHORITY);
        prosecutor = fixtures.user(prosecution, Role.JUDICIAL_AUTHORITY);
    }

    @Test
    void aPreservationRequestIsBlockedWhileIncompleteThenSignedOffAndSent() throws Exception {
        try (Browser b = new Browser(port, "en")) {
            signIn(b);
            // Step 1: the situation, then the instrument and the addressee.
            b.open("/writer");
            b.select("#f-requestedState", pointOfContact.stateCode());
            b.select("#f-dataCategory", "TRAFFIC");
            b.select("#f-holder", "provider");
            b.click("#f-volatile");
            b.submit("#advise");
            assertThat(b.all("#advice li[data-channel], #no-advice")).isNotEmpty();
            b.select("#f-instrument", "budapest-29");
            b.select("#f-requestedAuthority", pointOfContact.id().toString());
            b.type("#f-title", "Logs of a phishing host in Caldera");
            b.submit("#start");
            assertThat(b.path()).matches("/writer/[0-9a-f-]{36}\\?step=requirements");
            String draft = b.path().substring(0, b.path().indexOf('?'));
            assertThat(b.all("#requirements")).hasSize(1);
            b.submit("form button.next");

            // Step 3: the case.
            assertThat(b.path()).endsWith("step=case");
            b.type("#f-offences-0-name", "Computer-related fraud");
            b.type("#f-summaryOfFacts", "Victims were led to a cloned bank site hosted in Caldera.");
            b.type("#f-relevance", "The host's connection logs identify who uploaded the site.");
            b.submit("form button.next");

            // Step 4: what is sought.
            assertThat(b.path()).endsWith("step=sought");
            b.select("#f-dataSought-0-category", "TRAFFIC");
            b.type("#f-dataSought-0-description", "Connection logs of the hosting account");
            b.type("#f-dataSought-0-custodian", "Nimbus Hosting Ltd");
            b.type("#f-dataSought-0-identifiers", "203.0.113.45");
            b.click("#f-followUpMlaIntended-input");
            b.submit("form button.next");

            // Step 5 left empty: the review blocks sending and names what is missing.
            assertThat(b.path()).endsWith("step=necessity");
            assertThat(b.all("#prompts li")).hasSize(5);
            b.open(draft + "?step=review");
            assertThat(b.all("#completeness-blocked")).hasSize(1);
            assertThat(b.all("#missing li[data-field=necessityAndProportionality]")).hasSize(1);
            b.submit("#send");
            assertThat(b.all("#error-summary")).hasSize(1);
            assertThat(b.find("#status").getText()).isEqualTo("Draft");

            // The link leads to the field; once given, the request is complete but not yet signed off.
            b.open(b.find("#missing li[data-field=necessityAndProportionality] a").getAttribute("href").substring(b.base.length()));
            assertThat(b.path()).contains("step=necessity");
            b.type("#f-necessityAndProportionality", "The logs are kept 30 days only; nothing else identifies the uploader.");
            b.submit("form button.next");
            b.open(draft + "?step=review");
            assertThat(b.all("#completeness-ok")).hasSize(1);
            b.submit("#send");
            assertThat(b.all("#error-summary")).as("refused until signed off").hasSize(1);

            // Signed off with the keyboard alone (Tab to the button, Enter), then sent: it leaves through
            // the request service to the point of contact.
            org.openqa.selenium.WebElement page = b.find("html");
            tabTo(b, "#sign-off").sendKeys(org.openqa.selenium.Keys.ENTER);
            new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofSeconds(15))
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page));
            b.audit();
            assertThat(b.text("#signoff-state")).contains(prosecutor.displayName());
            assertThat(b.find("#pdf-original").getAttribute("href")).contains("/pdf");
            b.submit("#send");
            assertThat(b.path()).isEqualTo(draft.replace("/writer/", "/requests/"));
            assertThat(b.find("#status").getText()).isEqualTo("Delivered");
            assertThat(b.text("#attachments table")).as("the signed-off PDF travels with the request").contains(".pdf");
            assertThat(b.violations).as("serious or critical accessibility violations").isEmpty();
        }
    }

    @Test
    void aFullMlaRequestInArabicIsTranslatedBesideTheOriginalAndSent() throws Exception {
        try (Browser b = new Browser(port, "ar")) {
            b.open("/login?lang=ar");
            signIn(b);
            b.open("/writer");
            assertThat(b.find("html").getAttribute("dir")).isEqualTo("rtl");
            b.select("#f-instrument", "budapest-31");
            b.select("#f-requestedAuthority", central.id().toString());
            b.type("#f-title", "طلب مساعدة بشأن حساب بريد إلكتروني");
            b.select("#f-language", "ar");
            b.select("#f-translationLanguage", "fr");
            b.submit("#start");
            String draft = b.path().substring(0, b.path().indexOf('?'));
            b.submit("form button.next");

            b.type("#f-nationalReference", "AU/PP/2026/2211");
            b.type("#f-offences-0-name", "الدخول غير المشروع");
            b.type("#f-offences-0-legalProvision", "القانون الجنائي، المادة 12");
            b.type("#f-offences-0-maximumPenalty", "ثلاث سنوات");
            b.type("#f-summaryOfFacts", "دخل المشتبه فيه إلى بريد الضحية دون إذن.");
            b.type("#f-relevance", "بيانات المشترك تحدد صاحب الحساب.");
            b.submit("form button.next");

            b.select("#f-dataSought-0-category", "SUBSCRIBER");
            b.type("#f-dataSought-0-description", "بيانات المشترك");
            b.type("#f-dataSought-0-identifiers", "holder@mail.example");
            b.select("#f-subjects-0-kind", "ACCOUNT");
            b.select("#f-subjects-0-role", "SUSPECT");
            b.type("#f-subjects-0-identifiers", "holder@mail.example");
            b.select("#f-measures-0-type", "PRODUCTION");
            b.submit("form button.next");

            b.type("#f-necessityAndProportionality", "لا مصدر آخر يحدد صاحب الحساب.");
            b.submit("form button.next");

            // The translation: the original in Arabic, right to left, beside a French field, left to right.
            assertThat(b.path()).endsWith("step=translation");
            assertThat(b.find("#f-translation-summaryOfFacts-original").getAttribute("dir")).isEqualTo("rtl");
            assertThat(b.find("#f-translation-summaryOfFacts").getAttribute("dir")).isEqualTo("ltr");
            assertThat(b.find("#f-translation-summaryOfFacts").getAttribute("lang")).isEqualTo("fr");
            b.type("#f-translation-summaryOfFacts", "Le suspect a accédé sans droit à la messagerie de la victime.");
            b.submit("form button.next");
            // Untranslated fields block sending, each named.
            assertThat(b.path()).endsWith("step=review");
            assertThat(b.all("#missing li[data-field='translation.relevance']")).hasSize(1);
            assertThat(b.present("#missing li[data-field='translation.summaryOfFacts']")).isEmpty();

            b.open(draft + "?step=translation");
            for (var e : java.util.Map.of("title", "Demande d'entraide concernant un compte de messagerie", "offences-0-name", "Accès illégal",
                    "offences-0-maximumPenalty", "Trois ans", "relevance", "Les données d'abonné identifient le titulaire.",
                    "dataSought-0-description", "Données relatives aux abonnés",
                    "necessityAndProportionality", "Aucune autre source n'identifie le titulaire du compte.").entrySet()) {
                b.type("#f-translation-" + e.getKey(), e.getValue());
            }
            b.submit("form button.next");
            assertThat(b.all("#completeness-ok")).hasSize(1);
            b.submit("#sign-off");
            assertThat(b.all("#pdf-both")).hasSize(1);
            b.submit("#send");
            assertThat(b.path()).isEqualTo(draft.replace("/writer/", "/requests/"));
            assertThat(b.find("#status").getAttribute("textContent")).isNotBlank();
            assertThat(b.violations).as("serious or critical accessibility violations").isEmpty();
        }
    }

    static org.openqa.selenium.WebElement tabTo(Browser b, String css) {
        org.openqa.selenium.WebElement target = b.find(css);
        b.find("body").sendKeys(org.openqa.selenium.Keys.TAB);
        for (int i = 0; i < 300; i++) {
            org.openqa.selenium.WebElement active = b.driver.switchTo().activeElement();
            if (active.equals(target)) {
                return active;
            }
            active.sendKeys(org.openqa.selenium.Keys.TAB);
        }
        throw new AssertionError("the keyboard never reaches " + css);
    }

    void signIn(Browser b) {
        b.open("/login");
        b.type("#username", prosecutor.username());
        b.type("#password", Fixtures.PASSWORD);
        b.submit("form[action='/login'] button[type=submit]");
        b.type("#code", TestTotp.code(b.text("#totp-secret").replace(" ", ""), Instant.now()));
        b.submit("main form button[type=submit]");
    }
}
