package org.comity.node.request.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.node.platform.ComityProperties;
import org.comity.node.request.Action;
import org.comity.node.request.Command;
import org.comity.node.request.Deadline;
import org.comity.node.request.DeadlineStatus;
import org.comity.node.request.EventActor;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.comity.node.request.LegalClock;
import org.comity.node.request.Lifecycle;
import org.comity.node.request.Party;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.RequestState;
import org.comity.node.request.RequestSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The legal clock's alarm: at a fixed cadence it takes the requests whose deadlines change level
 * by now (claimed with SKIP LOCKED, so several instances share the work), raises a "due soon" or
 * "overdue" alert once per deadline and level, lets a lapsed preservation expire, and works out
 * when to look at the request again.
 */
@Component
class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final int BATCH = 200;

    private final RequestStore store;
    private final RequestService requests;
    private final Instruments instruments;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ComityProperties properties;

    private final org.springframework.context.ApplicationEventPublisher publisher;

    DeadlineWatch(RequestStore store, RequestService requests, Instruments instruments, TransactionTemplate transactions, Clock clock,
            ComityProperties properties, org.springframework.context.ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.store = store;
        this.requests = requests;
        this.instruments = instruments;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${comity.deadlines.scan-interval:PT1M}", initialDelayString = "PT5S")
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.error("The deadline watch failed; it will try again at its next run", e);
        }
    }

    /** One pass over everything due; returns how many alerts it raised. */
    int runOnce() {
        int raised = 0;
        while (true) {
            Integer batch = transactions.execute(tx -> pass());
            if (batch == null || batch < 0) {
                return raised;
            }
            raised += batch;
        }
    }

    /** Handles one batch in one transaction; -1 when nothing was due. */
    private int pass() {
        Instant now = clock.instant();
        List<UUID> due = store.claimDue(now, BATCH);
        if (due.isEmpty()) {
            return -1;
        }
        int raised = 0;
        for (UUID id : due) {
            raised += watch(id, now);
        }
        return raised;
    }

    private int watch(UUID id, Instant now) {
        RequestRow row = store.find(id, false).orElseThrow();
        RequestSummary s = row.summary();
        List<RequestEvent> events = store.events(id);
        Instrument instrument = instruments.find(s.instrument()).orElseThrow();
        int raised = 0;
        for (Deadline d : LegalClock.deadlines(instrument, events, now)) {
            if (d.status() == DeadlineStatus.DUE_SOON || d.status() == DeadlineStatus.OVERDUE) {
                java.util.UUID authority = d.party() == Party.REQUESTING ? s.requestingAuthority()
                        : s.executingAuthority() != null ? s.executingAuthority() : s.requestedAuthority();
                if (store.raiseAlert(id, d.kind().name(), d.status().name(), d.dueAt(), now, authority)) {
                    raised++;
                    publisher.publishEvent(new org.comity.node.request.DeadlineAlertRaised(id, s.reference(), s.title(), s.urgency(), d.kind(),
                            d.status(), d.dueAt(), authority));
                    log.info("Deadline {} of request {} is {}", d.kind(), s.reference(), d.status());
                }
            }
        }
        RequestState state = Lifecycle.replay(events);
        List<RequestEvent> appended = new ArrayList<>();
        RequestService.Checked parties = requests.partiesOf(state.document());
        if (RequestService.sequencedHere(parties, state) && state.preservation().active() && state.preservation().followUp() == null
                && !now.isBefore(state.preservation().until())) {
            // The preservation ran out with no extension and no follow-up request; the node that orders the timeline records it.
            Command expire = Command.of(Action.EXPIRE_PRESERVATION, null, EventActor.node(properties.node().id()),
                    "The preservation period ended without an extension or a follow-up request.");
            appended.addAll(Lifecycle.decide(state, instrument, expire, clock));
        }
        // Re-deriving the projection also moves next_alert_at past the level just alerted.
        requests.commit(null, id, s.version(), state, events, appended, parties, "request.deadline", Map.of());
        return raised;
    }
}
