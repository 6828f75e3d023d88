package org.comity.node.stats.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the facts and rollups current: on every {@link RequestEventsAppended}, inside the change's
 * transaction (so a change that rolls back leaves the figures as they were), the request's facts are
 * derived again from its timeline and the rollups moved from the old fact to the new. At start, the
 * requests submitted before statistics existed are backfilled, a batch per transaction.
 */
@Component
class FactMaintainer {

    private static final Logger LOG = LoggerFactory.getLogger(FactMaintainer.class);
    private static final int BACKFILL_BATCH = 500;

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
            refresh(appended.requestId());
        }
    }

    /** Derives the request's facts again and moves the rollups; the caller's transaction holds it all. */
    void refresh(UUID requestId) {
        FactStore.Parties parties = store.parties(requestId).orElse(null);
        if (parties == null) {
            return;
        }
        Instrument instrument = instruments.find(parties.instrument()).orElse(null);
        List<RequestFact> before = store.facts(requestId); // locks the request's fact rows
        List<RequestEvent> timeline = store.timeline(requestId);
        Instant now = clock.instant();
        for (RequestFact.Side side : parties.sides()) {
            RequestFact old = before.stream().filter(f -> f.direction() == side.direction()).findFirst().orElse(null);
            RequestFact fact = instrument == null ? null : RequestFact.derive(requestId, side, instrument, timeline, now);
            if (fact != null) {
                store.save(fact, now);
            } else if (old != null) {
                store.delete(requestId, side.direction());
            }
            store.moveContribution(old, fact);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void backfill() {
        int done = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            UUID from = after;
            List<UUID> ids = tx.execute(s -> {
                List<UUID> batch = store.withoutFacts(from, BACKFILL_BATCH);
                batch.forEach(this::refresh);
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
