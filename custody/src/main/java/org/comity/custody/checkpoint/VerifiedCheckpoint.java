package org.comity.custody.checkpoint;

import java.util.List;

/**
 * A checkpoint whose log signature and witness quorum have been verified against a {@link LogPolicy}.
 *
 * @param cosignatures the verified cosignatures by the policy's witnesses, in the policy's order
 */
public record VerifiedCheckpoint(Checkpoint checkpoint, List<Cosignature> cosignatures) {

    public VerifiedCheckpoint {
        cosignatures = List.copyOf(cosignatures);
    }
}
