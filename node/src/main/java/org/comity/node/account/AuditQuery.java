package org.comity.node.account;

import java.time.Instant;

/**
 * A filter on the audit trail; null fields do not filter.
 *
 * @param actor the acting user's name, exactly
 * @param action an action name or its beginning (for example {@code request.} for every request action)
 * @param target the target's id (a request, user or token id), exactly
 * @param from the earliest time, inclusive
 * @param until the latest time, exclusive
 */
public record AuditQuery(String actor, String action, String target, Outcome outcome, Instant from, Instant until, int page, int size) {

    public static final int MAX_SIZE = 200;

    public enum Outcome { SUCCESS, DENIED, FAILED }
}
