package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/** One step in a request's life: who did what, when, and why. Events are never changed or removed. */
public record RequestEvent(
        UUID id,
        int seq,
        EventType type,
        Instant at,
        EventActor actor,
        String reason,
        EventDetails details) {

    public RequestEvent {
        details = details == null ? EventDetails.NONE : details;
    }
}
