package org.comity.node.stats.internal;

/** How a request ended, or that it has not ended yet (the backlog). */
enum Outcome {
    OPEN,
    EXECUTED,
    PARTIALLY_EXECUTED,
    REFUSED,
    WITHDRAWN,
    /** Closed without execution: spontaneous information acknowledged, or closed after a partial answer. */
    CLOSED
}
