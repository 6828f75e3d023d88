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
        RequestLookup.VisibleRequest request = requests.visible(actor, item.requestId()).orElseThrow(() -> ComityException.notFound("Request"));
        UUID packageId = Ids.newId(clock);
        tx.executeWithoutResult(s -> {
            custody.record(item, CustodyAction.EXPORT, custody.who(actor, "exporter", item), CustodyRecorder.COMITY, clock.instant(),
                    "Evidence package " + packageId + (includeBytes ? " with the item's bytes" : " naming the item by its SHA-256"), item.sha256(),
                    item.sha256(), Map.of("package", packageId.toString()));
            audit.success(actor, "evidence.export", "evidence", itemId, Map.of("request", request.reference(), "package", packageId.toString(),
                    "bytes", includeBytes));
        });
        List<CustodyEvent> chain = custody.chain(itemId);
        LedgerExcerpt own = awaitExcerpt(chain);
        ledger.witnessNow();
        own = ledger.excerpt(chain).orElse(own);

        List<PackageLedger> ledgers = new ArrayList<>();
        Optional<TransferStore.Transfer> received = transfers.ofItem(itemId).stream()
                .filter(t -> t.direction() == TransferStore.Direction.IN && t.excerpt() != null).findFirst();
        if (received.isPresent()) {
            ledgers.add(foreign(received.get(), item.exhibit()));
        }
        CustodyLedger.Identity me = ledger.identity();
        NodeEntry self = directory.localNode();
        ledgers.add(new PackageLedger(new LedgerRef(me.origin(), NoteVerifier.parse(me.logKey()), new NodeRef(self.id(), self.name(), self.stateCode()),
                witnesses(own, me.origin())), own));

        var a = item.acquisition();
        var acquisition = new org.comity.custody.manifest.Acquisition(new Tool(a.tool(), a.toolVersion()), a.examiner(), a.source(), a.method(),
                a.acquiredAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        ItemSource source = includeBytes
                ? ItemSource.included(item.exhibit(), item.fileName(), item.fileName(), item.mediaType(), acquisition,
                        () -> vault.open(item.sha256()).orElseThrow(() -> new IOException("the vault lost " + item.sha256())))
                : ItemSource.hashOnly(item.exhibit(), item.fileName(), item.fileName(), item.mediaType(), acquisition, item.size(), item.sha256());
        RequestLookup.LegalBasis basis = requests.legalBasis(item.requestId()).orElseThrow();
        RequestLookup.Parties parties = requests.parties(item.requestId()).orElseThrow();
        RequestRef requestRef = new RequestRef(item.requestId(), basis.reference(), basis.citation(), authority(parties.requesting()),
                authority(parties.requested()));
        PackageContents contents = new PackageContents(packageId, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), new Producer(me.origin(), identity.signingKey().publicJwk()),
                requestRef, List.of(source), ledgers);
        Path file = Files.createTempFile(properties.dataDir().resolve("transfers"), "package-", ".zip");
        try {
            EvidencePackageWriter.write(contents, identity.signingKey(), file, progress -> { });
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** The package as an HTTP answer: streamed from its temporary file, which is deleted once sent. */
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> download(Actor actor,
            UUID itemId, String bytes) throws IOException, InterruptedException {
        if (!bytes.equals("included") && !bytes.equals("hash-only")) {
            throw ComityException.badRequest("bytes is 'included' or 'hash-only'.");
        }
        EvidenceItem item = evidence.get(actor, itemId);
        Path file = export(actor, itemId, bytes.equals("included"));
        String name = "evidence-" + item.exhibit() + ".zip";
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

    /** The sender's part of a received item's chain, as it came with the item, under the sender's ledger key from the trust list. */
    private PackageLedger foreign(TransferStore.Transfer t, UUID exhibit) {
        LedgerExcerpt excerpt = OfferedCustody.read(t.excerpt()).select(Set.of(exhibit));
        TrustList.NodeEntry sender = federation.trusted().map(TrustList::nodes).orElse(List.of()).stream().filter(n -> n.id().equals(t.peer()))
                .findFirst().orElseThrow(() -> ComityException.conflict("sender-unknown",
                        "Node " + t.peer() + " that sent this item is no longer in the trust list: its ledger key cannot be named."));
        if (sender.ledger() == null) {
            throw ComityException.conflict("sender-unknown", "The trust list gives no ledger key for node " + t.peer() + ".");
        }
        NoteVerifier key = NoteVerifier.parse(sender.ledger());
        return new PackageLedger(new LedgerRef(key.name(), key, new NodeRef(sender.id(), sender.name(), sender.state()), witnesses(excerpt, key.name())),
                excerpt);
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
