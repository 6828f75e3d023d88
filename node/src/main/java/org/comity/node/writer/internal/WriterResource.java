package org.comity.node.writer.internal;

import java.util.List;
import java.util.UUID;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestStatus;
import org.comity.node.writer.Requirements;
import org.comity.node.writer.SignOff;
import org.comity.node.writer.Translation;
import org.comity.node.writer.WriterDraft;

/**
 * A writer draft in the API.
 *
 * @param signOff the latest sign-off, or null
 * @param signedOff the latest sign-off approved the content as it is now
 * @param missing what the instrument, the format checks and the translation still need
 */
record WriterResource(UUID id, String reference, RequestStatus status, int version, RequestDocument document, Translation translation,
        SignOff signOff, boolean signedOff, boolean complete, boolean sendable, List<FieldProblem> missing, Requirements requirements) {

    static WriterResource of(WriterDraft d) {
        var s = d.request().summary();
        return new WriterResource(s.id(), s.reference(), s.status(), s.version(), d.request().document(), d.translation(),
                d.signOff().orElse(null), d.signedOff(), d.complete(), d.sendable(), d.missing(), d.requirements());
    }
}
