package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to change a request: the action, which side asks and who, and what the action needs.
 * Fields an action does not use are null.
 *
 * @param text a message's or an answer's text (also accepted in {@code reason})
 * @param authority the authority to route to (ASSIGN)
 * @param request the follow-up request (LINK_FOLLOW_UP)
 * @param until the date a postponement runs to (POSTPONE)
 * @param document the amended content (EDIT; optionally PROVIDE_INFORMATION)
 * @param details what the node itself supplies: an attachment's file facts, a delivery receipt
 */
public record Command(
        Action action,
        Side side,
        EventActor actor,
        String reason,
        RefusalGround ground,
        Instant until,
        UUID authority,
        UUID request,
        RequestDocument document,
        EventDetails details) {

    public static Command of(Action action, Side side, EventActor actor, String reason) {
        return new Command(action, side, actor, reason, null, null, null, null, null, null);
    }

    public Command withDocument(RequestDocument newDocument) {
        return new Command(action, side, actor, reason, ground, until, authority, request, newDocument, details);
    }
}
