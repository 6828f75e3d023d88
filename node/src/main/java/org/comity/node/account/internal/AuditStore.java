package org.comity.node.account.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.node.account.AuditEntry;
import org.comity.node.account.AuditQuery;
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

    AuditStore(JdbcClient jdbc, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public void record(Actor actor, String action, String targetType, String targetId, Outcome outcome, Map<String, ?> detail) {
        jdbc.sql("""
                insert into audit_event (at, actor_user_id, actor_name, authority_id, action, target_type, target_id, outcome, detail, client)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                """)
                .params(ts(clock.instant()), actor.userId(), actor.username(), actor.authorityId(), action,
                        targetType, targetId, outcome.name(), json.writeValueAsString(detail), MDC.get(CLIENT))
                .update();
    }

    /** Failed sign-ins have no actor yet: recorded under the name that was tried. */
    void anonymous(String attemptedName, String action, Outcome outcome, Map<String, ?> detail) {
        jdbc.sql("""
                insert into audit_event (at, actor_name, action, target_type, target_id, outcome, detail, client)
                values (?, ?, ?, 'user', ?, ?, ?::jsonb, ?)
                """)
                .params(ts(clock.instant()), "anonymous", action, attemptedName, outcome.name(),
                        json.writeValueAsString(detail), MDC.get(CLIENT))
                .update();
    }

    /**
     * One page of the trail, newest first, limited to what one authority's people did when
     * {@code authority} is given (an auditor's view), or the whole node's when it is null (an
     * administrator's). Reads one row more than the page to know whether another follows.
     */
    List<AuditEntry> search(UUID authority, AuditQuery query) {
        StringBuilder where = new StringBuilder("where true");
        List<Object> params = new ArrayList<>();
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
        params.add(query.size() + 1);
        params.add((long) query.page() * query.size());
        return jdbc.sql("select id, at, actor_name, authority_id, action, target_type, target_id, outcome, detail::text as detail, client "
                        + "from audit_event " + where + " order by id desc limit ? offset ?")
                .params(params)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("actor_name"),
                        rs.getObject("authority_id", UUID.class), rs.getString("action"), rs.getString("target_type"),
                        rs.getString("target_id"), rs.getString("outcome"), rs.getString("detail"), rs.getString("client")))
                .list();
    }
}
