package org.comity.node.request;

import static org.comity.node.request.RequestStatus.ACCEPTED;
import static org.comity.node.request.RequestStatus.ACKNOWLEDGED;
import static org.comity.node.request.RequestStatus.DELIVERED;
import static org.comity.node.request.RequestStatus.DRAFT;
import static org.comity.node.request.RequestStatus.EXECUTED;
import static org.comity.node.request.RequestStatus.INFORMATION_REQUESTED;
import static org.comity.node.request.RequestStatus.IN_EXECUTION;
import static org.comity.node.request.RequestStatus.PARTIALLY_EXECUTED;
import static org.comity.node.request.RequestStatus.POSTPONED;
import static org.comity.node.request.RequestStatus.REFUSED;
import static org.comity.node.request.RequestStatus.SUBMITTED;
import static org.comity.node.request.RequestStatus.UNDER_REVIEW;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What someone can do to a request: who may do it, from which statuses, and the event it records.
 * Preservation actions add conditions on the preservation track ({@link Lifecycle}).
 */
public enum Action {
    EDIT(Party.REQUESTING, EventType.EDITED, EnumSet.of(DRAFT), false),
    SUBMIT(Party.REQUESTING, EventType.SUBMITTED, EnumSet.of(DRAFT), false),
    DELIVER(Party.SYSTEM, EventType.DELIVERED, EnumSet.of(SUBMITTED), false),
    ACKNOWLEDGE(Party.REQUESTED, EventType.ACKNOWLEDGED, EnumSet.of(DELIVERED), false),
    START_REVIEW(Party.REQUESTED, EventType.REVIEW_STARTED, EnumSet.of(ACKNOWLEDGED), false),
    ASSIGN(Party.REQUESTED, EventType.ASSIGNED, EnumSet.of(ACKNOWLEDGED, UNDER_REVIEW, ACCEPTED, IN_EXECUTION, POSTPONED), false),
    REQUEST_INFORMATION(Party.REQUESTED, EventType.INFORMATION_REQUESTED, EnumSet.of(ACKNOWLEDGED, UNDER_REVIEW, ACCEPTED, IN_EXECUTION), true),
    PROVIDE_INFORMATION(Party.REQUESTING, EventType.INFORMATION_PROVIDED, EnumSet.of(INFORMATION_REQUESTED), true),
    ACCEPT(Party.REQUESTED, EventType.ACCEPTED, EnumSet.of(UNDER_REVIEW), false),
    // Also while waiting for information the requesting side does not give (on the ground that it is insufficient, say).
    REFUSE(Party.REQUESTED, EventType.REFUSED, EnumSet.of(ACKNOWLEDGED, UNDER_REVIEW, ACCEPTED, POSTPONED, INFORMATION_REQUESTED), true),
    POSTPONE(Party.REQUESTED, EventType.POSTPONED, EnumSet.of(UNDER_REVIEW, ACCEPTED, IN_EXECUTION), true),
    RESUME(Party.REQUESTED, EventType.RESUMED, EnumSet.of(POSTPONED), false),
    START_EXECUTION(Party.REQUESTED, EventType.EXECUTION_STARTED, EnumSet.of(ACCEPTED), false),
    EXECUTE_PARTIALLY(Party.REQUESTED, EventType.PARTIALLY_EXECUTED, EnumSet.of(IN_EXECUTION), false),
    EXECUTE(Party.REQUESTED, EventType.EXECUTED, EnumSet.of(IN_EXECUTION, PARTIALLY_EXECUTED), false),
    CLOSE(Party.REQUESTING, EventType.CLOSED, EnumSet.of(EXECUTED, PARTIALLY_EXECUTED, REFUSED), false),
    WITHDRAW(Party.REQUESTING, EventType.WITHDRAWN, EnumSet.complementOf(EnumSet.of(
            RequestStatus.REFUSED, RequestStatus.CLOSED, RequestStatus.WITHDRAWN)), true),
    // Budapest Art. 29(3)-(7); EU 2023/1543 Art. 11. Confirming is how a preservation request is executed.
    CONFIRM_PRESERVATION(Party.REQUESTED, EventType.PRESERVATION_CONFIRMED, EnumSet.of(ACKNOWLEDGED, UNDER_REVIEW, ACCEPTED, IN_EXECUTION), false),
    EXTEND_PRESERVATION(Party.REQUESTED, EventType.PRESERVATION_EXTENDED, EnumSet.of(EXECUTED), false),
    RELEASE_PRESERVATION(Party.EITHER, EventType.PRESERVATION_RELEASED, EnumSet.of(EXECUTED), false),
    EXPIRE_PRESERVATION(Party.SYSTEM, EventType.PRESERVATION_EXPIRED, EnumSet.of(EXECUTED), false),
    LINK_FOLLOW_UP(Party.REQUESTING, EventType.FOLLOW_UP_LINKED, EnumSet.of(EXECUTED), false),
    POST_MESSAGE(Party.EITHER, EventType.MESSAGE_POSTED, EnumSet.complementOf(EnumSet.of(DRAFT, RequestStatus.CLOSED, RequestStatus.WITHDRAWN)), true),
    ADD_ATTACHMENT(Party.EITHER, EventType.ATTACHMENT_ADDED, EnumSet.complementOf(EnumSet.of(RequestStatus.CLOSED, RequestStatus.WITHDRAWN)), false);

    private final Party party;
    private final EventType produces;
    private final Set<RequestStatus> from;
    private final boolean reasonRequired;

    Action(Party party, EventType produces, Set<RequestStatus> from, boolean reasonRequired) {
        this.party = party;
        this.produces = produces;
        this.from = from;
        this.reasonRequired = reasonRequired;
    }

    public Party party() {
        return party;
    }

    public EventType produces() {
        return produces;
    }

    /** The statuses from which this action is possible at all (further conditions may apply). */
    public Set<RequestStatus> from() {
        return from;
    }

    /** Whether a reason (or, for messages and answers, a text) must accompany it. */
    public boolean reasonRequired() {
        return reasonRequired;
    }

    /** {@code start-review}: how the action appears in URLs. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Action fromSlug(String slug) {
        return valueOf(slug.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Actions a person takes on the lifecycle page (not editing, attachments or system work). */
    public boolean isLifecycleStep() {
        return this != EDIT && this != ADD_ATTACHMENT && this != POST_MESSAGE && party != Party.SYSTEM;
    }
}
