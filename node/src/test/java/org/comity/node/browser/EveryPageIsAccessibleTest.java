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
    org.comity.node.evidence.BlobStore vault;
    @Autowired
    org.comity.node.evidence.EvidenceItems evidence;
    @Autowired
    Requests requests;
    @Autowired
    org.comity.node.knowledge.CountryProfiles profiles;
    @Autowired
    org.comity.node.knowledge.KnowledgeDocuments knowledge;

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
        // Evidence in each of its states: kept, on legal hold, disposed of.
        var acquisition = new org.comity.node.evidence.Acquisition("FTK Imager", "4.7.1", "Insp. Ana Ferreira", "Laptop 5CD1234XYZ", "physical image",
                Instant.parse("2026-11-20T09:30:00Z"));
        var items = new java.util.ArrayList<org.comity.node.evidence.EvidenceItem>();
        for (String name : List.of("kept.img", "held.img", "disposed.img")) {
            byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var blob = vault.put(new java.io.ByteArrayInputStream(bytes), bytes.length);
            items.add(evidence.register(asker, new org.comity.node.evidence.NewEvidence(mla.summary().id(),
                    org.comity.node.evidence.RequestSide.REQUESTING, blob.sha256(), name, "application/octet-stream", acquisition)));
        }
        evidence.hold(asker, items.get(1).id(), "Appeal pending");
        evidence.dispose(asker, items.get(2).id(), "Retention period ended");
        // The central authority asks a question, so the prosecutor can answer it by amending the request.
        var answerer = fixtures.actor(officer);
        requests.act(answerer, mla.summary().id(), null, Action.ACKNOWLEDGE, CommandInput.EMPTY);
        requests.act(answerer, mla.summary().id(), null, Action.REQUEST_INFORMATION, new CommandInput("Which period?", null, null, null, null, null));
        // The knowledge base: a profile with history and a document to find.
        var adminActor = fixtures.actor(admin);
        profiles.save(adminActor, new org.comity.node.knowledge.CountryProfile(central.stateCode(), "Admin state", false,
                List.of(new org.comity.node.knowledge.TreatyParty(org.comity.node.knowledge.Treaty.BUDAPEST, null, List.of())), List.of(), central.id(), null,
                List.of("en"), null, new org.comity.node.knowledge.PreservationPeriods(90, 90, null), List.of(), List.of(), null), 0, "first");
        knowledge.add(adminActor, new org.comity.node.knowledge.DocumentDraft(null, org.comity.node.knowledge.DocumentType.GUIDE, "INT",
                org.comity.node.knowledge.Topic.ELECTRONIC_EVIDENCE, "en", "Preserving electronic evidence", "Preserve the electronic evidence first.",
                null, "Test", null));

        try (Browser b = new Browser(port, language)) {
            b.open("/login?lang=" + language);
            signIn(b, admin);
            for (String page : List.of("/admin/users", "/admin/users/new", "/admin/users/" + officer.id(), "/admin/authorities",
                    "/admin/authorities/new", "/admin/authorities/" + central.id(), "/admin/tokens", "/admin/exchange", "/admin/federation", "/audit", "/audit?outcome=DENIED&from=2026-01-01&to=2025-01-01", "/account", "/account/second-factor",
                    "/requests/" + mla.summary().id(), "/admin/ledger", "/knowledge/profiles", "/knowledge/profiles/" + central.stateCode(),
                    "/admin/knowledge/profiles/" + central.stateCode(), "/knowledge?q=evidence",
                    "/statistics", "/statistics/report", "/directory")) {
                b.open(page);
            }
            b.open("/admin/knowledge/profiles/" + central.stateCode() + "/json");
            // The profile form coming back with a problem (a Budapest Party preserves for at least 60 days).
            b.open("/admin/knowledge/profiles/" + central.stateCode());
            b.type("#f-preservation-days", "10");
            b.submit("form.profile-form button[type=submit]");
            assertThat(b.all("#error-summary a[href='#f-preservation-days']")).hasSize(1);
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
                    "/requests/" + preservation.summary().id(), "/requests/" + mla.summary().id(), "/requests/" + mla.summary().id() + "/evidence", "/requests/" + mla.summary().id() + "/amend",
                    "/knowledge?q=electronic+evidence", "/knowledge/advisor",
                    "/knowledge/advisor?requestingState=" + prosecution.stateCode() + "&requestedState=" + central.stateCode()
                            + "&holder=SERVICE_PROVIDER&categories=TRAFFIC&riskOfLoss=true",
                    "/writer", "/writer?requestedState=" + central.stateCode() + "&dataCategory=SUBSCRIBER&holder=provider&volatile=on")) {
                b.open(page);
            }
            b.open("/requests/" + mla.summary().id() + "/amend");
            assertThat(b.all("textarea[name=answer]")).as("the answer above the amended request").hasSize(1);
            b.open("/requests/" + mla.summary().id() + "/evidence");
            assertThat(b.all(".evidence-disposed")).hasSize(1);
            assertThat(b.all(".evidence-hold")).hasSize(1);
            assertThat(b.all("form[action$='/dispose']")).as("kept items only, not the held or the disposed one").hasSize(1);
            assertThat(b.all("a[href$='/download']")).as("nothing to download once disposed of").hasSize(2);
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
