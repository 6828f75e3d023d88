package org.comity.node.stats.internal;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Which requests a figure counts: one state's, submitted in the months {@code from} to {@code to}
 * (inclusive), optionally with one partner state, instrument or request type. Null means all.
 */
record Filter(String state, YearMonth from, YearMonth to, String partner, String instrument, String type) {

    LocalDate firstDay() {
        return from == null ? null : from.atDay(1);
    }

    LocalDate lastMonth() {
        return to == null ? null : to.atDay(1);
    }

    Filter forState(String other) {
        return new Filter(other, from, to, partner, instrument, type);
    }
}
