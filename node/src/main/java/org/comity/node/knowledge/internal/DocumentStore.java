package org.comity.node.knowledge.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
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
    private final org.springframework.jdbc.core.JdbcTemplate template;

    DocumentStore(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
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

    /**
     * Inserts or replaces many documents in one statement (a bulk import). Within the list a later
     * document with the same external id wins, as if the lines had been imported one by one.
     *
     * @param newIds an id for each draft, used when it is inserted rather than replacing another
     * @return the stored documents, in no particular order
     */
    List<KnowledgeDocument> upsertAll(List<UUID> newIds, List<DocumentDraft> drafts, Instant at, String by) {
        java.util.Map<String, Integer> lastByExternal = new java.util.HashMap<>();
        List<Integer> keep = new java.util.ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            String ext = blankToNull(drafts.get(i).externalId());
            if (ext == null) {
                keep.add(i);
            } else {
                lastByExternal.put(ext, i);
            }
        }
        keep.addAll(lastByExternal.values());
        int n = keep.size();
        Object[] ids = new Object[n], types = new Object[n], countries = new Object[n], topics = new Object[n], languages = new Object[n],
                titles = new Object[n], bodies = new Object[n], published = new Object[n], sources = new Object[n], urls = new Object[n],
                externals = new Object[n];
        for (int k = 0; k < n; k++) {
            int i = keep.get(k);
            DocumentDraft d = drafts.get(i);
            ids[k] = newIds.get(i);
            types[k] = d.type().name();
            countries[k] = d.country();
            topics[k] = d.topic().name();
            languages[k] = d.language();
            titles[k] = d.title().strip();
            bodies[k] = d.body().strip();
            published[k] = d.published() == null ? null : Date.valueOf(d.published());
            sources[k] = blankToNull(d.source());
            urls[k] = blankToNull(d.url());
            externals[k] = blankToNull(d.externalId());
        }
        String sql = """
                insert into knowledge_document (id, type, country, topic, language, title, body, published, source, url, external_id, created_at, created_by)
                select u.*, ?, ? from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[], ?::text[], ?::text[])
                    as u(id, type, country, topic, language, title, body, published, source, url, external_id)
                on conflict (external_id) do update set type = excluded.type, country = excluded.country, topic = excluded.topic,
                    language = excluded.language, title = excluded.title, body = excluded.body, published = excluded.published,
                    source = excluded.source, url = excluded.url, created_at = excluded.created_at, created_by = excluded.created_by
                returning *
                """;
        return template.query(con -> {
            var ps = con.prepareStatement(sql);
            ps.setObject(1, Sql.ts(at));
            ps.setString(2, by);
            ps.setArray(3, con.createArrayOf("uuid", ids));
            ps.setArray(4, con.createArrayOf("text", types));
            ps.setArray(5, con.createArrayOf("text", countries));
            ps.setArray(6, con.createArrayOf("text", topics));
            ps.setArray(7, con.createArrayOf("text", languages));
            ps.setArray(8, con.createArrayOf("text", titles));
            ps.setArray(9, con.createArrayOf("text", bodies));
            ps.setArray(10, con.createArrayOf("date", published));
            ps.setArray(11, con.createArrayOf("text", sources));
            ps.setArray(12, con.createArrayOf("text", urls));
            ps.setArray(13, con.createArrayOf("text", externals));
            return ps;
        }, DocumentStore::row);
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
