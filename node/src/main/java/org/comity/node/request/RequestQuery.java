package org.comity.node.request;

import java.util.Set;

/**
 * A filtered page of the requests a user may see.
 *
 * @param box INBOX (addressed to or routed to the user's authority), OUTBOX (sent by it) or ALL
 * @param partnerState the other side's state
 * @param deadline OVERDUE or DUE_SOON to see only those; null for all
 * @param text words to find in the reference, title, facts, offences or case reference
 */
public record RequestQuery(
        Box box,
        Set<RequestStatus> statuses,
        String instrument,
        Urgency urgency,
        String partnerState,
        RequestSummary.DeadlineLevel deadline,
        String text,
        int page,
        int size) {

    public static final int MAX_SIZE = 200;

    public RequestQuery {
        box = box == null ? Box.ALL : box;
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        page = Math.max(page, 0);
        size = size <= 0 ? 50 : Math.min(size, MAX_SIZE);
        text = text == null || text.isBlank() ? null : text.strip();
    }

    public enum Box { INBOX, OUTBOX, ALL }
}
