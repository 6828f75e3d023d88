package org.comity.node.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Time is injected everywhere: tests replace this clock with one they move by hand. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /**
     * The system's clock in UTC, ticking in microseconds: the precision PostgreSQL keeps, so that
     * a time sent to a peer or signed is the time stored, on both sides.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
