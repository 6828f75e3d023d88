package org.comity.custody.pkg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.merkle.HashSource;
import org.comity.custody.proof.ConsistencyProof;
import org.comity.custody.proof.EntryProof;

/**
 * The part of a node's custody ledger a package carries: its items' events with their indexes, an
 * inclusion proof of each against one of the signed (and cosigned) checkpoints, and consistency
 * proofs between successive checkpoints.
 *
 * @param checkpoints in increasing tree size
 * @param consistency one proof per pair of successive checkpoints
 */
public record LedgerExcerpt(List<LoggedEvent> events, Map<UUID, EntryProof> proofs, List<SignedCheckpoint> checkpoints,
        List<ConsistencyProof> consistency) {

    public LedgerExcerpt {
        events = events.stream().sorted(Comparator.comparingLong(LoggedEvent::index)).toList();
        proofs = Map.copyOf(proofs);
        checkpoints = List.copyOf(checkpoints);
        consistency = List.copyOf(consistency);
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("a ledger excerpt has at least one checkpoint");
        }
        for (int i = 1; i < checkpoints.size(); i++) {
            if (checkpoints.get(i).checkpoint().size() <= checkpoints.get(i - 1).checkpoint().size()) {
                throw new IllegalArgumentException("checkpoints come in increasing tree size");
            }
        }
        if (consistency.size() != checkpoints.size() - 1) {
            throw new IllegalArgumentException("one consistency proof per pair of successive checkpoints");
        }
        for (LoggedEvent e : events) {
            if (!proofs.containsKey(e.event().id())) {
                throw new IllegalArgumentException("no inclusion proof for event " + e.event().id());
            }
        }
    }

    /**
     * Proves each event from {@code log} (which must hold them at their indexes) against the first
     * checkpoint that includes it, and the checkpoints' consistency, from the same log.
     */
    public static LedgerExcerpt prove(HashSource log, List<LoggedEvent> events, List<SignedCheckpoint> checkpoints) {
        List<SignedCheckpoint> ordered = checkpoints.stream().sorted(Comparator.comparingLong(c -> c.checkpoint().size())).toList();
        Map<UUID, EntryProof> proofs = new HashMap<>();
        for (LoggedEvent e : events) {
            SignedCheckpoint covering = ordered.stream().filter(c -> c.checkpoint().size() > e.index()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no checkpoint includes ledger entry " + e.index()));
            proofs.put(e.event().id(), EntryProof.prove(log, e.index(), covering));
        }
        List<ConsistencyProof> consistency = new ArrayList<>();
        for (int i = 1; i < ordered.size(); i++) {
            consistency.add(ConsistencyProof.prove(log, ordered.get(i - 1).checkpoint().size(), ordered.get(i).checkpoint().size()));
        }
        return new LedgerExcerpt(events, proofs, ordered, consistency);
    }
}
