package org.comity.node.ledger.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.comity.custody.checkpoint.CheckpointRejected;
import org.comity.custody.checkpoint.Cosignature;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.StrictBase64;
import org.comity.custody.merkle.ConsistencyProofs;
import org.comity.custody.merkle.ProofRejected;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node as a witness of its peers' ledgers (C2SP tlog-witness, {@code add-checkpoint}): a
 * checkpoint is cosigned only if its log is a trusted peer, its signature verifies, and it is
 * consistent with the newest checkpoint of that log this node cosigned before. A checkpoint that
 * contradicts it (a consistency proof that fails, or another root for the same size) is proof that
 * the peer rewrote its history: it is refused, kept, audited and raised as an alarm.
 */
@Service
class Witnessing {

    private static final Logger log = LoggerFactory.getLogger(Witnessing.class);
    static final int MAX_BODY = 1 << 20;
    private static final int MAX_PROOF_LINES = 63;

    /** The answer to an add-checkpoint call: HTTP status, content type and body. */
    record Answer(int status, String contentType, String body) {
        static Answer text(int status, String body) {
            return new Answer(status, "text/plain; charset=utf-8", body + "\n");
        }
    }

    private final LedgerStore store;
    private final LedgerKey key;
    private final Peers peers;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final String self;

    Witnessing(LedgerStore store, LedgerKey key, Peers peers, TransactionTemplate tx, AuditTrail audit, Clock clock, ComityProperties properties) {
        this.store = store;
        this.key = key;
        this.peers = peers;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.self = properties.node().id();
    }

    Answer addCheckpoint(byte[] body) {
        if (body.length > MAX_BODY) {
            return Answer.text(413, "the request is larger than " + MAX_BODY + " bytes");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body)) {
            return Answer.text(400, "the request is not UTF-8");
        }
        Request request;
        try {
            request = Request.parse(text);
        } catch (IllegalArgumentException e) {
            return Answer.text(400, e.getMessage());
        }
        SignedCheckpoint signed;
        try {
            signed = SignedCheckpoint.parse(request.checkpoint());
        } catch (CheckpointRejected e) {
            return Answer.text(400, "the checkpoint is malformed: " + e.getMessage());
        }
        String origin = signed.checkpoint().origin();
        Peers.PeerLedger peer = peers.byOrigin(origin).orElse(null);
        if (peer == null) {
            return Answer.text(404, "this witness does not know the log " + origin);
        }
        try {
            signed.verify(LogPolicy.of(origin, peer.logKey()));
        } catch (CheckpointRejected e) {
            return Answer.text(403, "the checkpoint is not signed by the log's key: " + e.getMessage());
        }
        long size = signed.checkpoint().size();
        if (request.old() > size) {
            return Answer.text(400, "the old size " + request.old() + " is larger than the checkpoint's " + size);
        }
        if (request.old() == 0 && !request.proof().isEmpty()) {
            return Answer.text(400, "a consistency proof from size 0 is empty");
        }
        return tx.execute(status -> decide(peer, signed, request));
    }

    /** Checks against the stored view and records the new one, atomically (the spec's race). */
    private Answer decide(Peers.PeerLedger peer, SignedCheckpoint signed, Request request) {
        String origin = peer.origin();
        store.lockOrigin(origin);
        LedgerStore.Witnessed seen = store.witnessed(origin, true).orElse(null);
        long seenSize = seen == null ? 0 : seen.size();
        long size = signed.checkpoint().size();
        byte[] root = signed.checkpoint().rootHash();
        Instant now = clock.instant();
        if (request.old() != seenSize) {
            return new Answer(409, "text/x.tlog.size", seenSize + "\n");
        }
        if (seen != null && size == seenSize) {
            if (!Arrays.equals(root, seen.root())) {
                alarm(peer, "two different roots for size " + size + ": the log forked", signed, now);
                return Answer.text(409, "this witness cosigned another root for size " + size);
            }
        } else if (seen != null) {
            try {
                ConsistencyProofs.verify(seenSize, size, request.proof(), seen.root(), root);
            } catch (ProofRejected e) {
                alarm(peer, "checkpoint of size " + size + " is not consistent with size " + seenSize + " cosigned at " + seen.updatedAt()
                        + " (" + e.getMessage() + "): the log was rewritten", signed, now);
                return Answer.text(422, "the consistency proof does not verify: " + e.getMessage());
            }
        }
        store.saveWitnessed(origin, peer.nodeId(), size, root, signed.format(), now);
        Cosignature cosignature = key.cosigner().cosign(signed.checkpoint(), now);
        return new Answer(200, "text/plain; charset=utf-8", cosignature.noteSignature().line());
    }

    private void alarm(Peers.PeerLedger peer, String detail, SignedCheckpoint signed, Instant now) {
        log.error("Ledger of {} ({}): {}", peer.nodeId(), peer.origin(), detail);
        store.alarm(peer.origin(), peer.nodeId(), detail, signed.format(), now);
        audit.record(Actor.system(self), "ledger.inconsistent", "node", peer.nodeId(), AuditTrail.Outcome.DENIED,
                Map.of("origin", peer.origin(), "size", signed.checkpoint().size(), "detail", detail));
    }

    /** The body of an add-checkpoint request: the old size, the consistency proof, the checkpoint. */
    record Request(long old, List<byte[]> proof, String checkpoint) {
        static Request parse(String text) {
            int first = text.indexOf('\n');
            if (first < 0 || !text.startsWith("old ")) {
                throw new IllegalArgumentException("the body starts with an 'old <size>' line");
            }
            String oldText = text.substring(4, first);
            if (!oldText.matches("0|[1-9][0-9]{0,18}")) {
                throw new IllegalArgumentException("the old size is a decimal number without leading zeroes");
            }
            long old;
            try {
                old = Long.parseLong(oldText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the old size is too large");
            }
            List<byte[]> proof = new ArrayList<>();
            int at = first + 1;
            while (true) {
                int end = text.indexOf('\n', at);
                if (end < 0) {
                    throw new IllegalArgumentException("the proof lines end with an empty line before the checkpoint");
                }
                if (end == at) {
                    at = end + 1;
                    break;
                }
                if (proof.size() == MAX_PROOF_LINES) {
                    throw new IllegalArgumentException("a consistency proof has at most " + MAX_PROOF_LINES + " lines");
                }
                byte[] hash = StrictBase64.decode(text.substring(at, end))
                        .filter(h -> h.length == 32)
                        .orElseThrow(() -> new IllegalArgumentException("a proof line is one SHA-256 hash in base64"));
                proof.add(hash);
                at = end + 1;
            }
            return new Request(old, List.copyOf(proof), text.substring(at));
        }
    }
}
