package org.comity.custody.merkle;

import java.io.Serial;

/** A Merkle proof that does not prove what it was offered for: malformed, or not leading to the expected root. */
public final class ProofRejected extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public ProofRejected(String detail) {
        super(detail);
    }
}
