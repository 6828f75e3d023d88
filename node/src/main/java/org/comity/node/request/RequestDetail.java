package org.comity.node.request;

import java.util.List;
import java.util.Set;

/**
 * Everything a user with access sees of one request: its content, where it stands, its deadlines
 * now, what the user may do next, its history and its attachments.
 *
 * @param sides which side(s) the viewing user is on
 * @param actions what the viewing user may do now
 * @param awaitingTransmission the request waits to be transmitted to another node
 * @param pending this side's actions sent to the node that orders the timeline, not recorded yet or refused
 */
public record RequestDetail(
        RequestSummary summary,
        RequestDocument document,
        Instrument instrument,
        String executingAuthorityName,
        Preservation preservation,
        List<Deadline> deadlines,
        Set<Side> sides,
        Set<Action> actions,
        List<RequestEvent> timeline,
        List<AttachmentInfo> attachments,
        boolean awaitingTransmission,
        List<PendingAction> pending) {}
