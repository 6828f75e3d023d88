package org.comity.node.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Fixtures;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The repository's API over real HTTP: import, search with filters and facets, read, refusals; and the index rebuilt from the database. */
class KnowledgeDocumentApiTest extends NodeTest {

    @Autowired
    KnowledgeIndex index;

    @Autowired
    DocumentService service;

    Http admin, user;
    String tag;

    @BeforeEach
    void world() {
        String state = fixtures.state("Somewhere");
        Authority central = fixtures.authority(state, AuthorityKind.CENTRAL_AUTHORITY);
        admin = http(fixtures.token(fixtures.user(central, Role.ADMIN)));
        user = http(fixtures.token(fixtures.user(fixtures.authority(state, AuthorityKind.JUDICIAL_AUTHORITY), Role.JUDICIAL_AUTHORITY)));
        tag = Fixtures.unique("zq").replaceAll("[^a-z0-9]", "");
    }

    @Test
    void anImportedFileIsSearchableWithFacetsAndEachDocumentReadable() {
        String lines = line("en", "Preservation of " + tag, "The provider preserved the data of " + tag + ".", "ELECTRONIC_EVIDENCE")
                + "\n\n"
                + line("fr", "Conservation " + tag, "Les données de " + tag + " ont été conservées.", "INTERNATIONAL_COOPERATION") + "\n";
        Http.Reply imported = admin.postRaw("/api/v1/admin/knowledge/documents/import", "application/x-ndjson", lines.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(2);

        JsonNode all = user.get("/api/v1/knowledge/documents?q=" + tag).json();
        assertThat(all.get("total").asLong()).isEqualTo(2);
        assertThat(all.get("facets").get("language").valueStream().map(f -> f.get("value").asString()).toList()).containsExactlyInAnyOrder("en", "fr");

        JsonNode french = user.get("/api/v1/knowledge/documents?q=" + tag + "&language=fr&topic=INTERNATIONAL_COOPERATION").json();
        assertThat(french.get("total").asLong()).isEqualTo(1);
        JsonNode hit = french.get("hits").get(0);
        assertThat(hit.get("snippet").asString()).contains("<mark>" + tag + "</mark>");

        JsonNode document = user.get("/api/v1/knowledge/documents/" + hit.get("id").asString()).json();
        assertThat(document.get("body").asString()).isEqualTo("Les données de " + tag + " ont été conservées.");
        assertThat(user.get("/api/v1/knowledge/documents/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);

        // The same external id again replaces rather than duplicates.
        admin.postRaw("/api/v1/admin/knowledge/documents/import", "application/x-ndjson",
                line("en", "Preservation of " + tag, "Replaced text about " + tag + ".", "ELECTRONIC_EVIDENCE").getBytes(StandardCharsets.UTF_8));
        assertThat(user.get("/api/v1/knowledge/documents?q=" + tag).json().get("total").asLong()).isEqualTo(2);
        assertThat(user.get("/api/v1/knowledge/documents?q=replaced+" + tag).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aFileWithOneBadLineImportsNothingAndNamesTheLine() {
        String lines = line("en", "Good " + tag, "Fine " + tag, "PREVENTION") + "\n"
                + "{\"type\":\"GUIDE\",\"country\":\"XA\",\"topic\":\"PREVENTION\",\"language\":\"xx\",\"title\":\"t\",\"body\":\"b\"}\n"
                + "not json\n";
        Http.Reply refused = admin.postRaw("/api/v1/admin/knowledge/documents/import", "application/x-ndjson", lines.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList()).contains("line 2: language", "line 3");
        assertThat(user.get("/api/v1/knowledge/documents?q=" + tag).json().get("total").asLong()).isZero();
    }

    @Test
    void onlyAnAdministratorAddsDocuments() {
        Http.Reply refused = user.post("/api/v1/admin/knowledge/documents", Map.of("type", "GUIDE", "country", "XA", "topic", "PREVENTION",
                "language", "en", "title", "t", "body", "b"));
        assertThat(refused.status()).isEqualTo(403);
        Http.Reply added = admin.post("/api/v1/admin/knowledge/documents", Map.of("type", "GUIDE", "country", "INT", "topic", "PREVENTION",
                "language", "en", "title", "Guide " + tag, "body", "About " + tag));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.header("Location")).endsWith(added.json().get("id").asString());
        assertThat(admin.post("/api/v1/admin/knowledge/documents", Map.of("type", "GUIDE")).status()).isEqualTo(422);
        assertThat(user.get("/api/v1/knowledge/documents?limit=1000").status()).isEqualTo(400);
        assertThat(user.get("/api/v1/knowledge/documents?topic=NOT_A_TOPIC").status()).isEqualTo(400);
    }

    @Test
    void anIndexThatLostItsDocumentsIsRebuiltFromTheDatabase() {
        admin.post("/api/v1/admin/knowledge/documents", Map.of("type", "GUIDE", "country", "INT", "topic", "PREVENTION",
                "language", "en", "title", "Kept " + tag, "body", "Kept " + tag));
        long before = index.count();
        index.rebuild(sink -> { }); // the index is emptied, as if its folder had been deleted
        assertThat(user.get("/api/v1/knowledge/documents?q=" + tag).json().get("total").asLong()).isZero();
        service.rebuildIfBehind();
        assertThat(index.count()).isEqualTo(before);
        assertThat(user.get("/api/v1/knowledge/documents?q=" + tag).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void theGlossaryHasEveryTermInTheSixLanguages() {
        List<JsonNode> terms = user.get("/api/v1/knowledge/glossary").json().valueStream().toList();
        assertThat(terms).isNotEmpty().allSatisfy(t -> assertThat(t.propertyNames()).containsExactlyInAnyOrder("ar", "zh", "en", "fr", "ru", "es"));
    }

    String line(String language, String title, String body, String topic) {
        return Http.JSON.writeValueAsString(Map.of("externalId", tag + "-" + language, "type", "GUIDE", "country", "XA", "topic", topic,
                "language", language, "title", title, "body", body, "published", "2025-06-30", "source", "Test"));
    }
}
