package org.comity.node.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.custody.event.CustodyAction;
import org.comity.node.evidence.Acquisition;
import org.comity.node.evidence.BlobStore;
import org.comity.node.evidence.EvidenceItem;
import org.comity.node.evidence.EvidenceItems;
import org.comity.node.evidence.NewEvidence;
import org.comity.node.evidence.RequestLookup;
import org.comity.node.evidence.RequestLookup.VisibleRequest;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Ids;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Items of evidence: load, check the actor sees the request and is on the item's side (else 404), act, audit. */
@Service
class EvidenceService implements EvidenceItems {

    private final UploadStore store;
    private final RequestLookup requests;
    private final BlobStore vault;
    private final AuditTrail audit;
    private final Clock clock;
    private final CustodyRecorder custody;
    private final Retention retention;
    private final org.comity.node.ledger.CustodyLedger ledger;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    private final org.springframework.beans.factory.ObjectProvider<TransferService> transfers;
    private final TransferStore transferStore;

    EvidenceService(UploadStore store, RequestLookup requests, BlobStore vault, AuditTrail audit, Clock clock, CustodyRecorder custody,
            org.springframework.beans.factory.ObjectProvider<TransferService> transfers, TransferStore transferStore, Retention retention,
            org.comity.node.ledger.CustodyLedger ledger, org.springframework.transaction.support.TransactionTemplate tx) {
        this.retention = retention;
        this.ledger = ledger;
        this.tx = tx;
        this.transfers = transfers;
        this.transferStore = transferStore;
        this.custody = custody;
        this.store = store;
        this.requests = requests;
        this.vault = vault;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<EvidenceItem> list(Actor actor, UUID requestId) {
        VisibleRequest request = requests.visible(actor, requestId).orElseThrow(() -> ComityException.notFound("Request"));
        return store.items(requestId, request.sides());
    }

    @Override
    @Transactional(readOnly = true)
    public EvidenceItem get(Actor actor, UUID itemId) {
        return visibleItem(actor, itemId).item();
    }

    @Override
    @Transactional
    public EvidenceContent open(Actor actor, UUID itemId, long offset) throws IOException {
        Seen seen = visibleItem(actor, itemId);
        EvidenceItem item = seen.item();
        if (offset < 0 || offset > item.size()) {
            throw new ComityException(416, "range-not-satisfiable", "This item has " + item.size() + " bytes; it cannot be read from byte " + offset + ".");
        }
        if (item.disposed()) {
            throw gone(item);
        }
        InputStream content = vault.open(item.sha256(), offset)
                .orElseThrow(() -> new IllegalStateException("the vault has no blob for evidence item " + itemId));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("request", seen.request().reference());
        detail.put("sha256", item.sha256());
        if (offset > 0) {
            detail.put("from", offset);
        }
        audit.success(actor, "evidence.item.read", "evidence", itemId, detail);
        custody.record(item, CustodyAction.ACCESS, custody.who(actor, "reader", item), CustodyRecorder.COMITY, clock.instant(),
                offset > 0 ? "Read from byte " + offset : "Read", item.sha256(), item.sha256(), Map.of());
        return new EvidenceContent(item, content);
    }

    @Override
    @Transactional(readOnly = true)
    public List<org.comity.node.evidence.CustodyRecord> custody(Actor actor, UUID itemId) {
        return custody.records(visibleItem(actor, itemId).item().id());
    }

    @Override
    @Transactional
    public EvidenceItem register(Actor actor, NewEvidence evidence) throws IOException {
        if (!actor.handlesRequests()) {
            throw ComityException.forbidden("Your roles do not allow adding evidence.");
        }
        VisibleRequest request = requests.visible(actor, evidence.requestId()).orElseThrow(() -> ComityException.notFound("Request"));
        if (!request.mayAct() || evidence.side() == null || !request.sides().contains(evidence.side())) {
            throw ComityException.forbidden("Your authority may not add evidence to that side of this request.");
        }
        Acquisition a = evidence.acquisition();
        if (a == null || blank(a.tool()) || blank(a.toolVersion()) || blank(a.examiner()) || blank(a.source()) || blank(a.method())
                || a.acquiredAt() == null || blank(evidence.fileName())) {
            throw ComityException.invalid("Evidence needs its file name and how it was acquired (tool and version, examiner, source,"
                    + " method, time).", List.of(FieldProblem.of("acquisition", "required", "Complete the chain of custody.")));
        }
        long size = (evidence.sha256() == null ? java.util.OptionalLong.empty() : vault.size(evidence.sha256()))
                .orElseThrow(() -> ComityException.invalid("The vault holds no content with that SHA-256.",
                        List.of(FieldProblem.of("sha256", "not-in-vault", "Store the bytes in the vault first."))));
        UUID itemId = Ids.newId(clock);
        EvidenceItem item = new EvidenceItem(itemId, request.id(), evidence.side(), evidence.fileName().strip(),
                blank(evidence.mediaType()) ? UploadForm.DEFAULT_MEDIA_TYPE : evidence.mediaType().strip(), size, evidence.sha256(), a,
                actor.userId(), actor.displayName(), actor.authorityId(), clock.instant(), null, itemId);
        store.insertItem(item);
        custody.acquired(item, actor.displayName(), item.recordedAt());
        audit.success(actor, "evidence.item.register", "evidence", item.id(),
                Map.of("request", request.reference(), "sha256", item.sha256(), "size", size, "file", item.fileName()));
        return item;
    }

    /** Sends an item of the requested side to the requesting side ({@link TransferService#send}). */
    TransferService.TransferView send(Actor actor, UUID itemId) {
        Seen seen = visibleItem(actor, itemId);
        return transfers.getObject().send(actor, seen.item(), seen.request());
    }

    /** The transfers of a request on the actor's sides: what its side sent, and what is coming to it. */
    @Transactional(readOnly = true)
    List<TransferService.TransferView> transfers(Actor actor, UUID requestId) {
        VisibleRequest request = requests.visible(actor, requestId).orElseThrow(() -> ComityException.notFound("Request"));
        return transferStore.ofRequest(requestId).stream()
                .filter(t -> request.sides().contains(t.direction() == TransferStore.Direction.OUT ? org.comity.node.evidence.RequestSide.REQUESTED
                        : org.comity.node.evidence.RequestSide.REQUESTING))
                .map(TransferService.TransferView::of).toList();
    }

    /** Disposes of an item of a side the actor acts for (its last custody event here; its bytes leave the vault). */
    @Override
    @Transactional
    public EvidenceItem dispose(Actor actor, UUID itemId, String reason) {
        return retention.dispose(actor, actingOn(actor, itemId, "dispose of"), reason);
    }

    /** Puts an item on legal hold, so that nobody and no retention period disposes of it. */
    @Override
    @Transactional
    public EvidenceItem hold(Actor actor, UUID itemId, String reason) {
        return retention.hold(actor, actingOn(actor, itemId, "hold"), reason);
    }

    /** Releases an item's legal hold. */
    @Override
    @Transactional
    public EvidenceItem release(Actor actor, UUID itemId, String reason) {
        return retention.release(actor, actingOn(actor, itemId, "release"), reason);
    }

    /**
     * What a check of an item found: whether the vault's bytes still have the item's SHA-256, and
     * whether every event of its chain on this node is proved in the custody ledger against its newest
     * checkpoint ({@code eventsProved} of {@code events}; fewer while the newest events wait for a
     * checkpoint, a second or so).
     */
    record Verification(Instant at, boolean intact, boolean bytesIntact, String computedSha256, int events, int eventsProved, String problem) {}

    /**
     * Checks an item now: every byte in the vault against its SHA-256 and its chain against the
     * ledger's proofs; the check is itself a {@code verify} custody event (with its result) and audited.
     */
    Verification verify(Actor actor, UUID itemId) throws IOException {
        EvidenceItem item = visibleItem(actor, itemId).item();
        if (item.disposed()) {
            throw gone(item);
        }
        String computed;
        String problem = null;
        try (InputStream in = vault.open(item.sha256(), 0).orElseThrow(() -> new IOException("the vault has no blob " + item.sha256()))) {
            java.security.MessageDigest sha256 = org.comity.custody.keys.Sha256.digest();
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) != -1; ) {
                sha256.update(buffer, 0, n);
            }
            computed = java.util.HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) { // a BlobStore.IntegrityException too: the sealed copy was altered or cut
            computed = null;
            problem = "the vault's copy does not read back whole: " + e.getMessage();
        }
        boolean bytesIntact = item.sha256().equals(computed);
        if (computed != null && !bytesIntact) {
            problem = "the vault's copy has SHA-256 " + computed + ", not " + item.sha256();
        }
        java.util.List<org.comity.custody.event.CustodyEvent> chain = custody.chain(itemId);
        int proved = 0;
        var excerpt = ledger.excerpt(chain);
        if (excerpt.isPresent()) {
            try {
                var identity = ledger.identity();
                excerpt.get().verify(org.comity.custody.checkpoint.LogPolicy.of(identity.origin(),
                        org.comity.custody.checkpoint.NoteVerifier.parse(identity.logKey())));
                proved = excerpt.get().events().size();
            } catch (org.comity.custody.pkg.ExcerptRejected | RuntimeException e) {
                problem = problem == null ? "the ledger does not prove the chain: " + e.getMessage() : problem;
            }
        }
        Instant at = clock.instant();
        Verification result = new Verification(at, bytesIntact && problem == null, bytesIntact, computed, chain.size(), proved, problem);
        String hash = computed;
        tx.executeWithoutResult(s -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("result", result.intact() ? "intact" : "failed");
            details.put("eventsProved", (long) result.eventsProved());
            if (hash != null && !bytesIntact) {
                details.put("computedSha256", hash);
            }
            custody.record(item, CustodyAction.VERIFY, custody.who(actor, "verifier", item), CustodyRecorder.COMITY, at,
                    result.intact() ? "SHA-256 of every byte in the vault and the ledger's proofs of " + result.eventsProved() + " of "
                            + result.events() + " events checked" : "Check failed: " + result.problem(),
                    item.sha256(), bytesIntact ? item.sha256() : null, details);
            Map<String, Object> detail = new LinkedHashMap<>(details);
            if (result.problem() != null) {
                detail.put("problem", result.problem());
            }
            audit.record(actor, "evidence.item.verify", "evidence", itemId.toString(),
                    result.intact() ? AuditTrail.Outcome.SUCCESS : AuditTrail.Outcome.FAILED, detail);
        });
        return result;
    }

    private EvidenceItem actingOn(Actor actor, UUID itemId, String what) {
        Seen seen = visibleItem(actor, itemId);
        if (!actor.handlesRequests() || !seen.request().mayAct()) {
            throw ComityException.forbidden("Your roles do not allow you to " + what + " evidence.");
        }
        return seen.item();
    }

    static ComityException gone(EvidenceItem item) {
        return new ComityException(410, "evidence-disposed", "This item was disposed of on " + item.disposal().at() + " ("
                + item.disposal().reason() + "); its bytes are no longer kept.");
    }

    private record Seen(EvidenceItem item, VisibleRequest request) {}

    private Seen visibleItem(Actor actor, UUID itemId) {
        EvidenceItem item = store.item(itemId).orElseThrow(() -> ComityException.notFound("Evidence item"));
        VisibleRequest request = requests.visible(actor, item.requestId())
                .filter(r -> r.sides().contains(item.side()))
                .orElseThrow(() -> ComityException.notFound("Evidence item"));
        return new Seen(item, request);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
