package org.comity.node.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.comity.node.knowledge.DocumentType;
import org.comity.node.knowledge.KnowledgeDocument;
import org.comity.node.knowledge.SearchQuery;
import org.comity.node.knowledge.SearchResult;
import org.comity.node.knowledge.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facet values packed in one number come back as they went in at the edges of each dimension (the
 * first and last two-letter codes, {@code INT}, every topic, type and language), and a filter on a
 * value no document can have finds nothing while its dimension still counts the others.
 */
class FacetCountsTest {

    @TempDir
    Path dir;

    @Test
    void everyValueOfEveryDimensionComesBackAsItWentIn() throws Exception {
        LuceneKnowledgeIndex index = new LuceneKnowledgeIndex(dir.resolve("index"), new GlossaryFile());
        try {
            List<String> countries = List.of("AA", "ZZ", "INT", "XB");
            List<String> languages = List.of("ar", "zh", "en", "fr", "ru", "es");
            int n = 0;
            for (Topic topic : Topic.values()) {
                for (DocumentType type : DocumentType.values()) {
                    index.put(List.of(doc(countries.get(n % countries.size()), topic, type, languages.get(n % languages.size()))));
                    n++;
                }
            }
            SearchResult all = index.search(query(Set.of(), Set.of()));
            assertThat(all.total()).isEqualTo(n);
            assertThat(all.facets().get("country")).extracting(SearchResult.FacetCount::value).containsExactlyInAnyOrderElementsOf(countries);
            assertThat(all.facets().get("topic")).extracting(SearchResult.FacetCount::value)
                    .containsExactlyInAnyOrderElementsOf(List.of(Topic.values()).stream().map(Enum::name).toList());
            assertThat(all.facets().get("type")).extracting(SearchResult.FacetCount::value)
                    .containsExactlyInAnyOrderElementsOf(List.of(DocumentType.values()).stream().map(Enum::name).toList());
            assertThat(all.facets().get("language")).extracting(SearchResult.FacetCount::value).containsExactlyInAnyOrderElementsOf(languages);
            assertThat(all.facets().get("type")).allSatisfy(c -> assertThat(c.count()).isEqualTo(Topic.values().length));

            SearchResult international = index.search(query(Set.of("INT"), Set.of()));
            assertThat(international.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.country()).isEqualTo("INT"));
            assertThat(international.total()).isEqualTo(all.facets().get("country").stream()
                    .filter(c -> c.value().equals("INT")).findFirst().orElseThrow().count());

            SearchResult nowhere = index.search(query(Set.of("QQ"), Set.of("xx")));
            assertThat(nowhere.total()).isZero();
            assertThat(nowhere.hits()).isEmpty();
        } finally {
            index.close();
        }
    }

    private static SearchQuery query(Set<String> countries, Set<String> languages) {
        return new SearchQuery("", null, countries, Set.of(), Set.of(), languages, 0, 100);
    }

    private static KnowledgeDocument doc(String country, Topic topic, DocumentType type, String language) {
        return new KnowledgeDocument(UUID.randomUUID(), "x-" + UUID.randomUUID(), type, country, topic, language, "Title", "Body text.",
                LocalDate.of(2025, 1, 1), "Test", null, Instant.EPOCH, "test");
    }
}
