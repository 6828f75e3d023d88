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
        SessionClient.Page editor = web.get("/admin/knowledge/profiles/" + b);
        assertThat(editor.status()).isEqualTo(200);
        assertThat(editor.body()).contains("&quot;stateCode&quot; : &quot;" + b + "&quot;");
        int version = profiles.current(b).orElseThrow().version();

        SessionClient.Page refused = web.post("/admin/knowledge/profiles/" + b, Map.of("version", String.valueOf(version),
                "json", "{\"stateCode\":\"" + b + "\",\"stateName\":\"X\",\"treaties\":[{\"treaty\":\"BUDAPEST\"}],\"preservation\":{\"days\":10}}"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("preservation.days");
        assertThat(profiles.current(b).orElseThrow().version()).isEqualTo(version);

        SessionClient.Page saved = web.post("/admin/knowledge/profiles/" + b, Map.of("version", String.valueOf(version), "note", "Russian too",
                "json", "{\"stateCode\":\"" + b + "\",\"stateName\":\"Holding\",\"languages\":[\"en\",\"ru\"]}"));
        assertThat(saved.status()).isEqualTo(302);
        SessionClient.Page profile = web.get("/knowledge/profiles/" + b);
        assertThat(profile.body()).contains("Russian too").contains("en, ru");
        assertThat(web.get("/knowledge/profiles").body()).contains("State " + a);
        assertThat(web.get("/knowledge/profiles/export").body()).contains(ProfileFile.FORMAT);
    }

    @Test
    void onlyAnAdministratorReachesTheEditor() {
        SessionClient web = new SessionClient(port).signIn(prosecutor.username(), Fixtures.PASSWORD);
        assertThat(web.get("/admin/knowledge/profiles/" + b).status()).isEqualTo(403);
        assertThat(web.get("/knowledge/profiles/" + b).body()).doesNotContain("/admin/knowledge/profiles/" + b);
    }
}
