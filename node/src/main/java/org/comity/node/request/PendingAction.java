package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/**
 * An action of this side sent to the node that orders the request's timeline, not yet recorded
 * there (PENDING), or refused by it (REFUSED, with the reason). Recorded actions join the timeline.
 */
public record PendingAction(UUID id, Action action, String actorName, Instant proposedAt, String status, String outcome) {}
