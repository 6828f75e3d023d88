package org.comity.node.demo;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The last demo runner: the demo is in place, so the summary that {@code ./comity demo} waits for is written. */
@Component
@Order(1000)
@ConditionalOnProperty(name = "comity.demo", havingValue = "true")
class DemoReady implements ApplicationRunner {

    private final DemoSeeder seeder;

    DemoReady(DemoSeeder seeder) {
        this.seeder = seeder;
    }

    @Override
    public void run(ApplicationArguments args) {
        seeder.announce();
    }
}
