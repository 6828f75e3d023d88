package org.comity.custody.pkg;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.custody.checkpoint.CheckpointRejected;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.SignedNote;
import org.comity.custody.checkpoint.VerifiedCheckpoint;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.CustodyFormatException;
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.FieldException;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonException;
import org.comity.custody.json.JsonFields;
import org.comity.custody.merkle.HashSource;
import org.comity.custody.merkle.InclusionProofs;
import org.comity.custody.merkle.ProofRejected;
import org.comity.custody.merkle.TreeHash;
import org.comity.custody.pkg.ExcerptRejected.Reason;
import org.comity.custody.proof.ConsistencyProof;
import org.comity.custody.proof.EntryProof;
import org.comity.custody.proof.EntryProofRejected;

/**
 * A part of one node's custody ledger that travels (a custody excerpt, docs/formats/custody-excerpt.md):
 * some custody events with their indexes, an inclusion proof of each against one of the ledger's
 * signed (and cosigned) checkpoints, and consistency proofs between successive checkpoints. A
 * sending node proves its part of an exhibit's custody with one ({@link #prove}) and sends it with
 * the exhibit ({@link #canonicalBytes}); the receiving node reads it strictly ({@link #parse}),
 * checks it with the sender's ledger key from its trust list ({@link #verify}), keeps it, and later
 * puts it in a court's package beside its own.
 *
 * @param ledger the origin of the ledger the events are from
 * @param events in increasing ledger index
 * @param proofs the inclusion proof of each event, by event id; each leads to one of {@code checkpoints}
 * @param checkpoints in increasing tree size
 * @param consistency one proof per pair of successive checkpoints
 */
public record LedgerExcerpt(String ledger, List<LoggedEvent> events, Map<UUID, EntryProof> proofs, List<SignedCheckpoint> checkpoints,
        List<ConsistencyProof> consistency) {

    public static final String SCHEMA = "comity.custody-excerpt/1";
    /** A node reads an excerpt from a peer into memory: this much at most. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;
    public static final int MAX_EVENTS = 100_000;
    public static final int MAX_CHECKPOINTS = 1_000;
    private static final Set<String> FIELDS = Set.of("schema", "ledger", "events", "checkpoints", "consistency");

    /** @throws IllegalArgumentException naming what does not hold together */
    public LedgerExcerpt {
        if (ledger == null || ledger.isBlank()) {
            throw new IllegalArgumentException("an excerpt names its ledger's origin");
        }
        events = events.stream().sorted(Comparator.comparingLong(LoggedEvent::index)).toList();
        proofs = Map.copyOf(proofs);
        checkpoints = List.copyOf(checkpoints);
        consistency = List.copyOf(consistency);
        if (events.size() > MAX_EVENTS || checkpoints.isEmpty() || checkpoints.size() > MAX_CHECKPOINTS) {
            throw new IllegalArgumentException("an excerpt has at most " + MAX_EVENTS + " events and 1 to " + MAX_CHECKPOINTS + " checkpoints");
        }
        requireCheckpoints(ledger, checkpoints, consistency);
        requireEvents(ledger, events, proofs, checkpoints);
    }

    private static void requireCheckpoints(String ledger, List<SignedCheckpoint> checkpoints, List<ConsistencyProof> consistency) {
        for (int i = 0; i < checkpoints.size(); i++) {
            if (!checkpoints.get(i).checkpoint().origin().equals(ledger)) {
                throw new IllegalArgumentException("checkpoint " + i + " is of ledger " + checkpoints.get(i).checkpoint().origin() + ", not " + ledger);
            }
            if (i > 0 && checkpoints.get(i).checkpoint().size() <= checkpoints.get(i - 1).checkpoint().size()) {
                throw new IllegalArgumentException("checkpoints come in increasing tree size");
            }
        }
        if (consistency.size() != checkpoints.size() - 1) {
            throw new IllegalArgumentException("one consistency proof per pair of successive checkpoints");
        }
        for (int i = 0; i < consistency.size(); i++) {
            ConsistencyProof proof = consistency.get(i);
            if (proof.oldSize() != checkpoints.get(i).checkpoint().size() || proof.newSize() != checkpoints.get(i + 1).checkpoint().size()) {
                throw new IllegalArgumentException("consistency proof " + i + " is from " + proof.oldSize() + " to " + proof.newSize()
                        + ", not between checkpoints " + i + " and " + (i + 1));
            }
        }
    }

    private static void requireEvents(String ledger, List<LoggedEvent> events, Map<UUID, EntryProof> proofs, List<SignedCheckpoint> checkpoints) {
        Set<UUID> ids = new HashSet<>();
        long last = -1;
        for (LoggedEvent e : events) {
            UUID id = e.event().id();
            if (!e.ledger().equals(ledger)) {
                throw new IllegalArgumentException("event " + id + " is in ledger " + e.ledger() + ", not " + ledger);
            }
            if (!ids.add(id) || e.index() == last) {
                throw new IllegalArgumentException("event " + id + " or its ledger index " + e.index() + " is given twice");
            }
            last = e.index();
            EntryProof proof = proofs.get(id);
            if (proof == null) {
                throw new IllegalArgumentException("no inclusion proof for event " + id);
            }
            if (proof.index() != e.index() || proof.extra().length > 0) {
                throw new IllegalArgumentException("the proof of event " + id + " is for entry " + proof.index() + " (and carries no extra data)");
            }
            if (checkpoints.stream().noneMatch(c -> c.checkpoint().equals(proof.checkpoint().checkpoint()))) {
                throw new IllegalArgumentException("the proof of event " + id + " leads to a checkpoint that is not the excerpt's");
            }
        }
        if (!ids.containsAll(proofs.keySet())) {
            throw new IllegalArgumentException("a proof for an event that is not in the excerpt");
        }
    }

    /**
     * Proves each event from {@code log} (which must hold them at their indexes) against the first
     * checkpoint that includes it, and the checkpoints' consistency, from the same log. The excerpt's
     * ledger is the checkpoints' origin.
     */
    public static LedgerExcerpt prove(HashSource log, List<LoggedEvent> events, List<SignedCheckpoint> checkpoints) {
        List<SignedCheckpoint> ordered = checkpoints.stream().sorted(Comparator.comparingLong(c -> c.checkpoint().size())).toList();
        if (ordered.isEmpty()) {
            throw new IllegalArgumentException("a ledger excerpt has at least one checkpoint");
        }
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
        return new LedgerExcerpt(ordered.getFirst().checkpoint().origin(), events, proofs, ordered, consistency);
    }

    /** The part of this excerpt about {@code exhibits}: their events and proofs, with every checkpoint (consistency proofs do not shorten). */
    public LedgerExcerpt select(Set<UUID> exhibits) {
        List<LoggedEvent> kept = events.stream().filter(e -> exhibits.contains(e.event().exhibit())).toList();
        Map<UUID, EntryProof> keptProofs = new HashMap<>();
        kept.forEach(e -> keptProofs.put(e.event().id(), proofs.get(e.event().id())));
        return new LedgerExcerpt(ledger, kept, keptProofs, checkpoints, consistency);
    }

    /**
     * Checks the excerpt against what the reader trusts about its ledger: every checkpoint signed by
     * the ledger's key and cosigned by the policy's quorum of witnesses, each checkpoint consistent
     * with the one before, and each event's inclusion proof leading from its canonical bytes to the
     * root of its checkpoint. How a node checks what a peer sent before it keeps it.
     *
     * @param policy the ledger's origin, key, witnesses and quorum, from the reader's trust list
     * @return the verified checkpoints, which say who cosigned and when
     * @throws ExcerptRejected at the first thing that does not verify, naming it
     */
    public VerifiedExcerpt verify(LogPolicy policy) throws ExcerptRejected {
        if (!policy.origin().equals(ledger)) {
            throw new ExcerptRejected(Reason.WRONG_LEDGER, "an excerpt of ledger " + ledger + ", not of " + policy.origin());
        }
        List<VerifiedCheckpoint> verified = new ArrayList<>();
        for (SignedCheckpoint checkpoint : checkpoints) {
            try {
                verified.add(checkpoint.verify(policy));
            } catch (CheckpointRejected e) {
                throw new ExcerptRejected(Reason.CHECKPOINT, "the checkpoint at " + checkpoint.checkpoint().size() + " entries: " + e.getMessage());
            }
        }
        for (int i = 0; i < consistency.size(); i++) {
            try {
                consistency.get(i).verify(verified.get(i).checkpoint(), verified.get(i + 1).checkpoint());
            } catch (ProofRejected e) {
                throw new ExcerptRejected(Reason.INCONSISTENT, "the ledger at " + verified.get(i + 1).checkpoint().size()
                        + " entries does not extend the ledger at " + verified.get(i).checkpoint().size() + ": " + e.getMessage());
            }
        }
        for (LoggedEvent e : events) {
            EntryProof proof = proofs.get(e.event().id());
            VerifiedCheckpoint checkpoint = verified.stream().filter(c -> c.checkpoint().equals(proof.checkpoint().checkpoint())).findFirst()
                    .orElseThrow();
            try {
                InclusionProofs.verify(e.index(), checkpoint.checkpoint().size(), TreeHash.leaf(e.event().canonicalBytes()), proof.path(),
                        checkpoint.checkpoint().rootHash());
            } catch (ProofRejected ex) {
                throw new ExcerptRejected(Reason.NOT_INCLUDED, "event " + e.event().id() + " is not entry " + e.index() + " of the ledger: "
                        + ex.getMessage());
            }
        }
        return new VerifiedExcerpt(this, verified);
    }

    /** The excerpt as a JSON object, before canonicalisation. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", SCHEMA);
        json.put("ledger", ledger);
        json.put("events", events.stream().map(e -> Map.of("event", e.event().toJson(), "index", e.index(),
                "proof", proofs.get(e.event().id()).format())).toList());
        json.put("checkpoints", checkpoints.stream().map(SignedCheckpoint::format).toList());
        json.put("consistency", consistency.stream().map(ConsistencyProof::format).toList());
        return json;
    }

    /** The excerpt as it travels and is stored: canonical JSON (RFC 8785) in UTF-8. */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(toJson());
    }

    /**
     * Reads an excerpt strictly, as a node reads one from a peer: UTF-8 canonical JSON of this
     * schema, every event, proof, checkpoint and consistency proof well formed and in its one form,
     * and all of them holding together (one ledger, each event proven, checkpoints in order). Nothing
     * is verified: that is {@link #verify}'s, with the key the reader trusts.
     */
    public static LedgerExcerpt parse(byte[] bytes) throws CustodyFormatException {
        if (bytes == null || bytes.length > MAX_BYTES) {
            throw new CustodyFormatException("", "a custody excerpt is at most " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CustodyFormatException("", "a custody excerpt is UTF-8");
        }
        LedgerExcerpt excerpt;
        try {
            excerpt = read(JsonFields.of(Json.parseObject(text, MAX_BYTES), "", FIELDS));
        } catch (JsonException e) {
            throw new CustodyFormatException("", "not JSON: " + e.getMessage());
        } catch (FieldException e) {
            throw new CustodyFormatException(e.field(), e.problem());
        }
        if (!Arrays.equals(bytes, excerpt.canonicalBytes())) {
            throw new CustodyFormatException("", "not in canonical form (RFC 8785), or a proof or checkpoint in it is not in its one form");
        }
        return excerpt;
    }

    private static LedgerExcerpt read(JsonFields f) {
        if (!SCHEMA.equals(f.string("schema", 100))) {
            throw f.problem("schema", "must be " + SCHEMA);
        }
        String ledger = f.string("ledger", 300);
        Map<UUID, EntryProof> proofs = new HashMap<>();
        long[] last = {-1};
        List<LoggedEvent> events = f.objects("events", MAX_EVENTS, Set.of("event", "index", "proof"), e -> {
            long index = e.whole("index", 0);
            if (index <= last[0]) {
                throw e.problem("index", "must be greater than the index of the event before it (events come in ledger order, once each)");
            }
            last[0] = index;
            CustodyEvent event;
            try {
                event = CustodyEvent.fromJson(e.raw("event").orElseThrow(() -> e.problem("event", "is required")));
            } catch (CustodyFormatException ex) {
                throw new FieldException(e.where() + ".event", ex.getMessage());
            }
            try {
                if (proofs.put(event.id(), EntryProof.parse(e.string("proof", EntryProof.MAX_BYTES))) != null) {
                    throw e.problem("event", "event " + event.id() + " is given twice");
                }
            } catch (EntryProofRejected ex) {
                throw e.problem("proof", "is not a tlog-proof: " + ex.getMessage());
            }
            return new LoggedEvent(ledger, index, event);
        });
        List<SignedCheckpoint> checkpoints = f.list("checkpoints", MAX_CHECKPOINTS, item -> {
            try {
                return SignedCheckpoint.parse(item.string(SignedNote.MAX_BYTES));
            } catch (CheckpointRejected e) {
                throw new FieldException(item.where(), "is not a signed checkpoint: " + e.getMessage());
            }
        });
        List<ConsistencyProof> consistency = f.list("consistency", MAX_CHECKPOINTS, item -> {
            try {
                return ConsistencyProof.parse(item.string(ConsistencyProof.MAX_BYTES).getBytes(StandardCharsets.UTF_8));
            } catch (ProofRejected e) {
                throw new FieldException(item.where(), "is not a consistency proof: " + e.getMessage());
            }
        });
        try {
            return new LedgerExcerpt(ledger, events, proofs, checkpoints, consistency);
        } catch (IllegalArgumentException e) {
            throw new FieldException("", e.getMessage());
        }
    }

    /** The events of one exhibit, in ledger order. */
    public List<LoggedEvent> eventsOf(UUID exhibit) {
        return events.stream().filter(e -> e.event().exhibit().equals(exhibit)).toList();
    }

    /** The event of this id, if the excerpt has it. */
    public Optional<LoggedEvent> event(UUID id) {
        return events.stream().filter(e -> e.event().id().equals(id)).findFirst();
    }
}
