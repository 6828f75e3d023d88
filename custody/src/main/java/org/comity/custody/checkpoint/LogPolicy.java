package org.comity.custody.checkpoint;

import java.util.HashSet;
import java.util.List;

/**
 * What a reader trusts about one log: its origin, its key, and which witnesses must cosign (at least
 * {@code quorum} of {@code witnesses}) before a checkpoint is believed.
 */
public record LogPolicy(String origin, NoteVerifier logKey, List<Witness> witnesses, int quorum) {

    public LogPolicy {
        if (!NoteText.line(origin)) {
            throw new IllegalArgumentException("the origin is one non-empty line");
        }
        if (logKey == null) {
            throw new IllegalArgumentException("a log policy names the log's key");
        }
        witnesses = List.copyOf(witnesses);
        if (quorum < 0 || quorum > witnesses.size()) {
            throw new IllegalArgumentException("the quorum is between 0 and the number of witnesses (" + witnesses.size() + ")");
        }
        if (new HashSet<>(witnesses.stream().map(w -> w.name() + "+" + w.keyId()).toList()).size() != witnesses.size()) {
            throw new IllegalArgumentException("each witness is listed once");
        }
    }

    /** The log's own signature is enough. */
    public static LogPolicy of(String origin, NoteVerifier logKey) {
        return new LogPolicy(origin, logKey, List.of(), 0);
    }

    /** This policy, also requiring {@code quorum} of {@code witnesses} to have cosigned. */
    public LogPolicy withWitnesses(List<Witness> witnesses, int quorum) {
        return new LogPolicy(origin, logKey, witnesses, quorum);
    }
}
