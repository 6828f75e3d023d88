package org.comity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static Bench.Options parse(String... args) {
        return Bench.Options.parse(args);
    }

    @Test
    void sizesAreBinaryMultiplesWithOrWithoutTheByteSuffix() {
        Bench.Options o = parse("hash", "--a", "1g", "--b", "512m", "--c", "64KiB", "--d", "65536", "--e", "2GB", "--f", "1_000");
        assertThat(o.sizeValue("a", 0)).isEqualTo(1L << 30);
        assertThat(o.sizeValue("b", 0)).isEqualTo(512L << 20);
        assertThat(o.sizeValue("c", 0)).isEqualTo(64L << 10);
        assertThat(o.sizeValue("d", 0)).isEqualTo(65_536L);
        assertThat(o.sizeValue("e", 0)).isEqualTo(2L << 30);
        assertThat(o.sizeValue("f", 0)).isEqualTo(1_000L);
        assertThat(o.sizeValue("absent", 42)).isEqualTo(42);
    }

    @Test
    void durationsFlagsAndNumbersAfterTheBenchmarksName() {
        Bench.Options o = parse("ledger", "--rate", "5_000", "--duration", "1500ms", "--keep");
        assertThat(o.intValue("rate", 1)).isEqualTo(5_000);
        assertThat(o.durationValue("duration", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.flag("keep")).isTrue();
        assertThat(o.flag("other")).isFalse();
        assertThat(parse("ledger", "--duration", "2m").durationValue("duration", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
    }
}
