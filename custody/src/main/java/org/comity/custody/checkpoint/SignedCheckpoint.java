package org.comity.custody.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.comity.custody.checkpoint.CheckpointRejected.Reason;

/**
 * A checkpoint as a signed note: the log's signature and any witness cosignatures. {@link #parse}
 * reads the form; {@link #verify} decides whether to believe it.
 */
public record SignedCheckpoint(Checkpoint checkpoint, SignedNote note) {

    public SignedCheckpoint {
        if (!note.text().equals(checkpoint.body())) {
            throw new IllegalArgumentException("the note's text is not the checkpoint");
        }
    }

    /** The log signs a checkpoint; by convention its key name is the origin. */
    public static SignedCheckpoint sign(Checkpoint checkpoint, NoteSigner log) {
        return new SignedCheckpoint(checkpoint, SignedNote.sign(checkpoint.body(), log));
    }

    /** With a witness's cosignature added (replacing an earlier one by the same witness key). */
    public SignedCheckpoint withCosignature(Cosignature cosignature) {
        return new SignedCheckpoint(checkpoint, note.withSignature(cosignature.noteSignature()));
    }

    public String format() {
        return note.format();
    }

    /** Reads a signed checkpoint's form (the note, then its text as a checkpoint); verifies nothing. */
    public static SignedCheckpoint parse(String signed) throws CheckpointRejected {
        return of(SignedNote.parse(signed));
    }

    /** Reads a signed checkpoint from its bytes, which must be UTF-8. */
    public static SignedCheckpoint parse(byte[] signed) throws CheckpointRejected {
        return of(SignedNote.parse(signed));
    }

    private static SignedCheckpoint of(SignedNote note) throws CheckpointRejected {
        try {
            return new SignedCheckpoint(Checkpoint.parse(note.text()), note);
        } catch (IllegalArgumentException e) {
            throw new CheckpointRejected(Reason.MALFORMED, e.getMessage());
        }
    }

    /** Parses and verifies in one step: how a checkpoint from outside is read. */
    public static VerifiedCheckpoint open(String signed, LogPolicy policy) throws CheckpointRejected {
        return parse(signed).verify(policy);
    }

    /**
     * Checks the checkpoint against {@code policy}: the origin, the log's signature, then the
     * witnesses' cosignatures. Signatures by keys the policy does not name are ignored; one by a
     * named key that does not verify refuses the whole checkpoint, as the signed-note spec advises.
     */
    public VerifiedCheckpoint verify(LogPolicy policy) throws CheckpointRejected {
        if (!checkpoint.origin().equals(policy.origin())) {
            throw new CheckpointRejected(Reason.WRONG_ORIGIN, "a checkpoint of " + checkpoint.origin() + ", not " + policy.origin());
        }
        note.requireSignedBy(policy.logKey());
        List<Cosignature> cosignatures = new ArrayList<>();
        for (Witness witness : policy.witnesses()) {
            Optional<NoteSignature> line = note.signatureBy(witness.name(), witness.keyId());
            if (line.isPresent()) {
                Cosignature cosignature = Cosignature.from(line.get()).filter(c -> witness.verifies(checkpoint, c))
                        .orElseThrow(() -> new CheckpointRejected(Reason.BAD_SIGNATURE, "the cosignature of witness " + witness.name()
                                + " does not match the checkpoint"));
                cosignatures.add(cosignature);
            }
        }
        if (cosignatures.size() < policy.quorum()) {
            throw new CheckpointRejected(Reason.TOO_FEW_COSIGNATURES, cosignatures.size() + " of the " + policy.witnesses().size()
                    + " witnesses cosigned; " + policy.quorum() + " must");
        }
        return new VerifiedCheckpoint(checkpoint, cosignatures);
    }
}
