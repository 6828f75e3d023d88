package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/** A request as lists show it: no case content beyond its title. */
public record RequestSummary(
        UUID id,
        String reference,
        String title,
        String instrument,
        RequestType type,
        RequestStatus status,
        Urgency urgency,
        Confidentiality confidentiality,
        UUID requestingAuthority,
        String requestingAuthorityName,
        String requestingState,
        UUID requestedAuthority,
        String requestedAuthorityName,
        String requestedState,
        UUID executingAuthority,
        PreservationStatus preservation,
        Instant preservedUntil,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        Instant nextDueAt,
        Instant dueSoonAt,
        int version) {

    /** How pressing the request's deadlines are at {@code now}. */
    public DeadlineLevel deadlineLevel(Instant now) {
        if (nextDueAt != null && !now.isBefore(nextDueAt)) {
            return DeadlineLevel.OVERDUE;
        }
        if (dueSoonAt != null && !now.isBefore(dueSoonAt)) {
            return DeadlineLevel.DUE_SOON;
        }
        return nextDueAt == null ? DeadlineLevel.NONE : DeadlineLevel.RUNNING;
    }

    /** The badge a list shows. */
    public enum DeadlineLevel { NONE, RUNNING, DUE_SOON, OVERDUE }
}
