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
}
