package org.comity.node.ledger;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.proof.EntryProof;

/**
 * The node's custody ledger. {@link #append} must be called inside the transaction of the change
 * the entry records: the entry commits or rolls back with it, and is given its index by the
 * sequencer shortly after commit (never a gap, never twice). Checkpoints are signed at a fixed
 * cadence and cosigned by peers.
 */
public interface CustodyLedger {

    /** Custody events: the chain of custody of evidence (custody-event JSON, docs/formats/evidence-package.md). */
    String CUSTODY = "custody";
    /** Audit events: every change and every read of sensitive data on this node. */
    String AUDIT = "audit";

    /**
     * Queues an entry. {@code ref} names what it records, once ({@code custody:<event id>},
     * {@code audit:<id>}); a second entry under the same ref fails the transaction. Entries are at
     * most 65,535 bytes (tlog-tiles entry bundles).
     */
    void append(String ref, String kind, byte[] entry);

    /** Who the ledger is: its origin and keys, as peers and courts configure them. */
    Identity identity();

    /** The index an entry was given, once integrated. */
    OptionalLong indexOf(String ref);

    /** The entry's bytes at an index, if integrated. */
    Optional<byte[]> entry(long index);

    /** The newest signed checkpoint with the cosignatures peers returned, if any was signed yet. */
    Optional<SignedCheckpoint> latestCheckpoint();

    /**
     * A proof that the entry at {@code index} is in the ledger (C2SP tlog-proof), against the newest
     * checkpoint; empty until a checkpoint covers the entry.
     */
    Optional<EntryProof> proof(long index);

    /**
     * The given custody events as this ledger proves them to someone else (a peer receiving the
     * exhibit, a court): each with its index and inclusion proof against one checkpoint that covers
     * them all, the newest such with peers' cosignatures if any has them. Empty until every event is
     * integrated and checkpointed (a second or so after it was appended).
     */
    Optional<org.comity.custody.pkg.LedgerExcerpt> excerpt(List<org.comity.custody.event.CustodyEvent> events);

    /** Asks this node's peers to cosign the newest checkpoint now rather than at the next round; returns when they answered. */
    void witnessNow();

    /** A consistency proof between two checkpointed sizes of this ledger. */
    List<byte[]> consistency(long size1, long size2);

    /**
     * @param origin the ledger's name in every checkpoint
     * @param logKey the C2SP vkey (Ed25519, type 0x01) that signs checkpoints
     * @param witnessKey the C2SP vkey (type 0x04) with which this node cosigns its peers' checkpoints
     */
    record Identity(String origin, String logKey, String witnessKey) {}
}
