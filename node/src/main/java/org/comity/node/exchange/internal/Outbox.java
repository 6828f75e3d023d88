package org.comity.node.exchange.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Ids;
import org.comity.node.platform.Sql;
import org.comity.node.request.EventType;
import org.comity.node.request.ProposalRefused;
import org.comity.node.request.RemoteFile;
import org.comity.node.request.Replication;
import org.comity.node.request.RequestActionProposed;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.RequestEventsAppended;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues, in the transaction that changed a request, the messages the other side's node must
 * receive (ARCHITECTURE.md section 6: transactional outbox). Which messages follows from who orders
 * the timeline ({@link Replication}): the requesting node sends the submission and then only
 * proposals; the requested node sends back every event it records except the submission itself.
 * Each message gets the next sequence number of its conversation (request) towards that peer.
 */
@Component
class Outbox {

    static final String SUBMITTED = "request.submitted";
    static final String EVENT = "request.event";
    static final String PROPOSAL = "request.proposal";
    static final String PROPOSAL_REFUSED = "request.proposal-refused";

    private final JdbcClient jdbc;
    private final Directory directory;
    private final Replication replication;
    private final DeliveryWorker worker;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Directory directory, Replication replication, DeliveryWorker worker, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.replication = replication;
        this.worker = worker;
        this.clock = clock;
    }

    @EventListener
    void on(RequestEventsAppended appended) {
        if (appended.requestedAuthority() == null || appended.requestingAuthorityLocal() == appended.requestedAuthorityLocal()) {
            return; // a draft, or both sides on this node (or neither, which cannot happen)
        }
        UUID id = appended.requestId();
        if (appended.requestingAuthorityLocal()) {
            for (RequestEvent event : appended.events()) {
                if (event.type() == EventType.SUBMITTED) {
                    enqueue(id, nodeOf(appended.requestedAuthority()), SUBMITTED, Map.of("submission", Wire.map(replication.submission(id, event))),
                            List.of(event.id()));
                }
            }
            return;
        }
        String peer = nodeOf(appended.requestingAuthority());
        for (RequestEvent event : appended.events()) {
            if (event.type() == EventType.SUBMITTED) {
                continue; // it came from there
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("request", id.toString());
            payload.put("event", Wire.map(event));
            if (event.type() == EventType.ATTACHMENT_ADDED) {
                RemoteFile file = replication.file(id, event.details().attachment())
                        .orElseThrow(() -> new IllegalStateException("attachment " + event.details().attachment() + " is missing"));
                payload.put("file", Wire.map(file));
            }
            enqueue(id, peer, EVENT, payload, List.of(event.id()));
        }
    }

    @EventListener
    void on(RequestActionProposed proposed) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("request", proposed.requestId().toString());
        payload.put("proposal", Wire.map(proposed.proposal()));
        if (proposed.file() != null) {
            RemoteFile file = replication.file(proposed.requestId(), proposed.file().info().id()).orElseThrow();
            payload.put("file", Wire.map(file));
        }
        enqueue(proposed.requestId(), nodeOf(proposed.requestedAuthority()), PROPOSAL, payload, List.of(proposed.proposal().id()));
    }

    @EventListener
    void on(ProposalRefused refused) {
        enqueue(refused.requestId(), nodeOf(refused.requestingAuthority()), PROPOSAL_REFUSED,
                Map.of("request", refused.requestId().toString(), "proposal", refused.proposalId().toString(), "reason", refused.reason()),
                List.of());
    }

    private String nodeOf(UUID authority) {
        return directory.authority(authority).map(Authority::nodeId).orElseThrow();
    }

    private void enqueue(UUID request, String peer, String type, Map<String, Object> payload, List<UUID> events) {
        // The conversation's next number, its row created with the first (and locked until the commit either way).
        long seq = jdbc.sql("""
                insert into conversation (request_id, peer, last_sent) values (?, ?, 1)
                on conflict (request_id, peer) do update set last_sent = conversation.last_sent + 1
                returning last_sent
                """)
                .params(request, peer).query(Long.class).single();
        UUID id = Ids.newId(clock);
        jdbc.sql("""
                insert into outbox_message (id, message_id, request_id, destination, type, seq, payload, event_ids, created_at, next_attempt_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                """)
                .params(id, id, request, peer, type, seq, Wire.json(payload), events.toArray(UUID[]::new),
                        Sql.ts(clock.instant()), Sql.ts(clock.instant()))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        }
    }
}
