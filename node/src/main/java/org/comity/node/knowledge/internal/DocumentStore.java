package org.comity.node.knowledge.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.comity.node.knowledge.DocumentDraft;
import org.comity.node.knowledge.DocumentType;
import org.comity.node.knowledge.KnowledgeDocument;
import org.comity.node.knowledge.Topic;
import org.comity.node.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The repository's documents in PostgreSQL: the truth the search index is built from. */
@Repository
class DocumentStore {

    private final JdbcClient jdbc;

    DocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<KnowledgeDocument> find(UUID id) {
        return jdbc.sql("select * from knowledge_document where id = ?").param(id).query(DocumentStore::row).optional();
    }

    long count() {
        return jdbc.sql("select count(*) from knowledge_document").query(Long.class).single();
    }

    /**
     * Inserts the document, or replaces the one with the same external id (keeping its id).
     *
     * @return the stored document
     */
    KnowledgeDocument upsert(UUID newId, DocumentDraft d, Instant at, String by) {
        return jdbc.sql("""
                insert into knowledge_document (id, type, country, topic, language, title, body, published, source, url, external_id, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (external_id) do update set type = excluded.type, country = excluded.country, topic = excluded.topic,
                    language = excluded.language, title = excluded.title, body = excluded.body, published = excluded.published,
                    source = excluded.source, url = excluded.url, created_at = excluded.created_at, created_by = excluded.created_by
                returning *
                """).params(newId, d.type().name(), d.country(), d.topic().name(), d.language(), d.title().strip(), d.body().strip(),
                        d.published() == null ? null : Date.valueOf(d.published()), blankToNull(d.source()), blankToNull(d.url()),
                        blankToNull(d.externalId()), Sql.ts(at), by)
                .query(DocumentStore::row).single();
    }

    /** Streams every document to {@code sink}, without holding them all in memory. */
    void each(Consumer<KnowledgeDocument> sink) {
        UUID after = new UUID(0, 0); // the smallest uuid in PostgreSQL's (unsigned) order
        while (true) {
            java.util.List<KnowledgeDocument> page = jdbc.sql("select * from knowledge_document where id > ? order by id limit 1000").param(after)
                    .query(DocumentStore::row).list();
            page.forEach(sink);
            if (page.size() < 1000) {
                return;
            }
            after = page.getLast().id();
        }
    }

    static KnowledgeDocument row(ResultSet rs, int n) throws SQLException {
        Date published = rs.getDate("published");
        return new KnowledgeDocument(rs.getObject("id", UUID.class), rs.getString("external_id"), DocumentType.valueOf(rs.getString("type")),
                rs.getString("country"), Topic.valueOf(rs.getString("topic")), rs.getString("language"), rs.getString("title"), rs.getString("body"),
                published == null ? null : published.toLocalDate(), rs.getString("source"), rs.getString("url"), Sql.instant(rs, "created_at"),
                rs.getString("created_by"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
