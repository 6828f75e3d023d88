package org.comity.node.stats.internal;

/** Which way a request went, from the point of view of a state hosted on this node. */
enum Direction {
    /** Received: the state is the requested one. */
    INCOMING,
    /** Sent: the state is the requesting one. */
    OUTGOING
}
