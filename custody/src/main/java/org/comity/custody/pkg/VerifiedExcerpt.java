package org.comity.custody.pkg;

import java.util.List;
import org.comity.custody.checkpoint.VerifiedCheckpoint;

/**
 * A custody excerpt that verified against its ledger's key and witnesses: its events are entries of
 * that ledger, which the checkpoints show was not rewritten between them.
 *
 * @param checkpoints the excerpt's checkpoints as verified, in increasing size, each with the cosignatures that counted
 */
public record VerifiedExcerpt(LedgerExcerpt excerpt, List<VerifiedCheckpoint> checkpoints) {

    public VerifiedExcerpt {
        checkpoints = List.copyOf(checkpoints);
    }
}
