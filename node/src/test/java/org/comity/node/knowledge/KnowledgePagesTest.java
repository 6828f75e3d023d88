package org.comity.node.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Fixtures;
import org.comity.node.support.NodeTest;
import org.comity.node.support.SessionClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The knowledge base's pages as a browser meets them: search, advisor, profiles, the editor; and who may edit. */
class KnowledgePagesTest extends NodeTest {

    @Autowired
    CountryProfiles profiles;
    @Autowired
    KnowledgeDocuments documents;

    String a, b, tag;
    User admin, prosecutor;

    @BeforeEach
    void world() {
        a = fixtures.state("Asking state");
        b = fixtures.state("Holding state");
        Authority central = fixtures.authority(a, AuthorityKind.CENTRAL_AUTHORITY);
        admin = fixtures.user(central, Role.ADMIN);
        prosecutor = fixtures.user(fixtures.authority(a, AuthorityKind.JUDICIAL_AUTHORITY), Role.JUDICIAL_AUTHORITY);
        var actor = fixtures.actor(admin);
        for (String s : List.of(a, b)) {
            profiles.save(actor, new CountryProfile(s, "State " + s, false, List.of(new TreatyParty(Treaty.BUDAPEST, null, List.of())), List.of(),
                    null, null, List.of("en"), null, new PreservationPeriods(90, 90, null), List.of(), List.of(), null), 0, "test");
        }
        tag = Fixtures.unique("pg").replaceAll("[^a-z0-9]", "");
        documents.add(actor, new DocumentDraft(null, DocumentType.GOOD_PRACTICE, "INT", Topic.ELECTRONIC_EVIDENCE, "fr", "Bonne pratique " + tag,
                "La preuve électronique <b>" + tag + "</b> est conservée.", null, "Test", null));
    }

    @Test
    void aUserSearchesAndSeesHighlightedFacetedResultsInTheirLanguage() {
        SessionClient web = new SessionClient(port).signIn(prosecutor.username(), Fixtures.PASSWORD);
        SessionClient.Page page = web.get("/knowledge?q=" + tag + "&lang=fr");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Bonne pratique " + tag).contains("<mark>" + tag + "</mark>").doesNotContain("<b>" + tag);
        assertThat(page.body()).contains("language=fr"); // a facet link to narrow to French
        assertThat(web.get("/knowledge?lang=ar").status()).isEqualTo(200);
        String id = documents.search(SearchQuery.of(tag, "fr")).hits().getFirst().id().toString();
        assertThat(web.get("/knowledge/documents/" + id).body()).contains("&lt;b&gt;" + tag);
    }

    @Test
    void theAdvisorPageExplainsItsRanking() {
        SessionClient web = new SessionClient(port).signIn(prosecutor.username(), Fixtures.PASSWORD);
        assertThat(web.get("/knowledge/advisor").status()).isEqualTo(200);
        SessionClient.Page advice = web.get("/knowledge/advisor?requestingState=" + a + "&requestedState=" + b
                + "&holder=SERVICE_PROVIDER&categories=TRAFFIC&riskOfLoss=true");
        assertThat(advice.status()).isEqualTo(200);
        String body = advice.body();
        assertThat(body.indexOf("Expedited preservation through the 24/7 network")).isPositive()
                .isLessThan(body.indexOf("Mutual legal assistance"));
        assertThat(body).contains("Budapest Convention, Art. 29").contains("The data may be lost");
        assertThat(web.get("/knowledge/advisor?requestingState=" + a + "&requestedState=" + b + "&holder=SERVICE_PROVIDER").body())
                .contains("alert-error");
    }

    @Test
    void anAdministratorEditsAProfileAsJsonAndTheHistoryShowsIt() {
        SessionClient web = new SessionClient(port).signIn(admin.username(), Fixtures.PASSWORD);
        SessionClient.Page editor = web.get("/admin/knowledge/profiles/" + b + "/json");
        assertThat(editor.status()).isEqualTo(200);
        assertThat(editor.body()).contains("&quot;stateCode&quot; : &quot;" + b + "&quot;");
        int version = profiles.current(b).orElseThrow().version();

        SessionClient.Page refused = web.post("/admin/knowledge/profiles/" + b + "/json", Map.of("version", String.valueOf(version),
                "json", "{\"stateCode\":\"" + b + "\",\"stateName\":\"X\",\"treaties\":[{\"treaty\":\"BUDAPEST\"}],\"preservation\":{\"days\":10}}"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("preservation.days");
        assertThat(profiles.current(b).orElseThrow().version()).isEqualTo(version);

        SessionClient.Page saved = web.post("/admin/knowledge/profiles/" + b + "/json", Map.of("version", String.valueOf(version), "note", "Russian too",
                "json", "{\"stateCode\":\"" + b + "\",\"stateName\":\"Holding\",\"languages\":[\"en\",\"ru\"]}"));
        assertThat(saved.status()).isEqualTo(302);
        SessionClient.Page profile = web.get("/knowledge/profiles/" + b);
        assertThat(profile.body()).contains("Russian too").contains("en, ru");
        assertThat(web.get("/knowledge/profiles").body()).contains("State " + a);
        assertThat(web.get("/knowledge/profiles/export").body()).contains(ProfileFile.FORMAT);
    }

    @Test
    void anAdministratorEditsAProfileWithTheFormRowByRow() {
        Authority central = fixtures.authority(b, AuthorityKind.CENTRAL_AUTHORITY);
        Authority provider = fixtures.authority(b, AuthorityKind.SERVICE_PROVIDER);
        SessionClient web = new SessionClient(port).signIn(admin.username(), Fixtures.PASSWORD);
        SessionClient.Page editor = web.get("/admin/knowledge/profiles/" + b);
        assertThat(editor.status()).isEqualTo(200);
        assertThat(editor.body()).contains("name=\"treaties[BUDAPEST].party\"").contains("value=\"State " + b + "\"")
                .contains("value=\"" + central.id() + "\"").contains("value=\"" + provider.id() + "\"");
        int version = profiles.current(b).orElseThrow().version();

        Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("version", String.valueOf(version), "stateName", "Holding state",
                "languages", "fr, en", "treaties[BUDAPEST].party", "on", "treaties[BUDAPEST].inForceSince", "2015-03-01",
                "preservation.days", "10", "centralAuthority", central.id().toString(), "note", "Form edit"));
        form.putAll(Map.of("reservations.rows", "2", "reservations[1].instrument", "protocol-7", "reservations[1].effect", "EXCLUDES",
                "reservations[1].text", "Does not apply Art. 7.", "providers.rows", "1", "providers[0].name", "Nordmail",
                "providers[0].kind", "SERVICE_PROVIDER", "providers[0].authority", provider.id().toString(), "providers[0].accepts", "SUBSCRIBER_ORDER"));
        form.putAll(Map.of("processingTimes.rows", "1", "processingTimes[0].channel", "PRESERVATION_24_7", "processingTimes[0].typical", "24",
                "processingTimes[0].unit", "hours", "processingTimes[0].source", "MANUAL"));

        // A Budapest Party preserves for at least 60 days: refused, the problem beside its input, nothing saved, what was typed kept.
        SessionClient.Page refused = web.post("/admin/knowledge/profiles/" + b, form);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"f-preservation-days-error\"").contains("href=\"#f-preservation-days\"")
                .contains("Does not apply Art. 7.");
        assertThat(profiles.current(b).orElseThrow().version()).isEqualTo(version);

        // A row the form cannot read: its problem beside it, not beside the next row (a blank row before it is not counted).
        Map<String, String> unreadable = new java.util.LinkedHashMap<>(form);
        unreadable.putAll(Map.of("processingTimes.rows", "3", "processingTimes[0].channel", "", "processingTimes[0].typical", "",
                "processingTimes[1].channel", "MUTUAL_ASSISTANCE", "processingTimes[1].typical", "",
                "processingTimes[2].channel", "PRESERVATION_24_7", "processingTimes[2].typical", "24", "processingTimes[2].unit", "hours"));
        unreadable.put("preservation.days", "90");
        String page = web.post("/admin/knowledge/profiles/" + b, unreadable).body();
        assertThat(page).contains("id=\"f-processingTimes-1-typical-error\"").doesNotContain("f-processingTimes-2-typical-error");
        assertThat(profiles.current(b).orElseThrow().version()).isEqualTo(version);

        // "Add" shows one more row and saves nothing.
        form.put("preservation.days", "90");
        form.put("add", "reservations");
        SessionClient.Page more = web.post("/admin/knowledge/profiles/" + b, form);
        assertThat(more.body()).contains("name=\"reservations[2].instrument\"").doesNotContain("alert-error");
        assertThat(profiles.current(b).orElseThrow().version()).isEqualTo(version);

        form.remove("add");
        SessionClient.Page saved = web.post("/admin/knowledge/profiles/" + b, form);
        assertThat(saved.status()).isEqualTo(302);
        CountryProfile p = profiles.current(b).orElseThrow().profile();
        assertThat(p.languages()).containsExactly("fr", "en");
        assertThat(p.treaties()).containsExactly(new TreatyParty(Treaty.BUDAPEST, java.time.LocalDate.of(2015, 3, 1), List.of()));
        assertThat(p.reservations()).containsExactly(new Reservation("protocol-7", Reservation.Effect.EXCLUDES, "Does not apply Art. 7."));
        assertThat(p.centralAuthority()).isEqualTo(central.id());
        assertThat(p.providers()).singleElement().satisfies(c -> {
            assertThat(c.authority()).isEqualTo(provider.id());
            assertThat(c.accepts()).containsExactly(ChannelKind.SUBSCRIBER_ORDER);
        });
        assertThat(p.processingTime(ChannelKind.PRESERVATION_24_7).orElseThrow().typical()).isEqualTo("PT24H");
        SessionClient.Page shown = web.get("/knowledge/profiles/" + b);
        assertThat(shown.body()).contains("Form edit").contains(">24 h<");

        // An authority of another state, or of the wrong kind, is refused on its row.
        form.put("version", String.valueOf(version + 1));
        form.put("providers[0].authority", central.id().toString());
        assertThat(web.post("/admin/knowledge/profiles/" + b, form).body()).contains("id=\"f-providers-0-authority-error\"");
        // Someone saved in between: the form says so and keeps what was typed.
        form.put("providers[0].authority", provider.id().toString());
        form.put("version", String.valueOf(version));
        assertThat(web.post("/admin/knowledge/profiles/" + b, form).body()).contains("changed by someone else").contains("Nordmail");
        assertThat(profiles.current(b).orElseThrow().version()).isEqualTo(version + 1);
    }

    @Test
    void onlyAnAdministratorReachesTheEditor() {
        SessionClient web = new SessionClient(port).signIn(prosecutor.username(), Fixtures.PASSWORD);
        assertThat(web.get("/admin/knowledge/profiles/" + b).status()).isEqualTo(403);
        assertThat(web.get("/admin/knowledge/profiles/" + b + "/json").status()).isEqualTo(403);
        web.get("/knowledge/profiles/" + b); // a page of theirs, for its CSRF token: the refusal is the role's
        assertThat(web.post("/admin/knowledge/profiles/" + b, Map.of("version", "1", "stateName", "Taken over")).status()).isEqualTo(403);
        assertThat(profiles.current(b).orElseThrow().profile().stateName()).isEqualTo("State " + b);
        assertThat(web.get("/knowledge/profiles/" + b).body()).doesNotContain("/admin/knowledge/profiles/" + b);
    }
}
