package org.comity.node.exchange.internal;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Ids;
import org.comity.node.platform.Sql;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.RequestEventsAppended;
import org.comity.node.request.RequestStatus;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues, in the transaction that changed a request, one message per event for the other side's
 * node when that side is not hosted here (ARCHITECTURE.md section 6: transactional outbox). Drafts
 * never leave the node; the messages name the event, which the delivery worker (with the exchange
 * between nodes) reads, wraps in an envelope and sends.
 */
@Component
class Outbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final Directory directory;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Directory directory, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.clock = clock;
    }

    @EventListener
    void on(RequestEventsAppended appended) {
        if (appended.status() == RequestStatus.DRAFT) {
            return; // drafts never leave the node
        }
        UUID remote = !appended.requestedAuthorityLocal() ? appended.requestedAuthority()
                : !appended.requestingAuthorityLocal() ? appended.requestingAuthority() : null;
        if (remote == null) {
            return;
        }
        Authority other = directory.authority(remote).orElseThrow();
        for (RequestEvent event : appended.events()) {
            jdbc.sql("""
                    insert into outbox_message (id, request_id, destination, type, payload, created_at, next_attempt_at)
                    values (?, ?, ?, ?, ?::jsonb, ?, ?)
                    """)
                    .params(Ids.newId(clock), appended.requestId(), other.nodeId(), "request-event",
                            JSON.writeValueAsString(Map.of("request", appended.requestId().toString(), "seq", event.seq(), "type", event.type().name())),
                            Sql.ts(clock.instant()), Sql.ts(clock.instant()))
                    .update();
        }
    }
}
