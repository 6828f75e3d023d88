package org.comity.node.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The e-mails this node sent, or tried to send, about a request: the 24/7 channel's announcement,
 * reminder and escalation. Implemented by the notifications; shown on the request's page to its
 * requested side, so the point of contact sees who was told and whether the mail left.
 */
public interface NoticeLog {

    List<Notice> forRequest(UUID requestId);

    /**
     * @param kind URGENT_DELIVERED, ACKNOWLEDGE_DUE_SOON, ACKNOWLEDGE_OVERDUE or ESCALATED
     * @param status PENDING, SENT, FAILED (gave up), NO_SERVER (no SMTP server configured) or NO_RECIPIENT (no address on record)
     */
    record Notice(String kind, List<String> recipients, Instant createdAt, String status, Instant sentAt, int attempts) {}
}
