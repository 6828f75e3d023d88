package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/**
 * An action the requesting side took on a request whose timeline the requested node orders. The
 * requested node decides it as if taken there; the event it records has the proposal's id.
 */
public record Proposal(
        UUID id,
        Action action,
        EventActor actor,
        String reason,
        RefusalGround ground,
        Instant until,
        UUID authority,
        UUID request,
        RequestDocument document,
        EventDetails details,
        Instant proposedAt) {}
