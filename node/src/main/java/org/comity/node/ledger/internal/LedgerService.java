package org.comity.node.ledger.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.comity.custody.checkpoint.CheckpointRejected;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.merkle.ConsistencyProofs;
import org.comity.custody.proof.EntryProof;
import org.comity.node.ledger.CustodyLedger;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Service
class LedgerService implements CustodyLedger {

    private final LedgerStore store;
    private final LedgerKey key;
    private final Sequencer sequencer;
    private final Clock clock;

    private final org.springframework.beans.factory.ObjectProvider<WitnessClient> witnesses;

    LedgerService(LedgerStore store, LedgerKey key, Sequencer sequencer, Clock clock,
            org.springframework.beans.factory.ObjectProvider<WitnessClient> witnesses) {
        this.witnesses = witnesses;
        this.store = store;
        this.key = key;
        this.sequencer = sequencer;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void append(String ref, String kind, byte[] entry) {
        if (entry.length > org.comity.custody.tiles.Tiles.MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException("a ledger entry is at most " + org.comity.custody.tiles.Tiles.MAX_ENTRY_BYTES + " bytes: " + ref);
        }
        store.queue(ref, kind, entry, clock.instant());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sequencer.wake();
                }
            });
        }
    }

    @Override
    public Identity identity() {
        return key.identity();
    }

    @Override
    @Transactional(readOnly = true)
    public OptionalLong indexOf(String ref) {
        return store.indexOf(ref);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<byte[]> entry(long index) {
        return store.entry(index);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<SignedCheckpoint> latestCheckpoint() {
        return store.latestCheckpoint().map(this::withCosignatures);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<EntryProof> proof(long index) {
        return store.checkpointCovering(index + 1)
                .map(c -> EntryProof.prove(store.source(c.size()), index, withCosignatures(c)));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<org.comity.custody.pkg.LedgerExcerpt> excerpt(List<org.comity.custody.event.CustodyEvent> events) {
        List<org.comity.custody.event.LoggedEvent> logged = new java.util.ArrayList<>();
        long needed = 0;
        for (var e : events) {
            OptionalLong index = store.indexOf("custody:" + e.id());
            if (index.isEmpty()) {
                return Optional.empty();
            }
            needed = Math.max(needed, index.getAsLong() + 1);
            logged.add(new org.comity.custody.event.LoggedEvent(key.origin(), index.getAsLong(), e));
        }
        long size = needed;
        return store.checkpointCovering(size).map(c -> org.comity.custody.pkg.LedgerExcerpt.prove(store.source(c.size()), logged,
                List.of(withCosignatures(c))));
    }

    @Override
    public void witnessNow() {
        witnesses.getObject().round();
    }

    @Override
    @Transactional(readOnly = true)
    public List<byte[]> consistency(long size1, long size2) {
        return ConsistencyProofs.prove(store.source(size2), size1, size2);
    }

    /** The checkpoint as signed, followed by the cosignature lines peers returned for it. */
    SignedCheckpoint withCosignatures(LedgerStore.StoredCheckpoint c) {
        StringBuilder note = new StringBuilder(c.note());
        for (String line : store.cosignatures(c.size())) {
            note.append(line);
        }
        try {
            return SignedCheckpoint.parse(note.toString());
        } catch (CheckpointRejected e) {
            throw new IllegalStateException("a stored checkpoint of the ledger does not read back: " + e.getMessage(), e);
        }
    }
}
