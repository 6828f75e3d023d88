package org.comity.node.evidence.internal;

import static org.comity.node.platform.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.node.evidence.Acquisition;
import org.comity.node.evidence.EvidenceItem;
import org.comity.node.evidence.RequestSide;
import org.comity.node.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of uploads, their chunks and the evidence items they become. */
@Repository
class UploadStore {

    private static final String UPLOAD = "select id, user_id, user_name, authority_id, request_id, side, length, upload_offset, metadata, "
            + "file_name, media_type, tool, tool_version, examiner, source, method, acquired_at, status, created_at, updated_at, "
            + "expires_at, sha256 from upload";
    private static final String ITEM = "select id, request_id, side, file_name, media_type, size, sha256, tool, tool_version, examiner, "
            + "source, method, acquired_at, recorded_by, recorded_by_name, authority_id, recorded_at, upload_id, exhibit_id, "
            + "disposed_at, disposed_by, disposal_reason, hold_since, hold_by, hold_reason from evidence_item";
    private final JdbcClient jdbc;

    UploadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UploadRow u) {
        Acquisition a = u.acquisition();
        jdbc.sql("insert into upload (id, user_id, user_name, authority_id, request_id, side, length, upload_offset, metadata, file_name, "
                        + "media_type, tool, tool_version, examiner, source, method, acquired_at, status, created_at, updated_at, expires_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVING', ?, ?, ?)")
                .params(u.id(), u.userId(), u.userName(), u.authorityId(), u.requestId(), u.side().name(), u.length(), u.metadata(),
                        u.fileName(), u.mediaType(), a.tool(), a.toolVersion(), a.examiner(), a.source(), a.method(), ts(a.acquiredAt()),
                        ts(u.createdAt()), ts(u.updatedAt()), ts(u.expiresAt()))
                .update();
    }

    Optional<UploadRow> find(UUID id) {
        return jdbc.sql(UPLOAD + " where id = ?").param(id).query(UploadStore::upload).optional();
    }

    Optional<UploadRow> lock(UUID id) {
        return jdbc.sql(UPLOAD + " where id = ? for update").param(id).query(UploadStore::upload).optional();
    }

    int receivingOf(UUID userId, Instant now) {
        return jdbc.sql("select count(*) from upload where user_id = ? and status = 'RECEIVING' and expires_at > ?")
                .params(userId, ts(now)).query(Integer.class).single();
    }

    /**
     * Records a chunk and moves the offset on, if nothing else moved it first (compare and set).
     *
     * @return false when the upload is no longer at {@code start} or no longer receiving
     */
    boolean advance(UUID id, long start, long length, String fileName, Instant now, Instant expiresAt) {
        int moved = jdbc.sql("update upload set upload_offset = upload_offset + ?, updated_at = ?, expires_at = ? "
                        + "where id = ? and upload_offset = ? and status = 'RECEIVING' and upload_offset + ? <= length")
                .params(length, ts(now), ts(expiresAt), id, start, length).update();
        if (moved == 0) {
            return false;
        }
        jdbc.sql("insert into upload_chunk (upload_id, start_offset, length, file_name) values (?, ?, ?, ?)")
                .params(id, start, length, fileName).update();
        return true;
    }

    List<ChunkFiles.Chunk> chunks(UUID id) {
        return jdbc.sql("select start_offset, length, file_name from upload_chunk where upload_id = ? order by start_offset").param(id)
                .query((rs, n) -> new ChunkFiles.Chunk(rs.getLong("start_offset"), rs.getLong("length"), rs.getString("file_name"))).list();
    }

    void finish(UUID id, UploadRow.Status status, String sha256, Instant now) {
        jdbc.sql("update upload set status = ?, sha256 = ?, updated_at = ? where id = ?").params(status.name(), sha256, ts(now), id).update();
        jdbc.sql("delete from upload_chunk where upload_id = ?").param(id).update();
    }

    /** Unfinished uploads past their expiry, claimed so several instances share the work. */
    List<UploadRow> claimExpired(Instant now, int limit) {
        return jdbc.sql(UPLOAD + " where status = 'RECEIVING' and expires_at <= ? order by expires_at limit ? for update skip locked")
                .params(ts(now), limit).query(UploadStore::upload).list();
    }

    /** Uploads that have all their bytes but were not moved into the vault (the node stopped in between). */
    List<UUID> fullButOpen(Instant idleBefore, int limit) {
        return jdbc.sql("select id from upload where status = 'RECEIVING' and upload_offset = length and updated_at < ? limit ?")
                .params(ts(idleBefore), limit).query(UUID.class).list();
    }

    /** The chunk files each receiving upload's rows name. */
    Map<UUID, Set<String>> receivingChunkFiles() {
        Map<UUID, Set<String>> named = new HashMap<>();
        jdbc.sql("select u.id, c.file_name from upload u left join upload_chunk c on c.upload_id = u.id where u.status = 'RECEIVING'")
                .query(rs -> {
                    Set<String> files = named.computeIfAbsent(rs.getObject("id", UUID.class), k -> new HashSet<>());
                    if (rs.getString("file_name") != null) {
                        files.add(rs.getString("file_name"));
                    }
                });
        return named;
    }

    void insertItem(EvidenceItem i) {
        Acquisition a = i.acquisition();
        jdbc.sql("insert into evidence_item (id, request_id, side, sha256, size, file_name, media_type, tool, tool_version, examiner, source, "
                        + "method, acquired_at, recorded_by, recorded_by_name, authority_id, recorded_at, upload_id, exhibit_id) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(i.id(), i.requestId(), i.side().name(), i.sha256(), i.size(), i.fileName(), i.mediaType(), a.tool(), a.toolVersion(),
                        a.examiner(), a.source(), a.method(), ts(a.acquiredAt()), i.recordedBy(), i.recordedByName(), i.authorityId(),
                        ts(i.recordedAt()), i.uploadId(), i.exhibit())
                .update();
    }

    void lockItem(UUID id) {
        jdbc.sql("select id from evidence_item where id = ? for update").param(id).query(UUID.class).single();
    }

    void markDisposed(UUID id, Instant at, String by, String reason) {
        jdbc.sql("update evidence_item set disposed_at = ?, disposed_by = ?, disposal_reason = ? where id = ? and disposed_at is null")
                .params(Sql.ts(at), by, reason, id).update();
    }

    /** Places a legal hold on an item, or lifts it (all null). */
    void markHeld(UUID id, Instant since, String by, String reason) {
        jdbc.sql("update evidence_item set hold_since = ?, hold_by = ?, hold_reason = ? where id = ?")
                .params(since == null ? null : Sql.ts(since), by, reason, id).update();
    }

    /** Items recorded before {@code cutOff} that are neither held nor disposed of, oldest first. */
    List<UUID> dueForDisposal(Instant cutOff, int limit) {
        return jdbc.sql("select id from evidence_item where recorded_at < ? and disposed_at is null and hold_since is null order by recorded_at, id limit ?")
                .params(Sql.ts(cutOff), limit).query(UUID.class).list();
    }

    /** Whether an item that is not disposed of refers to this blob. */
    boolean blobInUse(String sha256) {
        return jdbc.sql("select exists (select 1 from evidence_item where sha256 = ? and disposed_at is null)").param(sha256).query(Boolean.class).single();
    }

    /** Blobs that only disposed items refer to (the vault may still hold them after a crash). */
    List<String> blobsOnlyDisposedItemsName() {
        return jdbc.sql("select distinct d.sha256 from evidence_item d where d.disposed_at is not null and not exists"
                + " (select 1 from evidence_item k where k.sha256 = d.sha256 and k.disposed_at is null)").query(String.class).list();
    }

    /** Whether the requesting side of a request already holds this exhibit (handed over on this node). */
    boolean received(UUID exhibit, UUID requestId) {
        return jdbc.sql("select exists (select 1 from evidence_item where exhibit_id = ? and request_id = ? and side = 'REQUESTING')")
                .params(exhibit, requestId).query(Boolean.class).single();
    }

    Optional<EvidenceItem> item(UUID id) {
        return jdbc.sql(ITEM + " where id = ?").param(id).query(UploadStore::item).optional();
    }

    Optional<EvidenceItem> itemOfUpload(UUID uploadId) {
        return jdbc.sql(ITEM + " where upload_id = ?").param(uploadId).query(UploadStore::item).optional();
    }

    List<EvidenceItem> items(UUID requestId, Set<RequestSide> sides) {
        return jdbc.sql(ITEM + " where request_id = ? and side = any(?) order by recorded_at, id")
                .params(requestId, sides.stream().map(Enum::name).toArray(String[]::new)).query(UploadStore::item).list();
    }

    private static UploadRow upload(ResultSet rs, int n) throws SQLException {
        return new UploadRow(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("user_name"),
                rs.getObject("authority_id", UUID.class), rs.getObject("request_id", UUID.class), RequestSide.valueOf(rs.getString("side")),
                rs.getLong("length"), rs.getLong("upload_offset"), rs.getString("metadata"), rs.getString("file_name"),
                rs.getString("media_type"), acquisition(rs), UploadRow.Status.valueOf(rs.getString("status")), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), Sql.instant(rs, "expires_at"), rs.getString("sha256"));
    }

    private static EvidenceItem item(ResultSet rs, int n) throws SQLException {
        return new EvidenceItem(rs.getObject("id", UUID.class), rs.getObject("request_id", UUID.class), RequestSide.valueOf(rs.getString("side")),
                rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size"), rs.getString("sha256"), acquisition(rs),
                rs.getObject("recorded_by", UUID.class), rs.getString("recorded_by_name"), rs.getObject("authority_id", UUID.class),
                Sql.instant(rs, "recorded_at"), rs.getObject("upload_id", UUID.class), rs.getObject("exhibit_id", UUID.class),
                rs.getTimestamp("disposed_at") == null ? null
                        : new EvidenceItem.Disposal(Sql.instant(rs, "disposed_at"), rs.getString("disposed_by"), rs.getString("disposal_reason")),
                rs.getTimestamp("hold_since") == null ? null
                        : new EvidenceItem.Hold(Sql.instant(rs, "hold_since"), rs.getString("hold_by"), rs.getString("hold_reason")));
    }

    private static Acquisition acquisition(ResultSet rs) throws SQLException {
        return new Acquisition(rs.getString("tool"), rs.getString("tool_version"), rs.getString("examiner"), rs.getString("source"),
                rs.getString("method"), Sql.instant(rs, "acquired_at"));
    }
}
