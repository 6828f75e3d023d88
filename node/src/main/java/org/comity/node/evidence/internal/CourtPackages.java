package org.comity.node.evidence.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.checkpoint.Witness;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.Tool;
import org.comity.custody.manifest.AuthorityRef;
import org.comity.custody.manifest.LedgerRef;
import org.comity.custody.manifest.NodeRef;
import org.comity.custody.manifest.Producer;
import org.comity.custody.manifest.RequestRef;
import org.comity.custody.manifest.WitnessPolicy;
import org.comity.custody.pkg.EvidencePackageWriter;
import org.comity.custody.pkg.ExcerptRejected;
import org.comity.custody.pkg.ItemSource;
import org.comity.custody.pkg.LedgerExcerpt;
import org.comity.custody.pkg.PackageContents;
import org.comity.custody.pkg.PackageLedger;
import org.comity.custody.trust.TrustList;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.directory.Federation;
import org.comity.node.directory.NodeEntry;
import org.comity.node.directory.NodeIdentity;
import org.comity.node.evidence.BlobStore;
import org.comity.node.evidence.EvidenceItem;
import org.comity.node.evidence.RequestLookup;
import org.comity.node.ledger.CustodyLedger;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Ids;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The evidence package a court, the defence or an expert checks offline
 * (docs/formats/evidence-package.md, {@code comity verify}). The export is itself a custody event:
 * it is recorded first and the package waits until the ledger has checkpointed it and the peers have
 * had the chance to cosign, so the package's chain ends with its own making. An item received from
 * another node carries that node's part of the chain, proved in that node's ledger, as received.
 */
@Service
class CourtPackages {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final EvidenceService evidence;
    private final CustodyRecorder custody;
    private final CustodyLedger ledger;
    private final TransferStore transfers;
    private final RequestLookup requests;
    private final Directory directory;
    private final Federation federation;
    private final NodeIdentity identity;
    private final BlobStore vault;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ComityProperties properties;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CourtPackages(EvidenceService evidence, CustodyRecorder custody, CustodyLedger ledger, TransferStore transfers, RequestLookup requests,
            Directory directory, Federation federation, NodeIdentity identity, BlobStore vault, AuditTrail audit, TransactionTemplate tx, Clock clock,
            ComityProperties properties) {
        this.evidence = evidence;
        this.custody = custody;
        this.ledger = ledger;
        this.transfers = transfers;
        this.requests = requests;
        this.directory = directory;
        this.federation = federation;
        this.identity = identity;
        this.vault = vault;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Writes the package of one item into a temporary file (the caller streams it and deletes it).
     *
     * @param includeBytes false for a package that names the item by its SHA-256 only
     */
    Path export(Actor actor, UUID itemId, boolean includeBytes) throws IOException, InterruptedException {
        EvidenceItem item = evidence.get(actor, itemId);
        return write(actor, item.requestId(), List.of(item), includeBytes);
    }

    /**
     * Writes the package of every item of a request on the reader's side that has not been disposed
     * of: one manifest, this node's part of every chain proved in its ledger, and for items received
     * from other nodes each sender's part proved in the sender's ledger.
     */
    Path exportRequest(Actor actor, UUID requestId, boolean includeBytes) throws IOException, InterruptedException {
        List<EvidenceItem> items = evidence.list(actor, requestId).stream().filter(i -> !i.disposed()).toList();
        if (items.isEmpty()) {
            throw ComityException.conflict("no-evidence", "This request has no item of evidence on your side to export.");
        }
        return write(actor, requestId, items, includeBytes);
    }

    private Path write(Actor actor, UUID requestId, List<EvidenceItem> items, boolean includeBytes) throws IOException, InterruptedException {
        RequestLookup.VisibleRequest request = requests.visible(actor, requestId).orElseThrow(() -> ComityException.notFound("Request"));
        UUID packageId = Ids.newId(clock);
        tx.executeWithoutResult(s -> {
            for (EvidenceItem item : items) {
                custody.record(item, CustodyAction.EXPORT, custody.who(actor, "exporter", item), CustodyRecorder.COMITY, clock.instant(),
                        "Evidence package " + packageId + (includeBytes ? " with the item's bytes" : " naming the item by its SHA-256"), item.sha256(),
                        item.sha256(), Map.of("package", packageId.toString()));
            }
            Map<String, Object> detail = new java.util.LinkedHashMap<>();
            detail.put("request", request.reference());
            detail.put("package", packageId.toString());
            detail.put("bytes", includeBytes);
            if (items.size() > 1) {
                detail.put("items", items.size());
            }
            audit.success(actor, "evidence.export", items.size() == 1 ? "evidence" : "request", items.size() == 1 ? items.getFirst().id() : requestId,
                    detail);
        });
        List<CustodyEvent> chains = new ArrayList<>();
        for (EvidenceItem item : items) {
            chains.addAll(custody.chain(item.id()));
        }
        LedgerExcerpt own = awaitExcerpt(chains);
        ledger.witnessNow();
        own = ledger.excerpt(chains).orElse(own);

        List<PackageLedger> ledgers = foreignLedgers(items);
        CustodyLedger.Identity me = ledger.identity();
        NodeEntry self = directory.localNode();
        ledgers.add(new PackageLedger(new LedgerRef(me.origin(), NoteVerifier.parse(me.logKey()), new NodeRef(self.id(), self.name(), self.stateCode()),
                witnesses(own, me.origin())), own));

        List<ItemSource> sources = new ArrayList<>();
        for (EvidenceItem item : items) {
            var a = item.acquisition();
            var acquisition = new org.comity.custody.manifest.Acquisition(new Tool(a.tool(), a.toolVersion()), a.examiner(), a.source(), a.method(),
                    a.acquiredAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            sources.add(includeBytes
                    ? ItemSource.included(item.exhibit(), item.fileName(), item.fileName(), item.mediaType(), acquisition,
                            () -> vault.open(item.sha256()).orElseThrow(() -> new IOException("the vault lost " + item.sha256())))
                    : ItemSource.hashOnly(item.exhibit(), item.fileName(), item.fileName(), item.mediaType(), acquisition, item.size(), item.sha256()));
        }
        RequestLookup.LegalBasis basis = requests.legalBasis(requestId).orElseThrow();
        RequestLookup.Parties parties = requests.parties(requestId).orElseThrow();
        RequestRef requestRef = new RequestRef(requestId, basis.reference(), basis.citation(), authority(parties.requesting()),
                authority(parties.requested()));
        org.comity.custody.keys.SigningKey producer = identity.signingKey(); // once: the key named and the key that signs are one
        PackageContents contents = new PackageContents(packageId, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), new Producer(me.origin(), producer.publicJwk()),
                requestRef, sources, ledgers);
        Path file = Files.createTempFile(properties.dataDir().resolve("transfers"), "package-", ".zip");
        try {
            EvidencePackageWriter.write(contents, producer, file, progress -> { });
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** The package as an HTTP answer: streamed from its temporary file, which is deleted once sent. */
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> download(Actor actor,
            UUID itemId, String bytes) throws IOException, InterruptedException {
        boolean included = includesBytes(bytes);
        EvidenceItem item = evidence.get(actor, itemId);
        return zip(export(actor, itemId, included), "evidence-" + item.exhibit() + ".zip");
    }

    /** The package of a request's evidence as an HTTP answer. */
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> downloadRequest(Actor actor,
            UUID requestId, String bytes) throws IOException, InterruptedException {
        boolean included = includesBytes(bytes);
        RequestLookup.VisibleRequest request = requests.visible(actor, requestId).orElseThrow(() -> ComityException.notFound("Request"));
        Path file = exportRequest(actor, requestId, included);
        return zip(file, "evidence-" + request.reference().replaceAll("[^A-Za-z0-9._-]", "_") + ".zip");
    }

    private static boolean includesBytes(String bytes) {
        if (!bytes.equals("included") && !bytes.equals("hash-only")) {
            throw ComityException.badRequest("bytes is 'included' or 'hash-only'.");
        }
        return bytes.equals("included");
    }

    private static org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> zip(Path file,
            String name) throws IOException {
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType("application/zip"))
                .contentLength(Files.size(file))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(out -> {
                    try {
                        Files.copy(file, out);
                    } finally {
                        Files.deleteIfExists(file);
                    }
                });
    }

    /**
     * The senders' parts of the received items' chains, one per sending ledger. Each item came with
     * its sender's part proved against the checkpoints of its own transfer. Items from one sender that
     * came in several transfers are proved again against the newest of those checkpoints, with
     * inclusion proofs computed from the sender's public ledger tiles; each proof is checked against
     * that signed checkpoint's root, so the tiles need not be trusted.
     */
    private List<PackageLedger> foreignLedgers(List<EvidenceItem> items) throws IOException {
        Map<String, List<TransferStore.Transfer>> bySender = new java.util.LinkedHashMap<>();
        Map<UUID, UUID> exhibitOf = new java.util.HashMap<>();
        for (EvidenceItem item : items) {
            transfers.ofItem(item.id()).stream().filter(t -> t.direction() == TransferStore.Direction.IN && t.excerpt() != null).findFirst()
                    .ifPresent(t -> {
                        bySender.computeIfAbsent(t.peer(), k -> new ArrayList<>()).add(t);
                        exhibitOf.put(t.id(), item.exhibit());
                    });
        }
        List<PackageLedger> ledgers = new ArrayList<>();
        for (var sender : bySender.entrySet()) {
            List<LedgerExcerpt> parts = sender.getValue().stream()
                    .map(t -> OfferedCustody.read(t.excerpt()).select(Set.of(exhibitOf.get(t.id())))).toList();
            TrustList.NodeEntry node = senderEntry(sender.getKey());
            NoteVerifier key = NoteVerifier.parse(node.ledger());
            LedgerExcerpt excerpt = parts.size() == 1 ? parts.getFirst() : merge(parts, node);
            ledgers.add(new PackageLedger(new LedgerRef(key.name(), key, new NodeRef(node.id(), node.name(), node.state()),
                    witnesses(excerpt, key.name())), excerpt));
        }
        return ledgers;
    }

    /** Several excerpts of one ledger as one, every event proved against the newest checkpoint among them. */
    private LedgerExcerpt merge(List<LedgerExcerpt> parts, TrustList.NodeEntry sender) throws IOException {
        org.comity.custody.checkpoint.SignedCheckpoint newest = parts.stream().map(p -> p.checkpoints().getLast())
                .max(java.util.Comparator.comparingLong(c -> c.checkpoint().size())).orElseThrow();
        List<org.comity.custody.event.LoggedEvent> events = new ArrayList<>();
        Map<UUID, org.comity.custody.proof.EntryProof> proofs = new java.util.HashMap<>();
        org.comity.custody.tiles.TileReader tiles = null;
        for (LedgerExcerpt part : parts) {
            for (org.comity.custody.event.LoggedEvent e : part.events()) {
                org.comity.custody.proof.EntryProof proof = part.proofs().get(e.event().id());
                if (!proof.checkpoint().checkpoint().equals(newest.checkpoint())) {
                    if (tiles == null) {
                        tiles = org.comity.custody.tiles.TileReader.of(tileFetcher(sender), newest.checkpoint().size());
                    }
                    try {
                        proof = org.comity.custody.proof.EntryProof.prove(tiles, e.index(), newest);
                    } catch (java.io.UncheckedIOException | IllegalArgumentException x) {
                        throw new ComityException(503, "sender-ledger-unavailable", "Node " + sender.id() + " did not serve the part of its ledger "
                                + "that proves these items together (" + x.getMessage() + "). Export the items one by one, or try again later.");
                    }
                }
                events.add(e);
                proofs.put(e.event().id(), proof);
            }
        }
        return new LedgerExcerpt(parts.getFirst().ledger(), events, proofs, List.of(newest), List.of());
    }

    /** Reads a peer's public ledger tiles ({@code /comity/ledger/tile/...}, C2SP tlog-tiles). */
    private org.comity.custody.tiles.TileFetcher tileFetcher(TrustList.NodeEntry sender) {
        String base = sender.endpoint().toString().replaceAll("/+$", "") + "/comity/ledger/";
        return path -> {
            java.net.http.HttpResponse<byte[]> r;
            try {
                r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading " + base + path);
            }
            if (r.statusCode() != 200) {
                throw new IOException(base + path + " answered " + r.statusCode());
            }
            return r.body();
        };
    }

    private TrustList.NodeEntry senderEntry(String peer) {
        TrustList.NodeEntry sender = federation.trusted().map(TrustList::nodes).orElse(List.of()).stream().filter(n -> n.id().equals(peer))
                .findFirst().orElseThrow(() -> ComityException.conflict("sender-unknown",
                        "Node " + peer + " that sent this item is no longer in the trust list: its ledger key cannot be named."));
        if (sender.ledger() == null) {
            throw ComityException.conflict("sender-unknown", "The trust list gives no ledger key for node " + peer + ".");
        }
        return sender;
    }

    /**
     * The witnesses the package names for a ledger: the trusted nodes (this one included) that
     * cosigned every one of its checkpoints here, all of them required.
     */
    private WitnessPolicy witnesses(LedgerExcerpt excerpt, String origin) {
        List<Witness> known = new ArrayList<>();
        for (TrustList.NodeEntry n : federation.trusted().map(TrustList::nodes).orElse(List.of())) {
            if (n.ledger() != null) {
                NoteVerifier k = NoteVerifier.parse(n.ledger());
                if (!k.name().equals(origin)) {
                    known.add(Witness.of(k.name(), k.publicKey()));
                }
            }
        }
        CustodyLedger.Identity me = ledger.identity();
        Witness self = Witness.parse(me.witnessKey());
        if (!me.origin().equals(origin) && known.stream().noneMatch(w -> w.name().equals(self.name()))) {
            known.add(self); // this node witnesses its peers even when the trust list does not name its own ledger
        }
        try {
            var verified = excerpt.verify(LogPolicy.of(origin, NoteVerifier.parse(keyOf(origin))).withWitnesses(known, 0));
            List<Witness> cosigned = known.stream().filter(w -> verified.checkpoints().stream()
                    .allMatch(c -> c.cosignatures().stream().anyMatch(x -> x.witness().equals(w.name())))).toList();
            return cosigned.isEmpty() ? WitnessPolicy.none() : new WitnessPolicy(cosigned, cosigned.size());
        } catch (ExcerptRejected e) {
            throw new IllegalStateException("an excerpt held here no longer verifies: " + e.getMessage(), e);
        }
    }

    /** A ledger's key by its origin: this node's, or a trusted peer's. */
    private String keyOf(String origin) {
        CustodyLedger.Identity me = ledger.identity();
        if (me.origin().equals(origin)) {
            return me.logKey();
        }
        return federation.trusted().map(TrustList::nodes).orElse(List.of()).stream().map(TrustList.NodeEntry::ledger)
                .filter(k -> k != null && NoteVerifier.parse(k).name().equals(origin)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no trusted key for ledger " + origin));
    }

    private AuthorityRef authority(UUID id) {
        Authority a = id == null ? null : directory.authority(id).orElse(null);
        return a == null ? null : new AuthorityRef(a.name(), a.stateCode());
    }

    /** The item's chain proved in this node's ledger, once it has checkpointed the export. */
    private LedgerExcerpt awaitExcerpt(List<CustodyEvent> chain) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<LedgerExcerpt> excerpt = ledger.excerpt(chain);
            if (excerpt.isPresent()) {
                return excerpt.get();
            }
            Thread.sleep(100);
        }
        throw new ComityException(503, "ledger-behind", "The custody ledger has not checkpointed the export yet; try again in a moment.");
    }
}
