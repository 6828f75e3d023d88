package org.comity.node.account.internal;

import java.time.Clock;
import java.util.Map;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
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
}
