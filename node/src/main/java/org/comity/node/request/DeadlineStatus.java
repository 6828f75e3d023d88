package org.comity.node.request;

/** Where a deadline stands at a given moment. */
public enum DeadlineStatus {
    RUNNING,
    DUE_SOON,
    OVERDUE,
    PAUSED,
    MET,
    MISSED,
    CANCELLED;

    public boolean running() {
        return this == RUNNING || this == DUE_SOON || this == OVERDUE;
    }
}
