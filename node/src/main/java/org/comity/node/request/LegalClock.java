package org.comity.node.request;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Computes a request's deadlines from its instrument and its events, at a given moment: when each
 * started, when it falls due (later by the time it was paused), and whether it is running, due
 * soon, overdue, met or missed. Pure: the same events and moment always give the same answer.
 */
public final class LegalClock {

    /** Events that pause a pausable deadline, and the events that resume it. */
    private static final Set<EventType> PAUSE = EnumSet.of(EventType.INFORMATION_REQUESTED, EventType.POSTPONED);
    private static final Set<EventType> RESUME = EnumSet.of(EventType.INFORMATION_PROVIDED, EventType.RESUMED);
    /** Events after which no deadline of the requested side can still be met. */
    private static final Set<EventType> CANCEL = EnumSet.of(EventType.WITHDRAWN, EventType.CLOSED, EventType.REFUSED);
    private static final Duration POSTPONEMENT_WARNING = Duration.ofDays(1);
    /**
     * The 24/7 channel's acknowledgement deadline for an urgent or emergency request whose
     * instrument sets none of its own: one hour, due soon a quarter of an hour before. An instrument
     * file that names an ACKNOWLEDGE deadline overrides it.
     */
    public static final DeadlineRule URGENT_ACKNOWLEDGEMENT = new DeadlineRule(DeadlineKind.ACKNOWLEDGE, Party.REQUESTED,
            EventType.DELIVERED, Set.of(EventType.ACKNOWLEDGED, EventType.REFUSED), Duration.ofHours(1), null, null, null,
            Duration.ofMinutes(15), false, "24/7 channel: an urgent request is acknowledged within the hour (Comity's default)");

    private LegalClock() {}

    public static List<Deadline> deadlines(Instrument instrument, List<RequestEvent> events, Instant now) {
        RequestState state = Lifecycle.replay(events);
        if (state.document() == null) {
            return List.of();
        }
        Urgency urgency = state.document().urgency();
        Set<DataCategory> categories = state.document().dataSought().stream()
                .map(RequestDocument.DataSought::category)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DataCategory.class)));
        List<Deadline> out = new ArrayList<>();
        for (DeadlineRule rule : rules(instrument, urgency)) {
            ruleDeadline(rule, urgency, categories, events, now).ifPresent(out::add);
        }
        postponement(events, now).ifPresent(out::add);
        instrument.preservationRule().ifPresent(rule -> preservation(rule, state, events, now).ifPresent(out::add));
        return out;
    }

    /**
     * The instrument's deadline rules, with the 24/7 channel's hour to acknowledge an urgent request
     * it sets no deadline for (unless the instrument only ever goes to service providers).
     */
    public static List<DeadlineRule> rules(Instrument instrument, Urgency urgency) {
        boolean acknowledged = instrument.deadlines().stream().anyMatch(r -> r.kind() == DeadlineKind.ACKNOWLEDGE);
        // Orders straight to a service provider follow their own instrument's time limits, not the 24/7 network's.
        boolean toAuthorities = instrument.channel().recipients().stream()
                .anyMatch(k -> k != org.comity.node.directory.AuthorityKind.SERVICE_PROVIDER);
        if (acknowledged || !toAuthorities || urgency == null || urgency == Urgency.NORMAL) {
            return instrument.deadlines();
        }
        List<DeadlineRule> rules = new ArrayList<>(instrument.deadlines());
        rules.addFirst(URGENT_ACKNOWLEDGEMENT);
        return rules;
    }

    /** The moments the deadlines change level, for listing, filtering and scheduling alerts. */
    public static Schedule schedule(List<Deadline> deadlines, Instant now) {
        Instant nextDue = null;
        Instant dueSoon = null;
        Instant nextAlert = null;
        for (Deadline d : deadlines) {
            if (!d.status().running()) {
                continue;
            }
            nextDue = min(nextDue, d.dueAt());
            dueSoon = min(dueSoon, d.dueSoonAt());
            if (now.isBefore(d.dueSoonAt())) {
                nextAlert = min(nextAlert, d.dueSoonAt());
            } else if (now.isBefore(d.dueAt())) {
                nextAlert = min(nextAlert, d.dueAt());
            }
        }
        return new Schedule(nextDue, dueSoon, nextAlert);
    }

    /**
     * @param nextDueAt the earliest due time of a running deadline (overdue once it has passed)
     * @param dueSoonAt the earliest moment a running deadline counts as due soon
     * @param nextAlertAt when the next running deadline changes level, or null if none will
     */
    public record Schedule(Instant nextDueAt, Instant dueSoonAt, Instant nextAlertAt) {}

    private static java.util.Optional<Deadline> ruleDeadline(DeadlineRule rule, Urgency urgency, Set<DataCategory> categories,
            List<RequestEvent> events, Instant now) {
        RequestEvent start = events.stream()
                .filter(e -> e.type() == rule.startsOn())
                .max(Comparator.comparingInt(RequestEvent::seq))
                .orElse(null);
        if (start == null) {
            return java.util.Optional.empty();
        }
        Duration applied = rule.durationFor(urgency, categories);
        Duration paused = Duration.ZERO;
        Instant pausedSince = null;
        RequestEvent end = null;
        boolean cancelled = false;
        for (RequestEvent e : events) {
            if (e.seq() <= start.seq()) {
                continue;
            }
            if (rule.endsOn().contains(e.type())) {
                end = e;
                break;
            }
            if (CANCEL.contains(e.type())) {
                end = e;
                cancelled = true;
                break;
            }
            if (rule.pausable() && PAUSE.contains(e.type()) && pausedSince == null) {
                pausedSince = e.at();
            } else if (rule.pausable() && RESUME.contains(e.type()) && pausedSince != null) {
                paused = paused.plus(Duration.between(pausedSince, e.at()));
                pausedSince = null;
            }
        }
        Instant endedAt = end == null ? null : end.at();
        if (pausedSince != null) {
            // Paused now (or when it ended): the deadline would fall due this much after resuming.
            Instant pauseEnd = endedAt != null ? endedAt : now;
            paused = paused.plus(Duration.between(pausedSince, pauseEnd));
        }
        Instant due = start.at().plus(applied).plus(paused);
        Instant dueSoon = due.minus(rule.dueSoonWindow(applied));
        DeadlineStatus status;
        if (end != null) {
            // Due at T means done before T: the same moment that makes a running deadline overdue makes a late action missed.
            status = cancelled ? DeadlineStatus.CANCELLED : end.at().isBefore(due) ? DeadlineStatus.MET : DeadlineStatus.MISSED;
        } else if (pausedSince != null) {
            status = DeadlineStatus.PAUSED;
        } else {
            status = level(now, dueSoon, due);
        }
        return java.util.Optional.of(new Deadline(rule.kind(), rule.party(), start.at(), due, dueSoon, paused, status, endedAt, rule.basis()));
    }

    private static java.util.Optional<Deadline> postponement(List<RequestEvent> events, Instant now) {
        RequestEvent start = events.stream()
                .filter(e -> e.type() == EventType.POSTPONED && e.details().until() != null)
                .max(Comparator.comparingInt(RequestEvent::seq))
                .orElse(null);
        if (start == null) {
            return java.util.Optional.empty();
        }
        RequestEvent end = events.stream()
                .filter(e -> e.seq() > start.seq() && (e.type() == EventType.RESUMED || CANCEL.contains(e.type())))
                .findFirst().orElse(null);
        Instant due = start.details().until();
        Instant dueSoon = due.minus(POSTPONEMENT_WARNING);
        DeadlineStatus status = end == null ? level(now, dueSoon, due)
                : end.type() == EventType.RESUMED ? DeadlineStatus.MET : DeadlineStatus.CANCELLED;
        return java.util.Optional.of(new Deadline(DeadlineKind.POSTPONEMENT_END, Party.REQUESTED, start.at(), due, dueSoon, Duration.ZERO,
                status, end == null ? null : end.at(), "Budapest Convention Art. 27(5): postponement"));
    }

    private static java.util.Optional<Deadline> preservation(PreservationRule rule, RequestState state, List<RequestEvent> events, Instant now) {
        Preservation p = state.preservation();
        if (p.status() == PreservationStatus.NONE) {
            return java.util.Optional.empty();
        }
        RequestEvent confirmed = events.stream().filter(e -> e.type() == EventType.PRESERVATION_CONFIRMED).findFirst().orElseThrow();
        RequestEvent end = events.stream()
                .filter(e -> e.type() == EventType.PRESERVATION_RELEASED || e.type() == EventType.PRESERVATION_EXPIRED
                        || e.type() == EventType.FOLLOW_UP_LINKED)
                .findFirst().orElse(null);
        Instant due = p.until();
        Instant dueSoon = due.minus(rule.expiryWarning());
        DeadlineStatus status = end == null ? level(now, dueSoon, due)
                : end.type() == EventType.PRESERVATION_EXPIRED ? DeadlineStatus.MISSED : DeadlineStatus.MET;
        return java.util.Optional.of(new Deadline(DeadlineKind.PRESERVATION_EXPIRY, Party.REQUESTING, confirmed.at(), due, dueSoon,
                Duration.ZERO, status, end == null ? null : end.at(), rule.basis()));
    }

    private static DeadlineStatus level(Instant now, Instant dueSoon, Instant due) {
        if (!now.isBefore(due)) {
            return DeadlineStatus.OVERDUE;
        }
        return now.isBefore(dueSoon) ? DeadlineStatus.RUNNING : DeadlineStatus.DUE_SOON;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
