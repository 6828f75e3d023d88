package org.comity.node.request;

import java.util.List;
import java.util.UUID;

/**
 * Published inside the transaction that appended events to a request, so that listeners (the
 * exchange's outbox) commit or roll back with it.
 *
 * @param requestedAuthorityLocal whether this node hosts the requested authority
 * @param status the request's status after the events
 * @param urgency the request's urgency after the events
 */
public record RequestEventsAppended(UUID requestId, UUID requestingAuthority, UUID requestedAuthority, boolean requestingAuthorityLocal,
        boolean requestedAuthorityLocal, RequestStatus status, Urgency urgency, List<RequestEvent> events) {}
