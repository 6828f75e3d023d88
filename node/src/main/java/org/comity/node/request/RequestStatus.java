package org.comity.node.request;

import java.util.EnumSet;
import java.util.Set;

/** Where a request stands (DOMAIN.md, "The life of a request"). Derived from its events, never set. */
public enum RequestStatus {
    DRAFT,
    SUBMITTED,
    DELIVERED,
    ACKNOWLEDGED,
    UNDER_REVIEW,
    INFORMATION_REQUESTED,
    ACCEPTED,
    POSTPONED,
    IN_EXECUTION,
    PARTIALLY_EXECUTED,
    EXECUTED,
    REFUSED,
    CLOSED,
    WITHDRAWN;

    /** Nothing more happens to a closed or withdrawn request. */
    public boolean terminal() {
        return this == CLOSED || this == WITHDRAWN;
    }

    /** The requested side sees a request only once it has been delivered to it. */
    public boolean visibleToRequestedSide() {
        return this != DRAFT && this != SUBMITTED;
    }

    public static Set<RequestStatus> open() {
        EnumSet<RequestStatus> open = EnumSet.allOf(RequestStatus.class);
        open.removeIf(RequestStatus::terminal);
        return open;
    }
}
