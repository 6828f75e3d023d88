package org.comity.node.evidence.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyChain;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.CustodyFormatException;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.FieldException;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonException;
import org.comity.custody.json.JsonFields;
import org.comity.custody.proof.EntryProof;
import org.comity.custody.proof.EntryProofRejected;

/**
 * The sender's part of an exhibit's chain of custody as it travels with the item: each event with
 * its index in the sender's ledger and its proof (c2sp tlog-proof) against a checkpoint signed by
 * the sender's ledger key. The receiving node checks it with the key the trust list gives for the
 * sender before it accepts the offer, keeps it, and puts it into the court packages it exports.
 */
record OfferedCustody(String ledgerKey, List<Logged> events) {

    static final String SCHEMA = "comity.custody-excerpt/1";
    static final int MAX_CHARS = 8 * 1024 * 1024;
    static final int MAX_EVENTS = 10_000;

    /** One event with its place in the sender's ledger and the proof of it. */
    record Logged(CustodyEvent event, long index, EntryProof proof) {}

    String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", SCHEMA);
        json.put("ledger", ledgerKey);
        List<Object> list = new ArrayList<>();
        for (Logged l : events) {
            list.add(Map.of("event", l.event().toJson(), "index", l.index(), "proof", l.proof().format()));
        }
        json.put("events", list);
        return CanonicalJson.write(json);
    }

    /**
     * Reads an excerpt and checks it entirely: the sender's ledger key is the one expected, every
     * event is of this exhibit and parses, the events form one unbroken chain that ends in a
     * TRANSFER whose output is the item's SHA-256, and every event is proved in the sender's ledger.
     *
     * @return the TRANSFER event, to which the receiving node's RECEIVE is linked
     * @throws IllegalArgumentException naming what does not hold
     */
    static CustodyEvent check(String text, String expectedLedgerKey, UUID exhibit, String sha256) {
        OfferedCustody excerpt = parse(text);
        if (!excerpt.ledgerKey().equals(expectedLedgerKey)) {
            throw new IllegalArgumentException("the chain is proved against ledger key " + excerpt.ledgerKey()
                    + ", not the sender's key in the trust list");
        }
        NoteVerifier key = NoteVerifier.parse(expectedLedgerKey);
        LogPolicy policy = LogPolicy.of(key.name(), key);
        List<CustodyEvent> chain = new ArrayList<>();
        for (Logged l : excerpt.events()) {
            if (!l.event().exhibit().equals(exhibit)) {
                throw new IllegalArgumentException("event " + l.event().id() + " is about exhibit " + l.event().exhibit() + ", not " + exhibit);
            }
            if (l.proof().index() != l.index()) {
                throw new IllegalArgumentException("event " + l.event().id() + " is at index " + l.index() + " but its proof is for " + l.proof().index());
            }
            try {
                l.proof().verifyEntry(l.event().canonicalBytes(), policy);
            } catch (EntryProofRejected e) {
                throw new IllegalArgumentException("event " + l.event().id() + " is not proved in the sender's ledger: " + e.getMessage());
            }
            chain.add(l.event());
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain of custody is empty");
        }
        var breaks = CustodyChain.breaks(chain);
        if (!breaks.isEmpty()) {
            throw new IllegalArgumentException("the chain of custody is broken: " + breaks.getFirst());
        }
        CustodyEvent last = chain.getLast();
        if (last.action() != CustodyAction.TRANSFER) {
            throw new IllegalArgumentException("the chain ends in " + last.action().json() + ", not in the transfer");
        }
        if (!last.outputSha256().map(sha256::equals).orElse(false)) {
            throw new IllegalArgumentException("the transfer event does not name the item's SHA-256");
        }
        return last;
    }

    static OfferedCustody parse(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("an excerpt is JSON of at most " + MAX_CHARS + " characters");
        }
        try {
            JsonFields root = JsonFields.of(Json.parse(text, MAX_CHARS), "excerpt", Set.of("schema", "ledger", "events"));
            if (!SCHEMA.equals(root.string("schema", 64))) {
                throw new IllegalArgumentException("excerpt.schema must be " + SCHEMA);
            }
            String ledger = root.string("ledger", 1000);
            NoteVerifier.parse(ledger);
            List<Logged> events = root.objects("events", MAX_EVENTS, Set.of("event", "index", "proof"), f -> {
                try {
                    CustodyEvent event = CustodyEvent.fromJson(f.raw("event").orElseThrow(() -> f.problem("event", "is required")));
                    EntryProof proof = EntryProof.parse(f.string("proof", EntryProof.MAX_BYTES).getBytes(StandardCharsets.UTF_8));
                    return new Logged(event, f.whole("index", 0), proof);
                } catch (CustodyFormatException | EntryProofRejected e) {
                    throw new IllegalArgumentException(f.where() + ": " + e.getMessage());
                }
            });
            return new OfferedCustody(ledger, events);
        } catch (JsonException | FieldException e) {
            throw new IllegalArgumentException("the excerpt is malformed: " + e.getMessage());
        }
    }
}
