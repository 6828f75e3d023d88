package org.comity.node.knowledge;

import java.time.Duration;

/**
 * How long a channel typically takes with the state, end to end.
 *
 * @param typical an ISO-8601 duration ("PT24H", "P90D")
 * @param source where the figure comes from: entered by hand, or computed from statistics
 * @param note how the figure was obtained; may be null
 */
public record ProcessingTime(ChannelKind channel, String typical, Source source, String note) {

    public enum Source { MANUAL, STATISTICS }

    /** The typical time; call only on a checked profile (the check refuses an unreadable duration). */
    public Duration duration() {
        return Duration.parse(typical);
    }

    /**
     * The typical time as people say it, in the unit it was written in: days for "P90D", hours for
     * "PT24H" (or "P1DT12H", 36 hours); 0 when it is neither a whole number of days nor of hours.
     */
    public long amount() {
        Duration d = readable();
        if (d == null) {
            return 0;
        }
        if (d.toMinutesPart() != 0 || d.toSecondsPart() != 0 || d.toNanosPart() != 0) {
            return 0;
        }
        return unit().equals("days") ? d.toDays() : d.toHours();
    }

    /** "days" when the time is written in whole days ("P90D"), "hours" when it has a time part ("PT24H", "p1dt12h"). */
    public String unit() {
        return typical != null && typical.toUpperCase(java.util.Locale.ROOT).indexOf('T') >= 0 ? "hours" : "days";
    }

    private Duration readable() {
        try {
            return typical == null ? null : Duration.parse(typical);
        } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
