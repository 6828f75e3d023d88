package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/**
 * What an event carries beyond its type, actor, time and reason. Each event type uses the fields
 * that concern it; the others stay null.
 *
 * @param side which side acted, for actions either side may take
 * @param authority the authority a request was routed to (ASSIGNED)
 * @param request the follow-up request (FOLLOW_UP_LINKED)
 * @param until a postponement's or preservation's end
 * @param receipt SHA-256 of the document as delivered (DELIVERED)
 * @param document the request's content as created, edited or amended
 */
public record EventDetails(
        Side side,
        RefusalGround ground,
        Instant until,
        UUID authority,
        UUID request,
        UUID attachment,
        String fileName,
        String sha256,
        Long size,
        String receipt,
        RequestDocument document) {

    public static final EventDetails NONE = new EventDetails(null, null, null, null, null, null, null, null, null, null, null);

    public static EventDetails of(RequestDocument document) {
        return new EventDetails(null, null, null, null, null, null, null, null, null, null, document);
    }
}
