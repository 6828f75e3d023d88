package org.comity.node.account.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.node.account.AuditEntry;
import org.comity.node.account.AuditQuery;
import org.comity.node.ledger.CustodyLedger;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.Sql;
import static org.comity.node.platform.Sql.ts;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The audit trail in PostgreSQL: append-only (rules forbid update and delete). */
@Repository
class AuditStore implements AuditTrail {

    /** The MDC key under which the web layer puts the client's address for the current request. */
    static final String CLIENT = "client";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json;
    private final CustodyLedger ledger;

    AuditStore(JdbcClient jdbc, Clock clock, JsonMapper json, CustodyLedger ledger) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
        this.ledger = ledger;
    }

    /**
     * Records the event and queues it in the custody ledger, in the caller's transaction (or one of
     * its own): the trail in PostgreSQL is for reading, the ledger proves it was never rewritten.
     */
    @Override
    @org.springframework.transaction.annotation.Transactional
    public void record(Actor actor, String action, String targetType, String targetId, Outcome outcome, Map<String, ?> detail) {
        java.time.Instant at = clock.instant();
        String detailJson = json.writeValueAsString(detail);
        String client = MDC.get(CLIENT);
        long id = jdbc.sql("""
                insert into audit_event (at, actor_user_id, actor_name, authority_id, action, target_type, target_id, outcome, detail, client)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                returning id
                """)
                .params(ts(at), actor.userId(), actor.username(), actor.authorityId(), action,
                        targetType, targetId, outcome.name(), detailJson, client)
                .query(Long.class).single();
        ledger.append("audit:" + id, CustodyLedger.AUDIT, entry(id, at, actor.userId(), actor.username(), actor.authorityId(), action,
                targetType, targetId, outcome, detailJson, client));
    }

    /** The ledger entry of an audit event: its fields as canonical JSON (docs/formats/ledger.md, "Entries"). */
    static byte[] entry(long id, java.time.Instant at, UUID userId, String actorName, UUID authorityId, String action, String targetType,
            String targetId, Outcome outcome, String detailJson, String client) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("schema", "comity.audit-event/1");
        e.put("id", Long.toString(id));
        e.put("at", at.toString());
        Map<String, Object> who = new java.util.LinkedHashMap<>();
        who.put("name", actorName);
        if (userId != null) {
            who.put("user", userId.toString());
        }
        if (authorityId != null) {
            who.put("authority", authorityId.toString());
        }
        e.put("actor", who);
        e.put("action", action);
        if (targetType != null) {
            e.put("target", targetId == null ? Map.of("type", targetType) : Map.of("type", targetType, "id", targetId));
        }
        e.put("outcome", outcome.name());
        e.put("detail", org.comity.custody.json.Json.parse(detailJson, 1 << 20));
        if (client != null) {
            e.put("client", client);
        }
        byte[] bytes = org.comity.custody.json.CanonicalJson.bytes(e);
        if (bytes.length > org.comity.custody.tiles.Tiles.MAX_ENTRY_BYTES) {
            // A detail this large is never written by Comity; keep the entry within a tile's bound and say so.
            e.put("detail", Map.of("truncated", true, "sha256", org.comity.node.platform.Sha256.hex(detailJson.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            bytes = org.comity.custody.json.CanonicalJson.bytes(e);
        }
        return bytes;
    }

    /** Failed sign-ins have no actor yet: recorded under the name that was tried. */
    @org.springframework.transaction.annotation.Transactional
    void anonymous(String attemptedName, String action, Outcome outcome, Map<String, ?> detail) {
        java.time.Instant at = clock.instant();
        String detailJson = json.writeValueAsString(detail);
        String client = MDC.get(CLIENT);
        long id = jdbc.sql("""
                insert into audit_event (at, actor_name, action, target_type, target_id, outcome, detail, client)
                values (?, ?, ?, 'user', ?, ?, ?::jsonb, ?)
                returning id
                """)
                .params(ts(at), "anonymous", action, attemptedName, outcome.name(), detailJson, client)
                .query(Long.class).single();
        ledger.append("audit:" + id, CustodyLedger.AUDIT, entry(id, at, null, "anonymous", null, action, "user", attemptedName, outcome,
                detailJson, client));
    }

    /**
     * One page of the trail, newest first, limited to what one authority's people did when
     * {@code authority} is given (an auditor's view), or the whole node's when it is null (an
     * administrator's). Reads one row more than the page to know whether another follows.
     */
    List<AuditEntry> search(UUID authority, AuditQuery query) {
        List<Object> params = new ArrayList<>();
        String where = where(authority, query, params);
        params.add(query.size() + 1);
        params.add((long) query.page() * query.size());
        return jdbc.sql(SELECT + where + " order by id desc limit ? offset ?")
                .params(params)
                .query(AuditStore::entry)
                .list();
    }

    /**
     * Every entry that matches, newest first, handed over one at a time from a cursor (the caller's
     * transaction keeps it open), so an export of the whole trail holds a few hundred rows at most.
     * Paging in {@code query} is ignored.
     */
    void each(UUID authority, AuditQuery query, java.util.function.Consumer<AuditEntry> sink) {
        List<Object> params = new ArrayList<>();
        String where = where(authority, query, params);
        jdbc.sql(SELECT + where + " order by id desc")
                .withFetchSize(500)
                .params(params)
                .query(rs -> {
                    sink.accept(entry(rs, 0));
                });
    }

    private static final String SELECT = "select id, at, actor_name, authority_id, action, target_type, target_id, outcome, detail::text as detail, client "
            + "from audit_event ";

    private static String where(UUID authority, AuditQuery query, List<Object> params) {
        StringBuilder where = new StringBuilder("where true");
        if (authority != null) {
            where.append(" and authority_id = ?");
            params.add(authority);
        }
        if (query.actor() != null) {
            where.append(" and actor_name = ?");
            params.add(query.actor());
        }
        if (query.action() != null) {
            where.append(" and action like ? escape '\\'");
            params.add(query.action().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.target() != null) {
            where.append(" and target_id = ?");
            params.add(query.target());
        }
        if (query.outcome() != null) {
            where.append(" and outcome = ?");
            params.add(query.outcome().name());
        }
        if (query.from() != null) {
            where.append(" and at >= ?");
            params.add(ts(query.from()));
        }
        if (query.until() != null) {
            where.append(" and at < ?");
            params.add(ts(query.until()));
        }
        return where.toString();
    }

    private static AuditEntry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new AuditEntry(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("actor_name"), rs.getObject("authority_id", UUID.class),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("outcome"), rs.getString("detail"),
                rs.getString("client"));
    }
}
