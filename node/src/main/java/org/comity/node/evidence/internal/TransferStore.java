package org.comity.node.evidence.internal;

import static org.comity.node.platform.Sql.instant;
import static org.comity.node.platform.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.evidence.Acquisition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of evidence transfers between nodes, both directions. */
@Repository
class TransferStore {

    enum Direction { OUT, IN }

    enum Status { OFFERING, OFFERED, DELIVERED, FETCHING, DONE, FAILED }

    record Transfer(UUID id, Direction direction, UUID itemId, UUID exhibitId, UUID requestId, String peer, String fileName, String mediaType,
            long size, String sha256, Acquisition acquisition, int chunkSize, byte[] sealedKey, String excerpt, Status status, long chunksDone,
            int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant updatedAt) {}

    private static final String COLUMNS = "id, direction, item_id, exhibit_id, request_id, peer, file_name, media_type, size, sha256, "
            + "acquisition::text as acquisition, chunk_size, sealed_key, excerpt, status, chunks_done, attempts, next_attempt_at, last_error, "
            + "created_at, updated_at";
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final JdbcClient jdbc;

    TransferStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Transfer t) {
        jdbc.sql("""
                insert into evidence_transfer (id, direction, item_id, exhibit_id, request_id, peer, file_name, media_type, size, sha256,
                    acquisition, chunk_size, sealed_key, excerpt, status, chunks_done, attempts, next_attempt_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, 0, 0, ?, ?, ?)
                """)
                .params(t.id(), t.direction().name(), t.itemId(), t.exhibitId(), t.requestId(), t.peer(), t.fileName(), t.mediaType(), t.size(),
                        t.sha256(), JSON.writeValueAsString(acquisitionJson(t.acquisition())), t.chunkSize(), t.sealedKey(), t.excerpt(),
                        t.status().name(), ts(t.nextAttemptAt()), ts(t.createdAt()), ts(t.updatedAt()))
                .update();
    }

    Optional<Transfer> find(UUID id, Direction direction) {
        return jdbc.sql("select " + COLUMNS + " from evidence_transfer where id = ? and direction = ?").params(id, direction.name())
                .query(TransferStore::row).optional();
    }

    Optional<Transfer> lock(UUID id, Direction direction) {
        return jdbc.sql("select " + COLUMNS + " from evidence_transfer where id = ? and direction = ? for update").params(id, direction.name())
                .query(TransferStore::row).optional();
    }

    /** How long a claim holds; a fetch renews it with every chunk, so only a stopped instance's claim runs out. */
    static final java.time.Duration LEASE = java.time.Duration.ofSeconds(30);

    /** Transfers with work due, claimed for this instance for {@link #LEASE} (instances sharing the database skip them). */
    List<UUID> claim(Status status, Instant now, int limit) {
        return jdbc.sql("""
                update evidence_transfer set next_attempt_at = ? where id in (
                    select id from evidence_transfer where status = ? and next_attempt_at <= ? order by next_attempt_at limit ? for update skip locked)
                returning id
                """).params(ts(now.plus(LEASE)), status.name(), ts(now), limit).query(UUID.class).list();
    }

    List<Transfer> ofItem(UUID itemId) {
        return jdbc.sql("select " + COLUMNS + " from evidence_transfer where item_id = ? order by created_at").param(itemId)
                .query(TransferStore::row).list();
    }

    List<Transfer> ofRequest(UUID requestId) {
        return jdbc.sql("select " + COLUMNS + " from evidence_transfer where request_id = ? order by created_at").param(requestId)
                .query(TransferStore::row).list();
    }

    void status(UUID id, Direction direction, Status status, String excerpt, Instant now) {
        jdbc.sql("""
                update evidence_transfer set status = ?, excerpt = coalesce(?, excerpt), attempts = 0, last_error = null, updated_at = ?,
                    next_attempt_at = ?
                where id = ? and direction = ?
                """).params(status.name(), excerpt, ts(now), ts(now), id, direction.name()).update();
    }

    void progress(UUID id, long chunksDone, Instant now) {
        jdbc.sql("""
                update evidence_transfer set chunks_done = ?, attempts = 0, last_error = null, updated_at = ?, next_attempt_at = ?
                where id = ? and direction = 'IN'
                """).params(chunksDone, ts(now), ts(now.plus(LEASE)), id).update();
    }

    void done(UUID id, UUID itemId, Instant now) {
        jdbc.sql("update evidence_transfer set status = 'DONE', item_id = ?, last_error = null, updated_at = ? where id = ? and direction = 'IN'")
                .params(itemId, ts(now), id).update();
    }

    void failedAttempt(UUID id, Direction direction, String error, Instant next, boolean giveUp, Instant now) {
        jdbc.sql("""
                update evidence_transfer set attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ?,
                    status = case when ? then 'FAILED' else status end
                where id = ? and direction = ?
                """).params(error.length() > 2000 ? error.substring(0, 2000) : error, ts(next), ts(now), giveUp, id, direction.name()).update();
    }

    private static Object acquisitionJson(Acquisition a) {
        return java.util.Map.of("tool", a.tool(), "toolVersion", a.toolVersion(), "examiner", a.examiner(), "source", a.source(),
                "method", a.method(), "acquiredAt", a.acquiredAt().toString());
    }

    static Acquisition acquisition(String json) {
        var node = JSON.readTree(json);
        return new Acquisition(node.get("tool").asString(), node.get("toolVersion").asString(), node.get("examiner").asString(),
                node.get("source").asString(), node.get("method").asString(), Instant.parse(node.get("acquiredAt").asString()));
    }

    private static Transfer row(ResultSet rs, int n) throws SQLException {
        return new Transfer(rs.getObject("id", UUID.class), Direction.valueOf(rs.getString("direction")), rs.getObject("item_id", UUID.class),
                rs.getObject("exhibit_id", UUID.class), rs.getObject("request_id", UUID.class), rs.getString("peer"), rs.getString("file_name"),
                rs.getString("media_type"), rs.getLong("size"), rs.getString("sha256"), acquisition(rs.getString("acquisition")),
                rs.getInt("chunk_size"), rs.getBytes("sealed_key"), rs.getString("excerpt"), Status.valueOf(rs.getString("status")),
                rs.getLong("chunks_done"), rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
