package org.comity.node.stats.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.node.request.EventType;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.RequestEventsAppended;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the facts and rollups current. On every {@link RequestEventsAppended}, inside the change's
 * transaction (so a change that rolls back queues nothing), the request is queued in
 * {@code stats_pending}: one cheap insert on the request's hot path. The queue is drained in batches,
 * a transaction each, every {@code comity.statistics.catch-up-interval} and before any figure is
 * read: each queued request's facts are derived again from its whole timeline and the rollups moved
 * from the old facts to the new, with the changes of the whole batch summed per cell. A reader
 * therefore never sees figures older than the changes committed before its read. At start, the
 * requests submitted before statistics existed are backfilled, a batch per transaction.
 */
@Component
class FactMaintainer {

    private static final Logger LOG = LoggerFactory.getLogger(FactMaintainer.class);
    private static final int BACKFILL_BATCH = 500;
    private static final int BATCH = 500;

    private final FactStore store;
    private final Instruments instruments;
    private final Clock clock;
    private final TransactionTemplate tx;

    FactMaintainer(FactStore store, Instruments instruments, Clock clock, TransactionTemplate tx) {
        this.store = store;
        this.instruments = instruments;
        this.clock = clock;
        this.tx = tx;
    }

    @EventListener
    void on(RequestEventsAppended appended) {
        boolean draftOnly = appended.events().stream()
                .allMatch(e -> e.type() == EventType.CREATED || e.type() == EventType.EDITED);
        if (!draftOnly) {
            store.queue(appended.requestId());
        }
    }

    /** Drains the queue on a timer, so figures stay current even when nobody reads them. */
    @Scheduled(fixedDelayString = "${comity.statistics.catch-up-interval:PT0.5S}", initialDelayString = "PT2S")
    void drainOnTimer() {
        try {
            drain(false);
        } catch (RuntimeException e) {
            LOG.warn("Statistics: could not derive queued facts; the queue is kept and retried: {}", e.toString());
        }
    }

    /**
     * Before figures are read: derives the facts of every queued request, a batch per transaction,
     * waiting for a drainer already at work; returns how many.
     */
    int catchUp() {
        return drain(true);
    }

    private int drain(boolean waitForOthers) {
        if (!store.anyPending()) {
            return 0;
        }
        int done = 0;
        while (true) {
            Integer n = tx.execute(s -> {
                List<UUID> ids = store.claimPending(BATCH, waitForOthers);
                refresh(ids);
                return ids.size();
            });
            if (n == null || n == 0) {
                return done;
            }
            done += n;
        }
    }

    /** Derives one request's facts again and moves the rollups; the caller's transaction holds it all. */
    void refresh(UUID requestId) {
        refresh(List.of(requestId));
    }

    private void refresh(List<UUID> requestIds) {
        if (requestIds.isEmpty()) {
            return;
        }
        Map<UUID, List<RequestEvent>> timelines = store.timelines(requestIds);
        FactStore.Contributions changes = new FactStore.Contributions();
        Instant now = clock.instant();
        for (UUID requestId : requestIds) {
            FactStore.Parties parties = store.parties(requestId).orElse(null);
            if (parties == null) {
                continue;
            }
            Instrument instrument = instruments.find(parties.instrument()).orElse(null);
            List<RequestFact> before = store.facts(requestId); // locks the request's fact rows
            List<RequestEvent> timeline = timelines.getOrDefault(requestId, List.of());
            for (RequestFact.Side side : parties.sides()) {
                RequestFact old = before.stream().filter(f -> f.direction() == side.direction()).findFirst().orElse(null);
                RequestFact fact = instrument == null ? null : RequestFact.derive(requestId, side, instrument, timeline, now);
                if (fact != null) {
                    store.save(fact, now);
                } else if (old != null) {
                    store.delete(requestId, side.direction());
                }
                changes.move(old, fact);
            }
        }
        store.apply(changes);
    }

    @EventListener(ApplicationReadyEvent.class)
    void backfill() {
        int done = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            UUID from = after;
            List<UUID> ids = tx.execute(s -> {
                List<UUID> batch = store.withoutFacts(from, BACKFILL_BATCH);
                refresh(batch);
                return batch;
            });
            if (ids == null || ids.isEmpty()) {
                break;
            }
            done += ids.size();
            after = ids.getLast();
        }
        if (done > 0) {
            LOG.info("Statistics: derived the facts of {} requests submitted before they were kept", done);
        }
    }
}
