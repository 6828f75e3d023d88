package org.comity.custody.pkg;

import java.io.Serial;

/**
 * A custody excerpt that does not verify against what the reader trusts about its ledger, and why:
 * a node keeps no part of it, and should refuse the hand-over it came with until the sender explains.
 */
public final class ExcerptRejected extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Why; each points at a different fault. */
    public enum Reason {
        /** The excerpt is of another ledger than the one the reader checked it for. */
        WRONG_LEDGER,
        /** A checkpoint is not signed by the ledger's key, or too few of the expected witnesses cosigned it. */
        CHECKPOINT,
        /** Two successive checkpoints are not consistent: the ledger was rewritten between them. */
        INCONSISTENT,
        /** An event's inclusion proof does not lead to its checkpoint's root: the event is not that entry of the ledger. */
        NOT_INCLUDED
    }

    private final Reason reason;

    public ExcerptRejected(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
