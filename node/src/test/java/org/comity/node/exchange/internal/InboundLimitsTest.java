package org.comity.node.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.comity.node.platform.ComityProperties;
import org.comity.node.support.FakeClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** What an unauthenticated sender can make the federation endpoints hold and record. */
class InboundLimitsTest {

    final FakeClock clock = FakeClock.at("2026-11-30T10:00:30Z");

    InboundLimits limits(Map<String, String> settings) {
        ComityProperties.Exchange exchange = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("comity.exchange", ComityProperties.Exchange.class);
        return new InboundLimits(exchange, null, clock);
    }

    @Test
    void bodiesAreHeldUpToTheBudgetAndRoomComesBackWhenReleased() {
        InboundLimits limits = limits(Map.of("comity.exchange.inbound-megabytes", "100"));
        long mib = 1024L * 1024L;
        assertThat(limits.reserve(90 * mib)).isTrue();
        assertThat(limits.reserve(10 * mib)).isTrue();
        assertThat(limits.reserve(1)).isFalse(); // full: the caller answers 503
        assertThat(limits.held()).isEqualTo(100 * mib); // a refused reservation holds nothing
        limits.release(90 * mib);
        assertThat(limits.reserve(90 * mib)).isTrue();
        // Never less than one body of the largest size (32 Mi characters), counted three times.
        InboundLimits least = limits(Map.of("comity.exchange.inbound-megabytes", "1"));
        assertThat(least.reserve(3 * 32 * mib)).isTrue();
        assertThat(least.reserve(1)).isFalse();
    }

    @Test
    void refusalsOfUnverifiedSendersAreRecordedUpToTheLimitEachMinute() {
        InboundLimits limits = limits(Map.of("comity.exchange.unverified-refusals-per-minute", "3"));
        assertThat(java.util.stream.IntStream.range(0, 10).filter(i -> limits.recordRefusal(false)).count()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(29)); // still the same minute
        assertThat(limits.recordRefusal(false)).isFalse();
        clock.advance(Duration.ofSeconds(1)); // the next
        assertThat(java.util.stream.IntStream.range(0, 10).filter(i -> limits.recordRefusal(false)).count()).isEqualTo(3);
        // Refusals after a trusted node's signature verified have a cap of their own, ten times higher.
        assertThat(java.util.stream.IntStream.range(0, 100).filter(i -> limits.recordRefusal(true)).count()).isEqualTo(30);
    }
}
