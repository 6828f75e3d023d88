package org.comity.node.stats.internal;

/** The times the efficiency review asks about, each counted from submission (Rec. 36). */
enum Measure {
    ACKNOWLEDGE,
    DECIDE,
    EXECUTE
}
