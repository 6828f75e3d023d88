package org.comity.node.writer;

import java.util.List;
import java.util.Optional;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.RequestDetail;

/**
 * A request as the writer shows it: the request itself, its translation, the latest sign-off, and
 * what still stands between it and sending.
 *
 * @param missing everything the instrument, the format checks and the translation still need; empty when complete
 * @param signedOff the latest sign-off approved the content exactly as it is now
 */
public record WriterDraft(RequestDetail request, Translation translation, Optional<SignOff> signOff, boolean signedOff,
        List<FieldProblem> missing, Requirements requirements) {

    public WriterDraft {
        missing = List.copyOf(missing);
    }

    public boolean complete() {
        return missing.isEmpty();
    }

    /** Complete and signed off as it is: it may be sent. */
    public boolean sendable() {
        return complete() && signedOff;
    }
}
