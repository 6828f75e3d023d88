package org.comity.node.stats.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code comity.statistics.*}: where this node publishes its anonymized aggregates, and whether it
 * is itself a statistics node that accepts those of its peers.
 *
 * @param publishTo the id of the statistics node (a node of the trust list or a pinned peer), or empty not to publish
 * @param acceptFromPeers true on a statistics node: signed aggregates from trusted nodes are accepted and shown by state
 */
@ConfigurationProperties("comity.statistics")
record StatisticsProperties(String publishTo, boolean acceptFromPeers) {}
