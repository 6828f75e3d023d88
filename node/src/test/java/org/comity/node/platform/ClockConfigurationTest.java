package org.comity.node.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockConfigurationTest {

    @Test
    void theNodesClockIsUtcAndTicksInMicrosecondsAsPostgresqlStoresTime() {
        Clock clock = new ClockConfiguration().clock();
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 0; i < 10_000; i++) {
            Instant now = clock.instant();
            assertThat(now.getNano() % 1_000).isZero();
            assertThat(now).isAfter(before);
        }
    }
}
