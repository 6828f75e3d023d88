package org.comity.node.request;

import java.util.Set;

/**
 * A filtered page of the requests a user may see.
 *
 * @param box INBOX (addressed to or routed to the user's authority), OUTBOX (sent by it) or ALL
 * @param partnerState the other side's state
 * @param deadline OVERDUE or DUE_SOON to see only those; null for all
 * @param text words to find in the reference, title, facts, offences or case reference
 * @param type the request type; null for all
 * @param submittedFrom the first month of submission (UTC), inclusive; null for no bound
 * @param submittedTo the last month of submission (UTC), inclusive; null for no bound
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
        int size,
        RequestType type,
        java.time.YearMonth submittedFrom,
        java.time.YearMonth submittedTo) {

    public static final int MAX_SIZE = 200;

    public RequestQuery {
        box = box == null ? Box.ALL : box;
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        page = Math.max(page, 0);
        size = size <= 0 ? 50 : Math.min(size, MAX_SIZE);
        text = text == null || text.isBlank() ? null : text.strip();
    }

    public RequestQuery(Box box, Set<RequestStatus> statuses, String instrument, Urgency urgency, String partnerState,
            RequestSummary.DeadlineLevel deadline, String text, int page, int size) {
        this(box, statuses, instrument, urgency, partnerState, deadline, text, page, size, null, null, null);
    }

    /**
     * Reads a month bound of a list filter ({@code YYYY-MM}); null when absent.
     *
     * @throws IllegalArgumentException when it is not a month
     */
    public static java.time.YearMonth month(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.YearMonth.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a month (YYYY-MM): " + value);
        }
    }

    public enum Box { INBOX, OUTBOX, ALL }
}
