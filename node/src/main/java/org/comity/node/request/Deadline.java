package org.comity.node.request;

import java.time.Duration;
import java.time.Instant;

/**
 * One deadline of one request as the legal clock computes it at a moment.
 *
 * @param dueAt when it falls due; for a paused deadline, when it would fall due if resumed now
 * @param dueSoonAt from when it counts as due soon
 * @param paused how long it has been paused so far (while information was awaited or execution postponed)
 * @param endedAt when the event that met (or cancelled) it happened, or null
 * @param basis the rule's source, in words a lawyer recognises
 */
public record Deadline(
        DeadlineKind kind,
        Party party,
        Instant startedAt,
        Instant dueAt,
        Instant dueSoonAt,
        Duration paused,
        DeadlineStatus status,
        Instant endedAt,
        String basis) {}
