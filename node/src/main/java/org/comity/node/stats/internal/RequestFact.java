package org.comity.node.stats.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.comity.node.request.DataCategory;
import org.comity.node.request.Deadline;
import org.comity.node.request.DeadlineStatus;
import org.comity.node.request.EventType;
import org.comity.node.request.Instrument;
import org.comity.node.request.LegalClock;
import org.comity.node.request.Lifecycle;
import org.comity.node.request.PreservationStatus;
import org.comity.node.request.RefusalGround;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.RequestState;

/**
 * What statistics keep of one request for one side: its dimensions (partner, instrument, type,
 * urgency, data categories, outcome, refusal ground, month of submission) and its milestones,
 * derived from the request's events alone. No names, no content: nothing here is personal data.
 *
 * @param categories bit 0 subscriber, bit 1 traffic, bit 2 content data (EU 2023/1543 Art. 3)
 * @param ackMet whether the acknowledgement deadline was met; null while it has not ended
 */
record RequestFact(
        UUID requestId,
        Direction direction,
        String ownState,
        String partnerState,
        String instrument,
        String requestType,
        String urgency,
        int categories,
        Outcome outcome,
        String refusalGround,
        LocalDate period,
        Instant submittedAt,
        Instant acknowledgedAt,
        Instant decidedAt,
        Instant executedAt,
        Boolean ackMet,
        Boolean decideMet,
        Boolean executeMet,
        Instant nextDeadlineAt,
        String preservationStatus,
        Instant preservedUntil,
        boolean followUp) {

    /** The request as one state sees it: which way it went and the other side's state. */
    record Side(Direction direction, String ownState, String partnerState) {}

    /**
     * Derives the fact from a request's whole timeline, or returns null when the request was never
     * submitted (drafts are nobody's statistics).
     */
    static RequestFact derive(UUID requestId, Side side, Instrument instrument, List<RequestEvent> timeline, Instant now) {
        RequestState state = Lifecycle.replay(timeline);
        if (state.submittedAt() == null || state.document() == null) {
            return null;
        }
        RequestDocument doc = state.document();
        Instant acknowledged = first(timeline, EnumSet.of(EventType.ACKNOWLEDGED));
        Instant decided = first(timeline, EnumSet.of(EventType.ACCEPTED, EventType.REFUSED));
        Instant executed = first(timeline, EnumSet.of(EventType.EXECUTED, EventType.PRESERVATION_CONFIRMED));
        RefusalGround ground = timeline.stream().filter(e -> e.type() == EventType.REFUSED).map(e -> e.details().ground())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        List<Deadline> deadlines = LegalClock.deadlines(instrument, timeline, now);
        Boolean ackMet = null;
        Boolean decideMet = null;
        Boolean executeMet = null;
        for (Deadline d : deadlines) {
            Boolean met = d.status() == DeadlineStatus.MET ? Boolean.TRUE : d.status() == DeadlineStatus.MISSED ? Boolean.FALSE : null;
            switch (d.kind()) {
                case ACKNOWLEDGE -> ackMet = met;
                case DECIDE -> decideMet = met;
                case EXECUTE, PRESERVE -> executeMet = both(executeMet, met);
                default -> { }
            }
        }
        Instant nextDue = LegalClock.schedule(deadlines, now).nextDueAt();
        return new RequestFact(requestId, side.direction(), side.ownState(), side.partnerState() == null ? "" : side.partnerState(),
                instrument.id(), instrument.requestType().name(), doc.urgency().name(), categories(doc), outcome(timeline),
                ground == null ? "" : ground.name(), month(state.submittedAt()), state.submittedAt(), acknowledged, decided, executed,
                ackMet, decideMet, executeMet, nextDue,
                state.preservation().status() == PreservationStatus.NONE ? null : state.preservation().status().name(),
                state.preservation().until(), state.preservation().followUp() != null);
    }

    /** Two deadlines for the same milestone: met only if both were; unknown ones do not count. */
    private static Boolean both(Boolean a, Boolean b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a && b;
    }

    static int categories(RequestDocument doc) {
        int mask = 0;
        for (RequestDocument.DataSought d : doc.dataSought()) {
            if (d.category() != null) {
                mask |= bit(d.category());
            }
        }
        return mask;
    }

    static int bit(DataCategory c) {
        return 1 << c.ordinal();
    }

    static LocalDate month(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    }

    /** Refused and withdrawn stay so; otherwise whether it was (fully, or only partly) executed, closed, or is still open. */
    static Outcome outcome(List<RequestEvent> timeline) {
        boolean executed = false;
        boolean partly = false;
        boolean closed = false;
        for (RequestEvent e : timeline) {
            switch (e.type()) {
                case REFUSED -> { return Outcome.REFUSED; }
                case WITHDRAWN -> { return Outcome.WITHDRAWN; }
                case EXECUTED, PRESERVATION_CONFIRMED -> executed = true;
                case PARTIALLY_EXECUTED -> partly = true;
                case CLOSED -> closed = true;
                default -> { }
            }
        }
        return executed ? Outcome.EXECUTED : closed ? (partly ? Outcome.PARTIALLY_EXECUTED : Outcome.CLOSED) : Outcome.OPEN;
    }

    private static Instant first(List<RequestEvent> timeline, EnumSet<EventType> types) {
        return timeline.stream().filter(e -> types.contains(e.type())).map(RequestEvent::at).findFirst().orElse(null);
    }

    java.time.Duration time(Measure m) {
        Instant end = switch (m) {
            case ACKNOWLEDGE -> acknowledgedAt;
            case DECIDE -> decidedAt;
            case EXECUTE -> executedAt;
        };
        return end == null ? null : java.time.Duration.between(submittedAt, end);
    }
}
