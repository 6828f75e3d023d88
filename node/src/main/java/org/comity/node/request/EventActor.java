package org.comity.node.request;

import java.util.UUID;

/** Who caused an event: a user of an authority, or the node itself (no user, no authority). */
public record EventActor(UUID userId, String name, UUID authorityId) {

    public static EventActor node(String nodeId) {
        return new EventActor(null, "Comity node " + nodeId, null);
    }
}
