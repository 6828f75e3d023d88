package org.comity.node.ledger.internal;

import static org.comity.node.platform.Sql.instant;
import static org.comity.node.platform.Sql.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.comity.custody.merkle.HashSource;
import org.comity.custody.merkle.TreeHash;
import org.comity.custody.tiles.Tile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger's SQL. Entries wait in {@code ledger_pending} until the sequencer integrates them;
 * integrated leaves keep their leaf hash, and every complete subtree of 256^L leaves (L >= 1) its
 * root in {@code ledger_hash}: exactly the hash tiles of C2SP tlog-tiles, so proofs and tiles are
 * read, never recomputed from the leaves.
 */
@Repository
class LedgerStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    LedgerStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    void queue(String ref, String kind, byte[] entry, Instant now) {
        jdbc.sql("insert into ledger_pending (ref, kind, entry, queued_at) values (?, ?, ?, ?)").params(ref, kind, entry, ts(now)).update();
    }

    record Pending(long id, String ref, String kind, byte[] entry) {}

    /** The integrated size, locking the ledger's state row: whoever holds it is the one sequencer. */
    long lockSize() {
        return jdbc.sql("select size from ledger_state for update").query(Long.class).single();
    }

    long size() {
        return jdbc.sql("select size from ledger_state").query(Long.class).single();
    }

    List<Pending> pending(int limit) {
        return jdbc.sql("select id, ref, kind, entry from ledger_pending order by id limit ?").param(limit)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4))).list();
    }

    /**
     * Gives the pending entries the indexes from {@code size} on, stores the roots of the subtrees
     * they complete, and forgets them as pending; returns the new size. Runs under {@link #lockSize}.
     */
    long integrate(long size, List<Pending> entries, Instant now) {
        List<byte[]> leafHashes = new ArrayList<>(entries.size());
        for (Pending p : entries) {
            leafHashes.add(TreeHash.leaf(p.entry()));
        }
        batch.batchUpdate("insert into ledger_entry (idx, ref, kind, entry, leaf_hash, integrated_at) values (?, ?, ?, ?, ?, ?)",
                new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(java.sql.PreparedStatement ps, int i) throws java.sql.SQLException {
                        Pending p = entries.get(i);
                        ps.setLong(1, size + i);
                        ps.setString(2, p.ref());
                        ps.setString(3, p.kind());
                        ps.setBytes(4, p.entry());
                        ps.setBytes(5, leafHashes.get(i));
                        ps.setObject(6, ts(now));
                    }

                    @Override
                    public int getBatchSize() {
                        return entries.size();
                    }
                });
        long newSize = size + entries.size();
        // Each newly completed block of 256 hashes at one tile level gets its root stored at the level above.
        for (int level = 1; completeSubtrees(level, newSize) > 0; level++) {
            for (long block = completeSubtrees(level, size); block < completeSubtrees(level, newSize); block++) {
                byte[] root = perfectRoot(hashesAtTileLevel(level - 1, block * Tile.WIDTH, Tile.WIDTH));
                jdbc.sql("insert into ledger_hash (level, idx, hash) values (?, ?, ?)").params(level, block, root).update();
            }
        }
        Long[] ids = entries.stream().map(Pending::id).toArray(Long[]::new);
        jdbc.sql("delete from ledger_pending where id = any(?)").param(ids).update();
        jdbc.sql("update ledger_state set size = ?").param(newSize).update();
        return newSize;
    }

    /** How many complete subtrees of 256^level leaves a log of {@code size} holds. */
    private static long completeSubtrees(int level, long size) {
        if (Tile.HEIGHT * level >= 63) {
            return 0;
        }
        long span = 1L << (Tile.HEIGHT * level);
        return size / span;
    }

    /** {@code count} consecutive hashes of tile level {@code level} from {@code first}: leaf hashes at 0, stored roots above. */
    List<byte[]> hashesAtTileLevel(int level, long first, int count) {
        if (level == 0) {
            return jdbc.sql("select leaf_hash from ledger_entry where idx >= ? and idx < ? order by idx").params(first, first + count)
                    .query((rs, n) -> rs.getBytes(1)).list();
        }
        return jdbc.sql("select hash from ledger_hash where level = ? and idx >= ? and idx < ? order by idx").params(level, first, first + count)
                .query((rs, n) -> rs.getBytes(1)).list();
    }

    /** The root of a perfect tree over a power-of-two count of hashes. */
    static byte[] perfectRoot(List<byte[]> hashes) {
        List<byte[]> row = hashes;
        while (row.size() > 1) {
            List<byte[]> up = new ArrayList<>(row.size() / 2);
            for (int i = 0; i < row.size(); i += 2) {
                up.add(TreeHash.node(row.get(i), row.get(i + 1)));
            }
            row = up;
        }
        return row.getFirst();
    }

    /** The ledger as a {@link HashSource} of the given size (at most the integrated size). */
    HashSource source(long size) {
        return new HashSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] subtreeHash(int level, long index) {
                if (level < 0 || index < 0 || ((index + 1) << level) > size) {
                    throw new IllegalArgumentException("no complete subtree at level " + level + ", index " + index + " in a ledger of " + size);
                }
                int tileLevel = level / Tile.HEIGHT;
                int below = level % Tile.HEIGHT;
                int count = 1 << below;
                List<byte[]> hashes = hashesAtTileLevel(tileLevel, index << below, count);
                if (hashes.size() != count) {
                    throw new IllegalStateException("the ledger lacks hashes at tile level " + tileLevel + " from " + (index << below));
                }
                return perfectRoot(hashes);
            }
        };
    }

    OptionalLong indexOf(String ref) {
        return jdbc.sql("select idx from ledger_entry where ref = ?").param(ref).query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    Optional<byte[]> entry(long index) {
        return jdbc.sql("select entry from ledger_entry where idx = ?").param(index).query((rs, n) -> rs.getBytes(1)).optional();
    }

    // --- Checkpoints and cosignatures ----------------------------------------------------------

    record StoredCheckpoint(long size, byte[] root, String note, Instant signedAt) {}

    Optional<StoredCheckpoint> latestCheckpoint() {
        return jdbc.sql("select size, root, note, signed_at from ledger_checkpoint order by size desc limit 1")
                .query((rs, n) -> new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3), instant(rs, "signed_at"))).optional();
    }

    /** The newest checkpoint covering {@code size} leaves that peers cosigned, else the newest covering them. */
    Optional<StoredCheckpoint> checkpointCovering(long size) {
        return jdbc.sql("""
                select c.size, c.root, c.note, c.signed_at from ledger_checkpoint c
                where c.size >= ?
                order by exists (select 1 from ledger_cosignature s where s.size = c.size) desc, c.size desc limit 1
                """).param(size)
                .query((rs, n) -> new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3), instant(rs, "signed_at"))).optional();
    }

    void insertCheckpoint(long size, byte[] root, String note, Instant now) {
        jdbc.sql("insert into ledger_checkpoint (size, root, note, signed_at) values (?, ?, ?, ?) on conflict (size) do nothing")
                .params(size, root, note, ts(now)).update();
    }

    /** The node ids of the peers that cosigned a checkpoint. */
    List<String> cosignedBy(long size) {
        return jdbc.sql("select witness from ledger_cosignature where size = ? order by witness").param(size).query(String.class).list();
    }

    List<String> cosignatures(long size) {
        return jdbc.sql("select line from ledger_cosignature where size = ? order by witness").param(size).query(String.class).list();
    }

    void insertCosignature(long size, String witness, String line, Instant now) {
        jdbc.sql("""
                insert into ledger_cosignature (size, witness, line, received_at) values (?, ?, ?, ?)
                on conflict (size, witness) do update set line = excluded.line, received_at = excluded.received_at
                """).params(size, witness, line, ts(now)).update();
    }

    // --- Witnessing ------------------------------------------------------------------------------

    record Witnessed(String origin, String nodeId, long size, byte[] root, String checkpoint, Instant updatedAt) {}

    Optional<Witnessed> witnessed(String origin, boolean forUpdate) {
        return jdbc.sql("select origin, node_id, size, root, checkpoint, updated_at from witnessed_log where origin = ?"
                        + (forUpdate ? " for update" : ""))
                .param(origin).query((rs, n) -> new Witnessed(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBytes(4), rs.getString(5),
                        instant(rs, "updated_at"))).optional();
    }

    List<Witnessed> witnessedLogs() {
        return jdbc.sql("select origin, node_id, size, root, checkpoint, updated_at from witnessed_log order by node_id")
                .query((rs, n) -> new Witnessed(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBytes(4), rs.getString(5),
                        instant(rs, "updated_at"))).list();
    }

    void saveWitnessed(String origin, String nodeId, long size, byte[] root, String checkpoint, Instant now) {
        jdbc.sql("""
                insert into witnessed_log (origin, node_id, size, root, checkpoint, updated_at) values (?, ?, ?, ?, ?, ?)
                on conflict (origin) do update set node_id = excluded.node_id, size = excluded.size, root = excluded.root,
                    checkpoint = excluded.checkpoint, updated_at = excluded.updated_at
                """).params(origin, nodeId, size, root, checkpoint, ts(now)).update();
    }

    /** Serialises the first sight of a log (no row yet to lock). */
    void lockOrigin(String origin) {
        org.comity.node.platform.Sql.lockForTransaction(jdbc, "comity.witness:" + origin);
    }

    void alarm(String origin, String nodeId, String detail, String checkpoint, Instant now) {
        jdbc.sql("insert into ledger_alarm (origin, node_id, at, detail, checkpoint) values (?, ?, ?, ?, ?)")
                .params(origin, nodeId, ts(now), detail.length() > 2000 ? detail.substring(0, 2000) : detail, checkpoint).update();
    }

    record Alarm(long id, String origin, String nodeId, Instant at, String detail) {}

    List<Alarm> alarms(int limit) {
        return jdbc.sql("select id, origin, node_id, at, detail from ledger_alarm order by at desc, id desc limit ?").param(limit)
                .query((rs, n) -> new Alarm(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, "at"), rs.getString(5))).list();
    }

    record PeerState(String nodeId, long cosignedSize, Instant lastAttemptAt, String lastError) {}

    long cosignedSize(String nodeId) {
        return jdbc.sql("select cosigned_size from witness_peer where node_id = ?").param(nodeId).query(Long.class).optional().orElse(0L);
    }

    void peerAttempt(String nodeId, Long cosignedSize, String error, Instant now) {
        jdbc.sql("""
                insert into witness_peer (node_id, cosigned_size, last_attempt_at, last_error) values (?, coalesce(?, 0), ?, ?)
                on conflict (node_id) do update set cosigned_size = coalesce(?, witness_peer.cosigned_size), last_attempt_at = excluded.last_attempt_at,
                    last_error = excluded.last_error
                """).params(nodeId, cosignedSize, ts(now), error, cosignedSize).update();
    }

    List<PeerState> peers() {
        return jdbc.sql("select node_id, cosigned_size, last_attempt_at, last_error from witness_peer order by node_id")
                .query((rs, n) -> new PeerState(rs.getString(1), rs.getLong(2), instant(rs, "last_attempt_at"), rs.getString(4))).list();
    }

    long pendingCount() {
        return jdbc.sql("select count(*) from ledger_pending").query(Long.class).single();
    }
}
