package org.comity.node.request;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A deadline an instrument sets: it starts at the latest {@code startsOn} event, is met by the first
 * {@code endsOn} event after it, and runs for {@code duration} (shorter for urgent and emergency
 * requests where the instrument says so). A pausable deadline stops while more information is
 * awaited or execution is postponed.
 *
 * @param byDataCategory a duration per data category; the longest among the categories sought applies
 * @param dueSoon how long before the due time a deadline counts as due soon (default: a quarter of it)
 */
public record DeadlineRule(
        DeadlineKind kind,
        Party party,
        EventType startsOn,
        Set<EventType> endsOn,
        Duration duration,
        Duration urgent,
        Duration emergency,
        Map<DataCategory, Duration> byDataCategory,
        Duration dueSoon,
        boolean pausable,
        String basis) {

    public DeadlineRule {
        endsOn = endsOn == null ? Set.of() : Set.copyOf(endsOn);
        byDataCategory = byDataCategory == null ? Map.of() : Map.copyOf(byDataCategory);
    }

    /** The duration that applies to a request of this urgency asking for these categories of data. */
    public Duration durationFor(Urgency urgency, Set<DataCategory> categories) {
        Duration base = duration;
        if (!byDataCategory.isEmpty() && !categories.isEmpty()) {
            base = categories.stream().map(c -> byDataCategory.getOrDefault(c, duration)).max(Duration::compareTo).orElse(duration);
        }
        return switch (urgency) {
            case EMERGENCY -> emergency != null ? emergency : urgent != null ? urgent : base;
            case URGENT -> urgent != null ? urgent : base;
            case NORMAL -> base;
        };
    }

    public Duration dueSoonWindow(Duration applied) {
        return dueSoon != null ? dueSoon : applied.dividedBy(4);
    }
}
