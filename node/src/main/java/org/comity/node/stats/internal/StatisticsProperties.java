package org.comity.node.stats.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code comity.statistics.*}: whether this node publishes its anonymized aggregates and where to,
 * and whether it accepts those of its peers. The statistics node is designated in the directory (a
 * trust-list node with role {@code statistics}); these settings switch publishing on (sending a
 * state's figures is that state's decision) and override the directory where needed.
 *
 * @param publish true: this node publishes its states' aggregates (on schedule and on demand) to the statistics node
 * @param publishTo a node id (of the trust list or a pinned peer) to publish to instead of the directory's statistics
 *     node; setting it also switches publishing on
 * @param acceptFromPeers unset: accept aggregates when the trust list in force designates this node, from the nodes it
 *     lists; true: accept from every trusted node (trust list or pinned peer) without a designation; false: never
 * @param publishSchedule when to publish on schedule (Spring cron, in UTC; "-" for never): the current and the previous
 *     year's reports are sent again, the receiving node keeping the newest
 */
@ConfigurationProperties("comity.statistics")
record StatisticsProperties(boolean publish, String publishTo, Boolean acceptFromPeers, String publishSchedule) {

    /** Daily at 03:17 UTC. */
    static final String DEFAULT_SCHEDULE = "0 17 3 * * *";

    StatisticsProperties {
        publishTo = publishTo == null || publishTo.isBlank() ? null : publishTo.strip();
        publishSchedule = publishSchedule == null || publishSchedule.isBlank() ? DEFAULT_SCHEDULE : publishSchedule.strip();
    }

    /** The operator switched publishing on. */
    boolean publishing() {
        return publish || publishTo != null;
    }
}
