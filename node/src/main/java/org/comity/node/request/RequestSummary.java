package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;
import org.comity.node.directory.AuthorityKind;

/**
 * A request as lists show it: no case content beyond its title.
 *
 * @param urgentChannel whether it travels the 24/7 channel ({@link #urgentChannel(Urgency, AuthorityKind)})
 */
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
        int version,
        boolean urgentChannel) {

    /**
     * Whether a request travels the 24/7 channel: urgent and emergency requests, and anything
     * addressed to a 24/7 point of contact. Such a request is flagged on both sides, announced to
     * the point of contact, and escalated to its backup contacts if it is not acknowledged in time.
     */
    public static boolean urgentChannel(Urgency urgency, AuthorityKind requested) {
        return (urgency != null && urgency != Urgency.NORMAL) || requested == AuthorityKind.POINT_OF_CONTACT;
    }

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
