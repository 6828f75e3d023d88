package org.comity.node.exchange.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Role;
import org.comity.node.request.Requests;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The exchange as administrators and request holders see it: queue, dead letters, refusals, and a request's transmissions. */
@Service
class ExchangeAdmin {

    private final TransmissionStore store;
    private final Requests requests;
    private final AuditTrail audit;
    private final DeliveryWorker worker;
    private final Inbox inbox;
    private final Clock clock;
    private final ComityProperties properties;

    ExchangeAdmin(TransmissionStore store, Requests requests, AuditTrail audit, DeliveryWorker worker, Inbox inbox, Clock clock,
            ComityProperties properties) {
        this.inbox = inbox;
        this.store = store;
        this.requests = requests;
        this.audit = audit;
        this.worker = worker;
        this.clock = clock;
        this.properties = properties;
    }

    record Overview(Map<String, Long> counts, List<TransmissionStore.Outbound> dead, List<TransmissionStore.Outbound> pending,
            List<TransmissionStore.Stalled> stalled, List<TransmissionStore.Gap> gaps, List<TransmissionStore.Rejection> rejections) {}

    @Transactional(readOnly = true)
    Overview overview(Actor actor) {
        requireAdmin(actor);
        return new Overview(store.counts(), store.outbound("DEAD", 200), store.outbound("PENDING", 200), store.stalled(100),
                store.gaps(100), store.rejections(100, 20));
    }

    @Transactional(readOnly = true)
    java.util.Map<String, Long> backlog(Actor actor) {
        requireAdmin(actor);
        return store.backlog();
    }

    @Transactional
    void retry(Actor actor, UUID id) {
        requireAdmin(actor);
        // Envelopes older than the replay window less a day would be refused as stale: those are sealed anew.
        if (!store.retry(id, clock.instant(), properties.exchange().replayWindow().minusDays(1))) {
            throw ComityException.notFound("Dead letter");
        }
        audit.success(actor, "exchange.retry", "outbox-message", id);
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        worker.wake();
                    }
                });
    }

    /** Applies a stalled incoming message (and what waits behind it) again; audited with the outcome. */
    int reapply(Actor actor, UUID message) {
        requireAdmin(actor);
        TransmissionStore.Stalled stalled = store.stalledMessage(message).orElseThrow(() -> ComityException.notFound("Stalled message"));
        int applied;
        try {
            applied = inbox.reapply(stalled.sender(), stalled.conversation());
        } catch (RuntimeException e) {
            audit.record(actor, "exchange.reapply", "inbox-message", message.toString(), AuditTrail.Outcome.FAILED,
                    Map.of("applied", 0, "from", stalled.sender(), "error", String.valueOf(e.getMessage())));
            throw e;
        }
        audit.record(actor, "exchange.reapply", "inbox-message", message.toString(),
                applied > 0 ? AuditTrail.Outcome.SUCCESS : AuditTrail.Outcome.FAILED, Map.of("applied", applied, "from", stalled.sender()));
        return applied;
    }

    /** A request's messages with their proofs, for those who may read the request (else 404). Audited. */
    @Transactional
    List<TransmissionStore.Transmission> transmissions(Actor actor, UUID request) {
        String reference = requests.referenceOf(actor, request).orElseThrow(() -> ComityException.notFound("Request"));
        audit.success(actor, "request.transmissions.read", "request", request, Map.of("reference", reference));
        return store.forRequest(request);
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.has(Role.ADMIN)) {
            throw ComityException.forbidden("Only administrators see the exchange queues.");
        }
    }
}
