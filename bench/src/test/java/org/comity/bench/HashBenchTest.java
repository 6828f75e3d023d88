package org.comity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HashBenchTest {

    @Test
    void opensslsCpuTimeIsTheSumOfUserAndSystemTimeAsBashPrintsThem() {
        assertThat(HashBench.childCpuNanos("0m0.750s 0m0.230s")).isEqualTo(980_000_000L);
        assertThat(HashBench.childCpuNanos("1m2.500s 0m0.000s")).isEqualTo(62_500_000_000L);
    }

    @Test
    void aLineThatIsNotBashsTimesIsRefused() {
        assertThatThrownBy(() -> HashBench.childCpuNanos("SHA2-256(f)= 8dfa7fb7")).isInstanceOf(IllegalStateException.class);
    }
}
