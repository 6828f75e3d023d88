package org.comity.node.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.comity.node.knowledge.DocumentType;
import org.comity.node.knowledge.KnowledgeDocument;
import org.comity.node.knowledge.SearchQuery;
import org.comity.node.knowledge.SearchResult;
import org.comity.node.knowledge.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A glossary term's translations are searched as word pairs: the pairs must stand exactly where the
 * phrase of words would, across a removed stop word and over three words, and the page of hits is
 * still highlighted word by word. An index written before the pairs existed is emptied when opened,
 * so the start-up check rebuilds it from the database.
 */
class KnowledgePhrasePairsTest {

    @TempDir
    Path dir;

    LuceneKnowledgeIndex index;

    @BeforeEach
    void open() {
        index = new LuceneKnowledgeIndex(dir.resolve("index"), new GlossaryFile());
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void aTranslationWithAStopWordMatchesOnlyWithItsWordsTogether() {
        KnowledgeDocument together = doc("fr", "Contacts", "Le point de contact répond jour et nuit.");
        KnowledgeDocument apart = doc("fr", "Réseau", "Un point important: le contact direct avec le fournisseur.");
        index.put(List.of(together, apart));

        SearchResult r = index.search(new SearchQuery("point of contact", "en", Set.of(), Set.of(), Set.of(), Set.of(), 0, 10));

        assertThat(r.expansions()).contains("point de contact");
        assertThat(r.hits()).extracting(SearchResult.Hit::id).containsExactly(together.id());
        assertThat(r.hits().getFirst().snippet()).contains("<mark>point</mark>").contains("<mark>contact</mark>");
    }

    @Test
    void aThreeWordTranslationMatchesOnlyAsAWhole() {
        KnowledgeDocument whole = doc("fr", "Saisie", "Les enquêteurs ont copié les données informatiques stockées sur le serveur.");
        // Both pairs are here, but not one after the other.
        KnowledgeDocument pairsApart = doc("fr", "Copies", "Des données informatiques du serveur et des copies informatiques stockées ailleurs.");
        index.put(List.of(whole, pairsApart));

        SearchResult r = index.search(new SearchQuery("stored computer data", "en", Set.of(), Set.of(), Set.of(), Set.of("fr"), 0, 10));

        assertThat(r.hits()).extracting(SearchResult.Hit::id).containsExactly(whole.id());
    }

    @Test
    void anIndexWrittenInAnEarlierLayoutIsEmptiedForARebuildAndTheCurrentOneIsKept() throws Exception {
        Path path = dir.resolve("old");
        try (FSDirectory d = FSDirectory.open(path); IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
            Document old = new Document();
            old.add(new StringField("id", UUID.randomUUID().toString(), Field.Store.YES));
            w.addDocument(old);
            w.setLiveCommitData(Map.of("comity.layout", "1").entrySet());
            w.commit();
        }
        try (var index = new Closing(new LuceneKnowledgeIndex(path, new GlossaryFile()))) {
            assertThat(index.it().count()).isZero();
            index.it().put(List.of(doc("en", "Kept", "The index of this layout keeps its documents.")));
        }
        try (var index = new Closing(new LuceneKnowledgeIndex(path, new GlossaryFile()))) {
            assertThat(index.it().count()).isEqualTo(1);
        }
    }

    private record Closing(LuceneKnowledgeIndex it) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            it.close();
        }
    }

    private static KnowledgeDocument doc(String language, String title, String body) {
        return new KnowledgeDocument(UUID.randomUUID(), "x-" + UUID.randomUUID(), DocumentType.GUIDE, "XA", Topic.INTERNATIONAL_COOPERATION,
                language, title, body, LocalDate.of(2025, 1, 1), "Test", null, Instant.EPOCH, "test");
    }
}
