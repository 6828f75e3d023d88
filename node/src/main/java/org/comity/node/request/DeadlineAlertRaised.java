package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (inside the legal clock's transaction) when a deadline of a request becomes due soon
 * or overdue for the first time, so that people are told: by e-mail, and for an urgent request not
 * acknowledged in time, by escalation to the point of contact's backups.
 *
 * @param authority the authority that must act
 */
public record DeadlineAlertRaised(UUID request, String reference, String title, Urgency urgency, DeadlineKind kind, DeadlineStatus level,
        Instant dueAt, UUID authority) {}
