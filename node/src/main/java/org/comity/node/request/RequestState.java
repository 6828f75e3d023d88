package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/**
 * A request's state as its events make it: the status, where it returns to after a pause, the
 * preservation track, the authority executing it, and its current content.
 *
 * @param resumeTo the status to return to when information is provided or a postponement ends
 * @param version the number of events so far (the request's version for optimistic locking)
 */
public record RequestState(
        RequestStatus status,
        RequestStatus resumeTo,
        Preservation preservation,
        UUID executingAuthority,
        RequestDocument document,
        Instant submittedAt,
        Instant deliveredAt,
        int version) {

    public static final RequestState EMPTY = new RequestState(null, null, Preservation.NONE, null, null, null, null, 0);
}
