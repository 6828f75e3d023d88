package org.comity.node.stats.internal;

import java.time.Duration;

/**
 * Durations kept as a histogram whose buckets are 5 % wide: bucket {@code b} holds durations in
 * {@code (1.05^(b-1), 1.05^b]} seconds (bucket 0: one second or less). A percentile read from the
 * histogram is the upper bound of the bucket it falls in, so it is at most 5 % above the exact value.
 */
final class DurationBuckets {

    static final double RATIO = 1.05;
    private static final double LOG_RATIO = Math.log(RATIO);

    private DurationBuckets() {}

    static int bucket(Duration d) {
        long seconds = Math.max(d.getSeconds(), 0) + (d.getNano() > 0 ? 1 : 0);
        if (seconds <= 1) {
            return 0;
        }
        int b = (int) Math.ceil(Math.log(seconds) / LOG_RATIO);
        // Floating point: make sure the bound really holds the value.
        while (upperSeconds(b) < seconds) {
            b++;
        }
        while (b > 0 && upperSeconds(b - 1) >= seconds) {
            b--;
        }
        return b;
    }

    static double upperSeconds(int bucket) {
        return Math.pow(RATIO, bucket);
    }
}
