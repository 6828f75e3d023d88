package org.comity.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds and their nearest-rank percentiles. */
final class Stats {

    private final long[] sorted;

    Stats(long[] samplesNanos) {
        if (samplesNanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = samplesNanos.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile: the smallest sample at or above which {@code p}% of samples lie. */
    long percentileNanos(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    long maxNanos() {
        return sorted[sorted.length - 1];
    }

    double millis(double p) {
        return percentileNanos(p) / 1e6;
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
    }
}
