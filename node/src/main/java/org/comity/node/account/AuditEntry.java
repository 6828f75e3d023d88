package org.comity.node.account;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the audit trail: who did what to which thing, when, from where, and how it ended.
 *
 * @param detail the event's details as JSON text (never secrets: the trail records no password,
 *     token value or second-factor secret)
 */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        UUID authorityId,
        String action,
        String targetType,
        String targetId,
        String outcome,
        String detail,
        String client) {}
