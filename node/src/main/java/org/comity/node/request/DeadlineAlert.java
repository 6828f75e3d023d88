package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/** An alert the legal clock raised when a deadline became due soon or overdue. */
public record DeadlineAlert(UUID requestId, String reference, String title, DeadlineKind deadline, DeadlineStatus level, Instant dueAt,
        Instant raisedAt, RequestStatus status) {}
