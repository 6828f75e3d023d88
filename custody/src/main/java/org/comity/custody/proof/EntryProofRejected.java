package org.comity.custody.proof;

import java.io.Serial;

/** An entry proof that is refused, and why: the entry cannot be taken to be in the log. */
public final class EntryProofRejected extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not a tlog-proof, or one that breaks the format. */
        MALFORMED,
        /** The checkpoint was refused (the cause says why: origin, signature, witnesses). */
        CHECKPOINT,
        /** The inclusion proof does not lead from this entry at this index to the checkpoint's root. */
        NOT_INCLUDED
    }

    private final Reason reason;

    public EntryProofRejected(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public EntryProofRejected(Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
