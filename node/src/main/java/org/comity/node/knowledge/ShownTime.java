package org.comity.node.knowledge;

import java.time.Duration;

/**
 * A duration as a page shows it: whole days, rounded, from two days up; hours, rounded and at least
 * one, below. The pages print it with the short units ({@code unit.days}, {@code unit.hours}).
 */
public record ShownTime(boolean inDays, long amount) {

    public static ShownTime of(Duration d) {
        long hours = Math.round(d.toMinutes() / 60.0);
        return hours >= 48 ? new ShownTime(true, Math.round(hours / 24.0)) : new ShownTime(false, Math.max(1, hours));
    }
}
