package org.comity.custody.checkpoint;

import java.io.Serial;

/** A signed note or checkpoint that is refused, and why; nothing it says may be relied on. */
public final class CheckpointRejected extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Why; each calls for a different action by whoever handed the checkpoint over. */
    public enum Reason {
        /** Not a signed note, or a note whose text is not a checkpoint: a broken or hostile input. */
        MALFORMED,
        /** The checkpoint of another log than the one expected. */
        WRONG_ORIGIN,
        /** No signature by the log's key: signed by someone else, or by a key since rotated. */
        UNSIGNED,
        /** A signature by a known key (the log's or a witness's) that does not verify: forged or altered. */
        BAD_SIGNATURE,
        /** Fewer witnesses than the policy requires have cosigned. */
        TOO_FEW_COSIGNATURES
    }

    private final Reason reason;

    public CheckpointRejected(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
