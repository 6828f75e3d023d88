package org.comity.node.request.internal;

import java.util.List;
import java.util.Set;
import org.comity.node.request.Action;
import org.comity.node.request.AttachmentInfo;
import org.comity.node.request.Deadline;
import org.comity.node.request.Preservation;
import org.comity.node.request.RequestDetail;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestSummary;
import org.comity.node.request.Side;

/**
 * A request as the API returns it: where it stands, its content, its deadlines now, and the
 * actions the caller may take next (as URL slugs), and this side's actions sent to the node that
 * orders the timeline and not recorded yet ({@code pending}). The timeline is at {@code /events}.
 */
record RequestResource(
        RequestSummary summary,
        RequestDocument document,
        String executingAuthorityName,
        Preservation preservation,
        List<Deadline> deadlines,
        Set<Side> sides,
        List<String> actions,
        List<AttachmentInfo> attachments,
        boolean awaitingTransmission,
        List<org.comity.node.request.PendingAction> pending) {

    static RequestResource of(RequestDetail d) {
        return new RequestResource(d.summary(), d.document(), d.executingAuthorityName(), d.preservation(), d.deadlines(), d.sides(),
                d.actions().stream().map(Action::slug).toList(), d.attachments(), d.awaitingTransmission(), d.pending());
    }
}
