package org.comity.node.stats.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishing on schedule ({@code comity.statistics.publish-schedule}, daily by default): each state
 * this node hosts sends its report of the current and of the previous year again, since outcomes of
 * last year's requests still change; the statistics node keeps the newest per node, state and year,
 * so a resend replaces and never adds. Nothing happens while publishing is off or no statistics
 * node is known. A failure is logged and waits for the next run.
 */
@Component
class PublicationSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(PublicationSchedule.class);

    private final Aggregates aggregates;
    private final Clock clock;
    private final ComityProperties properties;

    PublicationSchedule(Aggregates aggregates, Clock clock, ComityProperties properties) {
        this.aggregates = aggregates;
        this.clock = clock;
        this.properties = properties;
    }

    @Scheduled(cron = "${comity.statistics.publish-schedule:" + StatisticsProperties.DEFAULT_SCHEDULE + "}", zone = "UTC")
    void onSchedule() {
        run();
    }

    /** One run: what was published (failures left out). */
    List<Aggregates.Published> run() {
        List<Aggregates.Published> done = new ArrayList<>();
        if (aggregates.destination().isEmpty()) {
            return done;
        }
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        Actor system = Actor.system(properties.node().id());
        for (String state : aggregates.ownStates()) {
            for (int y : new int[] {year - 1, year}) {
                try {
                    done.add(aggregates.send(system, state, y));
                } catch (ComityException e) {
                    LOG.warn("Statistics of {} for {} not published: {}", state, y, e.getMessage());
                }
            }
        }
        return done;
    }
}
