package org.comity.node.stats.internal;

import static org.comity.node.platform.Sql.instant;
import static org.comity.node.platform.Sql.ts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.comity.node.request.EventActor;
import org.comity.node.request.EventDetails;
import org.comity.node.request.EventType;
import org.comity.node.request.RequestEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statistics tables: a request's timeline and sides as read for its fact, the fact rows, and
 * the rollups a fact contributes to. A change of fact takes its old contribution out of the rollups
 * and puts the new one in; cells are touched in one sorted order, so two transactions updating the
 * same cells wait for each other instead of deadlocking.
 */
@Repository
class FactStore {

    /** Reads the events' payload as the request store writes it (docs/formats/request.md): unknown fields of newer versions tolerated. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final String[] ROLLUP_KEY = {"own_state", "direction", "period", "partner_state", "instrument_id", "request_type", "urgency",
        "categories", "outcome", "refusal_ground", "shard"};
    /**
     * Stripes per rollup cell: a request always touches the same stripe, two requests of the same
     * month, partner and kind most often different ones, so their transactions do not queue on one
     * row lock until commit (the figures sum the stripes).
     */
    static final int SHARDS = 16;
    private static final String[] ROLLUP_VALUES = {"requests", "acknowledged", "ack_met", "ack_missed", "decided", "decide_met", "decide_missed",
        "executed", "execute_met", "execute_missed"};

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    FactStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A request's parties as statistics need them: states, and whether their authorities are hosted here. */
    record Parties(String instrument, String requestingState, String requestedState, boolean requestingLocal, boolean requestedLocal) {

        List<RequestFact.Side> sides() {
            List<RequestFact.Side> out = new ArrayList<>(2);
            if (requestingLocal) {
                out.add(new RequestFact.Side(Direction.OUTGOING, requestingState, requestedState));
            }
            if (requestedLocal && requestedState != null) {
                out.add(new RequestFact.Side(Direction.INCOMING, requestedState, requestingState));
            }
            return out;
        }
    }

    Optional<Parties> parties(UUID requestId) {
        return jdbc.sql("""
                select r.instrument_id, r.requesting_state, r.requested_state,
                       coalesce(rn.local, false) as requesting_local, coalesce(qn.local, false) as requested_local
                from request r
                join authority ra on ra.id = r.requesting_authority_id
                join node rn on rn.id = ra.node_id
                left join authority qa on qa.id = r.requested_authority_id
                left join node qn on qn.id = qa.node_id
                where r.id = ?
                """)
                .param(requestId)
                .query((rs, n) -> new Parties(rs.getString("instrument_id"), rs.getString("requesting_state"), rs.getString("requested_state"),
                        rs.getBoolean("requesting_local"), rs.getBoolean("requested_local")))
                .optional();
    }

    private static RequestEvent event(ResultSet rs) throws SQLException {
        return new RequestEvent(rs.getObject("id", UUID.class), rs.getInt("seq"), EventType.valueOf(rs.getString("type")),
                instant(rs, "at"), new EventActor(null, "", null), rs.getString("reason"),
                JSON.readValue(rs.getString("payload"), EventDetails.class));
    }

    /** Submitted requests that have no fact yet (the backfill), by id after {@code after}. */
    List<UUID> withoutFacts(UUID after, int limit) {
        return jdbc.sql("""
                select r.id from request r
                where r.id > ? and r.submitted_at is not null and not exists (select 1 from stats_request s where s.request_id = r.id)
                order by r.id limit ?
                """)
                .params(after, limit)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    List<RequestFact> facts(UUID requestId) {
        return jdbc.sql("select * from stats_request where request_id = ? for update").param(requestId).query(FactStore::fact).list();
    }

    void save(RequestFact f, Instant now) {
        jdbc.sql("""
                insert into stats_request (request_id, direction, own_state, partner_state, instrument_id, request_type, urgency, categories,
                    outcome, refusal_ground, period, submitted_at, acknowledged_at, decided_at, executed_at, ack_met, decide_met, execute_met,
                    next_deadline_at, preservation_status, preserved_until, follow_up, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (request_id, direction) do update set own_state = excluded.own_state, partner_state = excluded.partner_state,
                    instrument_id = excluded.instrument_id, request_type = excluded.request_type, urgency = excluded.urgency,
                    categories = excluded.categories, outcome = excluded.outcome, refusal_ground = excluded.refusal_ground,
                    period = excluded.period, submitted_at = excluded.submitted_at, acknowledged_at = excluded.acknowledged_at,
                    decided_at = excluded.decided_at, executed_at = excluded.executed_at, ack_met = excluded.ack_met,
                    decide_met = excluded.decide_met, execute_met = excluded.execute_met, next_deadline_at = excluded.next_deadline_at,
                    preservation_status = excluded.preservation_status, preserved_until = excluded.preserved_until,
                    follow_up = excluded.follow_up, updated_at = excluded.updated_at
                """)
                .params(f.requestId(), f.direction().name(), f.ownState(), f.partnerState(), f.instrument(), f.requestType(), f.urgency(),
                        (short) f.categories(), f.outcome().name(), f.refusalGround(), f.period(), ts(f.submittedAt()), ts(f.acknowledgedAt()),
                        ts(f.decidedAt()), ts(f.executedAt()), f.ackMet(), f.decideMet(), f.executeMet(), ts(f.nextDeadlineAt()),
                        f.preservationStatus(), ts(f.preservedUntil()), f.followUp(), ts(now))
                .update();
    }

    void delete(UUID requestId, Direction direction) {
        jdbc.sql("delete from stats_request where request_id = ? and direction = ?").params(requestId, direction.name()).update();
    }

    /**
     * Rollup changes summed over many facts before they are written: facts of one month, partner and
     * kind share cells, so a batch of requests touches each cell once instead of once per request.
     */
    static final class Contributions {
        private final Map<List<Object>, int[]> rollup = new TreeMap<>(KEY_ORDER);
        private final Map<List<Object>, Integer> durations = new TreeMap<>(KEY_ORDER);
        private final Map<List<Object>, Integer> monthly = new TreeMap<>(KEY_ORDER);
        private final Map<List<Object>, Integer> byDimension = new TreeMap<>(KEY_ORDER);

        void move(RequestFact before, RequestFact after) {
            contribute(before, -1, rollup, durations, monthly, byDimension);
            contribute(after, +1, rollup, durations, monthly, byDimension);
        }
    }

    /** Writes the summed changes, each table's cells in one sorted order (no deadlock between two writers). */
    void apply(Contributions c) {
        c.rollup.values().removeIf(v -> java.util.Arrays.stream(v).allMatch(x -> x == 0));
        c.durations.values().removeIf(v -> v == 0);
        c.monthly.values().removeIf(v -> v == 0);
        c.byDimension.values().removeIf(v -> v == 0);
        if (!c.rollup.isEmpty()) {
            upsertRollup(c.rollup);
        }
        if (!c.durations.isEmpty()) {
            upsertDurations(c.durations);
        }
        if (!c.monthly.isEmpty()) {
            upsertMonthly(c.monthly);
        }
        if (!c.byDimension.isEmpty()) {
            upsertByDimension(c.byDimension);
        }
    }

    /** Marks a request's facts as due to be derived again; cheap, and in the change's transaction. */
    void queue(UUID requestId) {
        jdbc.sql("insert into stats_pending (request_id) values (?)").param(requestId).update();
    }

    /**
     * Takes up to {@code limit} queue rows, oldest first, for this transaction; the rows are gone only
     * if it commits. The timer skips rows another drainer holds; a reader waits for them, so that the
     * figures it reads next include that drainer's work. Returns each request once, in one order.
     */
    List<UUID> claimPending(int limit, boolean waitForOthers) {
        return jdbc.sql("delete from stats_pending where id in (select id from stats_pending order by id limit ? for update"
                        + (waitForOthers ? "" : " skip locked") + ") returning request_id")
                .param(limit)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list().stream().distinct().sorted().toList(); // one lock order for every drainer
    }

    boolean anyPending() {
        return jdbc.sql("select exists (select 1 from stats_pending)").query(Boolean.class).single();
    }

    /** The timelines of several requests in one query, each in sequence order. */
    Map<UUID, List<RequestEvent>> timelines(List<UUID> requestIds) {
        Map<UUID, List<RequestEvent>> out = new java.util.HashMap<>();
        jdbc.sql("select request_id, id, seq, type, at, reason, payload from request_event where request_id = any(?) order by request_id, seq")
                .param(requestIds.toArray(UUID[]::new))
                .query(rs -> {
                    out.computeIfAbsent(rs.getObject("request_id", UUID.class), k -> new ArrayList<>()).add(event(rs));
                });
        return out;
    }

    private static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = String.valueOf(a.get(i)).compareTo(String.valueOf(b.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private static void contribute(RequestFact f, int sign, Map<List<Object>, int[]> rollup, Map<List<Object>, Integer> durations,
            Map<List<Object>, Integer> monthly, Map<List<Object>, Integer> byDimension) {
        if (f == null) {
            return;
        }
        List<Object> key = List.of(f.ownState(), f.direction().name(), f.period(), f.partnerState(), f.instrument(), f.requestType(),
                f.urgency(), f.categories(), f.outcome().name(), f.refusalGround(), shard(f));
        int[] v = rollup.computeIfAbsent(key, k -> new int[ROLLUP_VALUES.length]);
        v[0] += sign;
        v[1] += f.acknowledgedAt() != null ? sign : 0;
        v[2] += Boolean.TRUE.equals(f.ackMet()) ? sign : 0;
        v[3] += Boolean.FALSE.equals(f.ackMet()) ? sign : 0;
        v[4] += f.decidedAt() != null ? sign : 0;
        v[5] += Boolean.TRUE.equals(f.decideMet()) ? sign : 0;
        v[6] += Boolean.FALSE.equals(f.decideMet()) ? sign : 0;
        v[7] += f.executedAt() != null ? sign : 0;
        v[8] += Boolean.TRUE.equals(f.executeMet()) ? sign : 0;
        v[9] += Boolean.FALSE.equals(f.executeMet()) ? sign : 0;
        for (Measure m : Measure.values()) {
            java.time.Duration d = f.time(m);
            if (d != null) {
                List<Object> dk = List.of(f.ownState(), f.direction().name(), f.period(), f.partnerState(), f.instrument(), f.requestType(),
                        m.name(), DurationBuckets.bucket(d), shard(f));
                durations.merge(dk, sign, Integer::sum);
                monthly.merge(List.of(f.ownState(), f.direction().name(), f.period(), m.name(), DurationBuckets.bucket(d), shard(f)), sign,
                        Integer::sum);
                for (String[] dim : new String[][] {{"PARTNER", f.partnerState()}, {"INSTRUMENT", f.instrument()}, {"TYPE", f.requestType()}}) {
                    byDimension.merge(List.of(f.ownState(), dim[0], dim[1], f.direction().name(), f.period(), m.name(), DurationBuckets.bucket(d),
                            shard(f)), sign, Integer::sum);
                }
            }
        }
    }

    static int shard(RequestFact f) {
        return Math.floorMod(f.requestId().hashCode(), SHARDS);
    }

    private void upsertRollup(Map<List<Object>, int[]> cells) {
        String keys = String.join(", ", ROLLUP_KEY);
        String values = String.join(", ", ROLLUP_VALUES);
        StringBuilder set = new StringBuilder();
        for (String v : ROLLUP_VALUES) {
            set.append(set.isEmpty() ? "" : ", ").append(v).append(" = stats_rollup.").append(v).append(" + excluded.").append(v);
        }
        String sql = "insert into stats_rollup (" + keys + ", " + values + ") values (" + "?, ".repeat(ROLLUP_KEY.length + ROLLUP_VALUES.length - 1)
                + "?) on conflict (" + keys + ") do update set " + set;
        List<Map.Entry<List<Object>, int[]>> rows = new ArrayList<>(cells.entrySet());
        batch.batchUpdate(sql, rows, rows.size(), (ps, e) -> {
            int i = 1;
            for (Object k : e.getKey()) {
                setKey(ps, i++, k);
            }
            for (int v : e.getValue()) {
                ps.setInt(i++, v);
            }
        });
    }

    private void upsertDurations(Map<List<Object>, Integer> cells) {
        List<Map.Entry<List<Object>, Integer>> rows = new ArrayList<>(cells.entrySet());
        batch.batchUpdate("""
                insert into stats_duration (own_state, direction, period, partner_state, instrument_id, request_type, measure, bucket, shard, n)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (own_state, direction, period, partner_state, instrument_id, request_type, measure, bucket, shard)
                do update set n = stats_duration.n + excluded.n
                """, rows, rows.size(), (ps, e) -> {
                    int i = 1;
                    for (Object k : e.getKey()) {
                        setKey(ps, i++, k);
                    }
                    ps.setInt(i, e.getValue());
                });
    }

    private void upsertMonthly(Map<List<Object>, Integer> cells) {
        List<Map.Entry<List<Object>, Integer>> rows = new ArrayList<>(cells.entrySet());
        batch.batchUpdate("""
                insert into stats_duration_month (own_state, direction, period, measure, bucket, shard, n) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (own_state, direction, period, measure, bucket, shard) do update set n = stats_duration_month.n + excluded.n
                """, rows, rows.size(), (ps, e) -> {
                    int i = 1;
                    for (Object k : e.getKey()) {
                        setKey(ps, i++, k);
                    }
                    ps.setInt(i, e.getValue());
                });
    }

    private void upsertByDimension(Map<List<Object>, Integer> cells) {
        List<Map.Entry<List<Object>, Integer>> rows = new ArrayList<>(cells.entrySet());
        batch.batchUpdate("""
                insert into stats_duration_by (own_state, dimension, value, direction, period, measure, bucket, shard, n)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (own_state, dimension, value, direction, period, measure, bucket, shard) do update set n = stats_duration_by.n + excluded.n
                """, rows, rows.size(), (ps, e) -> {
                    int i = 1;
                    for (Object k : e.getKey()) {
                        setKey(ps, i++, k);
                    }
                    ps.setInt(i, e.getValue());
                });
    }

    private static void setKey(java.sql.PreparedStatement ps, int i, Object k) throws SQLException {
        switch (k) {
            case LocalDate d -> ps.setObject(i, d);
            case Integer n -> ps.setShort(i, n.shortValue());
            case String s -> ps.setString(i, s);
            default -> ps.setNull(i, Types.VARCHAR);
        }
    }

    static RequestFact fact(ResultSet rs, int n) throws SQLException {
        return new RequestFact(rs.getObject("request_id", UUID.class), Direction.valueOf(rs.getString("direction")), rs.getString("own_state"),
                rs.getString("partner_state"), rs.getString("instrument_id"), rs.getString("request_type"), rs.getString("urgency"),
                rs.getShort("categories"), Outcome.valueOf(rs.getString("outcome")), rs.getString("refusal_ground"),
                rs.getObject("period", LocalDate.class), instant(rs, "submitted_at"), instant(rs, "acknowledged_at"), instant(rs, "decided_at"),
                instant(rs, "executed_at"), bool(rs, "ack_met"), bool(rs, "decide_met"), bool(rs, "execute_met"), instant(rs, "next_deadline_at"),
                rs.getString("preservation_status"), instant(rs, "preserved_until"), rs.getBoolean("follow_up"));
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean b = rs.getBoolean(column);
        return rs.wasNull() ? null : b;
    }
}
