package org.comity.node.support;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** A node whose clock the test moves: for deadlines, expiries and everything else time decides. */
@Import(ClockedNodeTest.FakeClockConfiguration.class)
public abstract class ClockedNodeTest extends NodeTest {

    @Autowired
    protected FakeClock clock;

    @TestConfiguration(proxyBeanMethods = false)
    static class FakeClockConfiguration {
        @Bean
        @Primary
        FakeClock fakeClock() {
            return FakeClock.at("2026-06-01T08:00:00Z");
        }
    }
}
