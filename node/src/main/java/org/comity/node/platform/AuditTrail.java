package org.comity.node.platform;

import java.util.Map;

/**
 * Where every mutation and every read of sensitive data is recorded.
 *
 * <p>{@link #record} joins the caller's transaction: a change and its audit event commit together or
 * not at all. Details must never hold secrets (passwords, token values, TOTP secrets).
 */
public interface AuditTrail {

    void record(Actor actor, String action, String targetType, String targetId, Outcome outcome, Map<String, ?> detail);

    default void success(Actor actor, String action, String targetType, Object targetId) {
        record(actor, action, targetType, String.valueOf(targetId), Outcome.SUCCESS, Map.of());
    }

    default void success(Actor actor, String action, String targetType, Object targetId, Map<String, ?> detail) {
        record(actor, action, targetType, String.valueOf(targetId), Outcome.SUCCESS, detail);
    }

    enum Outcome { SUCCESS, DENIED, FAILED }
}
