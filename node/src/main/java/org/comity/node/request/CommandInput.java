package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/**
 * What a user sends with an action, in the API and the UI: the fields the action needs, the others
 * left out. Who acts, and on which side, comes from the signed-in user, never from the input.
 */
public record CommandInput(
        String reason,
        RefusalGround ground,
        Instant until,
        UUID authority,
        UUID request,
        RequestDocument document) {

    public static final CommandInput EMPTY = new CommandInput(null, null, null, null, null, null);

    public static CommandInput reason(String reason) {
        return new CommandInput(reason, null, null, null, null, null);
    }
}
