package org.comity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankPercentilesOfUnsortedSamples() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms
        }
        Stats stats = new Stats(samples);
        assertThat(stats.percentileNanos(50)).isEqualTo(50_000_000L);
        assertThat(stats.percentileNanos(95)).isEqualTo(95_000_000L);
        assertThat(stats.percentileNanos(100)).isEqualTo(100_000_000L);
        assertThat(stats.millis(1)).isEqualTo(1.0);
        assertThat(stats.maxNanos()).isEqualTo(100_000_000L);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        Stats stats = new Stats(new long[] {7});
        assertThat(stats.percentileNanos(0.1)).isEqualTo(7);
        assertThat(stats.percentileNanos(99.9)).isEqualTo(7);
    }

    @Test
    void refusesNoSamplesAndPercentilesOutOfRange() {
        assertThatThrownBy(() -> new Stats(new long[0])).isInstanceOf(IllegalArgumentException.class);
        Stats stats = new Stats(new long[] {1, 2});
        assertThatThrownBy(() -> stats.percentileNanos(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.percentileNanos(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
