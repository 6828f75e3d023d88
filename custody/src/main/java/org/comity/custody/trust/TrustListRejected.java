package org.comity.custody.trust;

import java.io.Serial;

/** A trust list that is refused, and why; the node keeps the list it had. */
public final class TrustListRejected extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public enum Reason { MALFORMED, UNSUPPORTED, UNKNOWN_DIRECTORY_KEY, BAD_SIGNATURE, NOT_NEWER, INVALID }

    private final Reason reason;

    public TrustListRejected(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
