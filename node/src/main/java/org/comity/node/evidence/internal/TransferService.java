package org.comity.node.evidence.internal;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.custody.envelope.EnvelopeRejected;
import org.comity.custody.envelope.Envelopes;
import org.comity.custody.envelope.Message;
import org.comity.custody.envelope.Opened;
import org.comity.custody.envelope.Receipt;
import org.comity.custody.envelope.Receipts;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.FieldException;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonFields;
import org.comity.custody.keys.EdDsaJws;
import org.comity.custody.proof.EntryProof;
import org.comity.custody.transfer.ChunkCipher;
import org.comity.custody.transfer.ChunkRejected;
import org.comity.custody.trust.TrustList;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.directory.Federation;
import org.comity.node.directory.NodeIdentity;
import org.comity.node.evidence.Acquisition;
import org.comity.node.evidence.BlobStore;
import org.comity.node.evidence.EvidenceItem;
import org.comity.node.evidence.RequestLookup;
import org.comity.node.evidence.RequestSide;
import org.comity.node.ledger.CustodyLedger;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Ids;
import org.comity.node.platform.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evidence between nodes (docs/formats/evidence-transfer.md). The requested side sends an item: its
 * TRANSFER is a custody event; once the ledger has proved the item's chain, the item is offered to
 * the requesting node in a signed envelope encrypted to that node, carrying a one-transfer key and
 * the chain with its proofs. The receiving node checks the chain against the sender's ledger key
 * before it accepts anything, then pulls the bytes chunk by chunk (each chunk made durable before the
 * next is asked for), checks the whole item's SHA-256, keeps it in its vault, records RECEIVE and
 * VERIFY (the chain continues across the hand-over) and tells the sender. Either node may stop at
 * any moment: the transfer continues from the last chunk kept.
 */
@Service
class TransferService {

    private static final Logger log = LoggerFactory.getLogger(TransferService.class);
    static final String OFFER = "evidence.offer";
    static final String RECEIVED = "evidence.received";
    static final JOSEObjectType CHUNK_REQUEST = new JOSEObjectType("comity-chunk-request+jws");
    private static final Duration REQUEST_SKEW = Duration.ofMinutes(5);
    private static final int MAX_ATTEMPTS = 200;

    private final TransferStore transfers;
    private final UploadStore items;
    private final CustodyRecorder custody;
    private final CustodyLedger ledger;
    private final RequestLookup requests;
    private final Directory directory;
    private final Federation federation;
    private final NodeIdentity identity;
    private final BlobStore vault;
    private final SecretBox secrets;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ComityProperties properties;
    private final Path partials;
    private final int chunkSize;
    /** The largest item this node takes from a peer: the same limit as for its own uploads. */
    private final long maxItemBytes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    TransferService(TransferStore transfers, UploadStore items, CustodyRecorder custody, CustodyLedger ledger, RequestLookup requests,
            Directory directory, Federation federation, NodeIdentity identity, BlobStore vault, SecretBox secrets, AuditTrail audit,
            TransactionTemplate tx, Clock clock, ComityProperties properties,
            @org.springframework.beans.factory.annotation.Value("${comity.evidence.transfer-chunk-size:4MB}")
            org.springframework.util.unit.DataSize chunkSize) throws IOException {
        this.chunkSize = (int) Math.clamp(chunkSize.toBytes(), 1024, 64L * 1024 * 1024);
        this.maxItemBytes = properties.uploads().maxSize().toBytes();
        this.transfers = transfers;
        this.items = items;
        this.custody = custody;
        this.ledger = ledger;
        this.requests = requests;
        this.directory = directory;
        this.federation = federation;
        this.identity = identity;
        this.vault = vault;
        this.secrets = secrets;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.partials = Files.createDirectories(properties.dataDir().resolve("transfers"));
    }

    /** What a user sees of a transfer: where it goes or comes from, how far it is, what went wrong last. */
    record TransferView(UUID id, String direction, UUID itemId, UUID exhibit, String peer, String fileName, long size, String sha256,
            String status, long chunksDone, long chunks, String lastError, Instant updatedAt) {
        static TransferView of(TransferStore.Transfer t) {
            long chunks = Math.max(1, (t.size() + t.chunkSize() - 1) / t.chunkSize());
            return new TransferView(t.id(), t.direction().name(), t.itemId(), t.exhibitId(), t.peer(), t.fileName(), t.size(), t.sha256(),
                    t.status().name(), t.direction() == TransferStore.Direction.OUT ? 0 : t.chunksDone(), chunks, t.lastError(), t.updatedAt());
        }
    }

    // --- Sending ------------------------------------------------------------------------------------

    /**
     * Sends an item of the requested side to the requesting authority: on this node an immediate
     * hand-over, to another node a transfer. The item's TRANSFER custody event is recorded now.
     */
    TransferView send(Actor actor, EvidenceItem item, RequestLookup.VisibleRequest request) {
        if (!request.mayAct() || !request.sides().contains(RequestSide.REQUESTED) || item.side() != RequestSide.REQUESTED) {
            throw ComityException.forbidden("Evidence is sent by the requested side, to the requesting side.");
        }
        RequestLookup.Parties parties = requests.parties(item.requestId()).orElseThrow(() -> ComityException.notFound("Request"));
        Authority requesting = directory.authority(parties.requesting()).orElseThrow(() -> ComityException.notFound("Authority"));
        return tx.execute(status -> {
            items.lockItem(item.id());
            if (transfers.ofItem(item.id()).stream().anyMatch(t -> t.direction() == TransferStore.Direction.OUT && t.status() != TransferStore.Status.FAILED)
                    || items.received(item.exhibit(), item.requestId())) {
                throw ComityException.conflict("already-sent", "This item has already been sent to the requesting authority.");
            }
            Instant now = clock.instant();
            UUID id = Ids.newId(clock);
            String to = requesting.local() ? requesting.name() + " (on this node)" : requesting.name() + " at node " + requesting.nodeId();
            CustodyEvent transferred = custody.record(item, CustodyAction.TRANSFER, custody.who(actor, "sender", item), CustodyRecorder.COMITY, now,
                    "Handed over to " + to + " for request " + request.reference(), item.sha256(), item.sha256(),
                    Map.of("transfer", id.toString(), "to", to));
            audit.success(actor, "evidence.transfer", "evidence", item.id(), Map.of("request", request.reference(), "to", to, "transfer", id.toString()));
            if (requesting.local()) {
                EvidenceItem received = receiveLocally(item, requesting, transferred, now);
                TransferStore.Transfer done = new TransferStore.Transfer(id, TransferStore.Direction.OUT, item.id(), item.exhibit(), item.requestId(),
                        directory.localNode().id(), item.fileName(), item.mediaType(), item.size(), item.sha256(), item.acquisition(), 1, new byte[0],
                        null, TransferStore.Status.DELIVERED, 0, 0, now, null, now, now);
                transfers.insert(done);
                log.debug("Item {} handed over on this node as {}", item.id(), received.id());
                return TransferView.of(done);
            }
            TransferStore.Transfer out = new TransferStore.Transfer(id, TransferStore.Direction.OUT, item.id(), item.exhibit(), item.requestId(),
                    requesting.nodeId(), item.fileName(), item.mediaType(), item.size(), item.sha256(), item.acquisition(), chunkSize,
                    secrets.seal(ChunkCipher.newKey(), "transfer:" + id), null, TransferStore.Status.OFFERING, 0, 0, now, null, now, now);
            transfers.insert(out);
            return TransferView.of(out);
        });
    }

    /** Both authorities on this node: the requesting side's item is made at once, its RECEIVE following the TRANSFER. */
    private EvidenceItem receiveLocally(EvidenceItem sent, Authority requesting, CustodyEvent transferred, Instant now) {
        EvidenceItem received = new EvidenceItem(Ids.newId(clock), sent.requestId(), RequestSide.REQUESTING, sent.fileName(), sent.mediaType(),
                sent.size(), sent.sha256(), sent.acquisition(), null, "Comity node " + directory.localNode().id(), requesting.id(), now, null,
                sent.exhibit());
        items.insertItem(received);
        custody.record(received, CustodyAction.RECEIVE, custody.person("Comity node " + directory.localNode().id(), "node", requesting.id()),
                CustodyRecorder.COMITY, now, "Received from " + directory.authority(sent.authorityId()).map(Authority::name).orElse("the requested side"),
                sent.sha256(), sent.sha256(), Map.of(), transferred);
        return received;
    }

    /**
     * Offers one transfer to its peer, once the item's chain is proved in the ledger. Returns false
     * when there is nothing to do yet (the ledger has not caught up).
     */
    boolean offer(UUID id) throws IOException, InterruptedException {
        TransferStore.Transfer t = transfers.find(id, TransferStore.Direction.OUT).orElseThrow();
        Optional<org.comity.custody.pkg.LedgerExcerpt> excerpt = ledger.excerpt(custody.chain(t.itemId()));
        if (excerpt.isEmpty()) {
            return false; // the ledger will have checkpointed the events in a second
        }
        Federation.Peer peer = federation.peer(t.peer()).orElseThrow(() -> new IOException("node " + t.peer() + " is not in the trust list"));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("transfer", t.id().toString());
        payload.put("request", t.requestId().toString());
        payload.put("exhibit", t.exhibitId().toString());
        payload.put("fileName", t.fileName());
        payload.put("mediaType", t.mediaType());
        payload.put("size", t.size());
        payload.put("sha256", t.sha256());
        Acquisition a = t.acquisition();
        payload.put("acquisition", Map.of("tool", a.tool(), "toolVersion", a.toolVersion(), "examiner", a.examiner(), "source", a.source(),
                "method", a.method(), "acquiredAt", JsonFields.instantText(a.acquiredAt())));
        payload.put("chunkSize", t.chunkSize());
        payload.put("key", Base64.getUrlEncoder().withoutPadding().encodeToString(secrets.open(t.sealedKey(), "transfer:" + t.id())));
        payload.put("custody", OfferedCustody.text(excerpt.get()));
        Message message = new Message(Ids.newId(clock), OFFER, t.requestId(), 1, properties.node().id(), t.peer(), clock.instant(), payload);
        String envelope = Envelopes.seal(message, identity.signingKey(), peer.encryptionKey());
        HttpResponse<String> answer = post(peer, "/federation/v1/evidence/offers", envelope);
        if (answer.statusCode() != 200) {
            throw new IOException("node " + t.peer() + " answered " + answer.statusCode() + ": " + abbreviate(answer.body()));
        }
        try {
            Receipts.verify(answer.body(), identity.peerKeys(), message.id(), Envelopes.digest(envelope), Receipt.Subject.ENVELOPE, t.peer(),
                    properties.node().id(), clock.instant());
        } catch (EnvelopeRejected e) {
            throw new IOException("node " + t.peer() + " answered with a receipt that does not verify: " + e.getMessage());
        }
        tx.executeWithoutResult(s -> transfers.status(t.id(), TransferStore.Direction.OUT, TransferStore.Status.OFFERED,
                OfferedCustody.text(excerpt.get()), clock.instant()));
        return true;
    }

    // --- Receiving an offer -------------------------------------------------------------------------

    /** Takes a peer's offer; returns the signed receipt, or refuses it (4xx) with the reason, changing nothing. */
    String receiveOffer(String envelope) {
        Opened opened;
        Instant now = clock.instant();
        try {
            opened = Envelopes.open(envelope, identity.keyring(), identity.peerKeys(), policy(), now);
        } catch (EnvelopeRejected e) {
            throw refused(e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), e.getMessage());
        }
        Message m = opened.message();
        if (!OFFER.equals(m.type())) {
            throw refused("unsupported", "this endpoint takes " + OFFER + " messages, not " + m.type());
        }
        Offer offer;
        try {
            offer = Offer.read(m.payload());
        } catch (IllegalArgumentException e) {
            throw refused("invalid-content", e.getMessage());
        }
        String receipt = Receipts.sign(Receipt.of(opened, properties.node().id(), now), identity.signingKey());
        if (transfers.find(offer.transfer(), TransferStore.Direction.IN).isPresent()) {
            return receipt; // offered again (our first receipt was lost): the same answer, nothing twice
        }
        RequestLookup.Parties parties = requests.parties(offer.request()).orElseThrow(() -> refused("unknown-request", "no such request here"));
        Authority requesting = directory.authority(parties.requesting()).orElse(null);
        Authority requested = parties.requested() == null ? null : directory.authority(parties.requested()).orElse(null);
        if (requesting == null || !requesting.local() || requested == null || !requested.nodeId().equals(m.from())) {
            throw refused("not-yours", "request " + offer.request() + " is not one that node " + m.from() + " answers for this node");
        }
        if (!m.conversation().equals(offer.request())) {
            throw refused("invalid-content", "the offer is about request " + offer.request() + " but its message's conversation is "
                    + m.conversation());
        }
        if (!parties.takesEvidence()) {
            throw refused("request-not-open", "request " + offer.request() + " is withdrawn or was never delivered: it takes no evidence");
        }
        if (offer.size() > maxItemBytes) {
            throw refused("too-large", "the item is " + offer.size() + " bytes; this node takes items of at most " + maxItemBytes);
        }
        String ledgerKey = federation.trusted().map(TrustList::nodes).orElse(List.of()).stream().filter(n -> n.id().equals(m.from()))
                .map(TrustList.NodeEntry::ledger).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow(() -> refused("no-ledger-key", "the trust list gives no custody ledger key for node " + m.from()));
        try {
            OfferedCustody.check(offer.custody(), ledgerKey, offer.exhibit(), offer.sha256(),
                    new OfferedCustody.Expected(offer.transfer(), offer.request(), m.from(), now.plus(properties.exchange().clockSkew())));
        } catch (IllegalArgumentException e) {
            throw refused("custody-not-proved", e.getMessage());
        }
        tx.executeWithoutResult(s -> {
            transfers.insert(new TransferStore.Transfer(offer.transfer(), TransferStore.Direction.IN, null, offer.exhibit(), offer.request(), m.from(),
                    offer.fileName(), offer.mediaType(), offer.size(), offer.sha256(), offer.acquisition(), offer.chunkSize(),
                    secrets.seal(offer.key(), "transfer:" + offer.transfer()), offer.custody(), TransferStore.Status.FETCHING, 0, 0, now, null, now, now));
            audit.record(Actor.system(properties.node().id()), "evidence.transfer.offered", "request", offer.request().toString(),
                    AuditTrail.Outcome.SUCCESS, Map.of("from", m.from(), "transfer", offer.transfer().toString(), "sha256", offer.sha256(),
                            "size", offer.size()));
        });
        return receipt;
    }

    /** An offer's payload, read strictly. */
    record Offer(UUID transfer, UUID request, UUID exhibit, String fileName, String mediaType, long size, String sha256, Acquisition acquisition,
            int chunkSize, byte[] key, String custody) {

        static Offer read(Map<String, Object> payload) {
            try {
                JsonFields f = JsonFields.of(payload, "payload", Set.of("transfer", "request", "exhibit", "fileName", "mediaType", "size", "sha256",
                        "acquisition", "chunkSize", "key", "custody"));
                JsonFields a = f.object("acquisition", Set.of("tool", "toolVersion", "examiner", "source", "method", "acquiredAt"));
                byte[] key = Base64.getUrlDecoder().decode(f.string("key", 64));
                if (key.length != 32) {
                    throw f.problem("key", "is 32 bytes in base64url");
                }
                long chunkSize = f.whole("chunkSize", 1024);
                if (chunkSize > 64L * 1024 * 1024) {
                    throw f.problem("chunkSize", "is at most 64 MiB");
                }
                return new Offer(f.uuid("transfer"), f.uuid("request"), f.uuid("exhibit"), f.string("fileName", 255), f.string("mediaType", 127),
                        f.whole("size", 0), f.sha256("sha256"),
                        new Acquisition(a.string("tool", 200), a.string("toolVersion", 100), a.string("examiner", 200), a.string("source", 500),
                                a.string("method", 200), a.instant("acquiredAt")),
                        (int) chunkSize, key, f.string("custody", org.comity.custody.pkg.LedgerExcerpt.MAX_BYTES));
            } catch (FieldException e) {
                throw new IllegalArgumentException(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("payload: " + e.getMessage());
            }
        }
    }

    // --- Serving chunks -------------------------------------------------------------------------------

    /** Chunk {@code n} of an offered transfer, sealed, for the peer it was offered to (proved by the signed request). */
    byte[] chunk(UUID id, long n, String signedRequest) throws IOException {
        TransferStore.Transfer t = transfers.find(id, TransferStore.Direction.OUT)
                .filter(x -> x.status() == TransferStore.Status.OFFERED || x.status() == TransferStore.Status.DELIVERED)
                .orElseThrow(() -> ComityException.notFound("Transfer"));
        requireSignedBy(t.peer(), id, n, signedRequest);
        ChunkCipher cipher = ChunkCipher.of(secrets.open(t.sealedKey(), "transfer:" + id), id, t.size(), t.chunkSize());
        if (n < 0 || n >= cipher.chunks()) {
            throw ComityException.notFound("Chunk");
        }
        if (items.item(t.itemId()).map(EvidenceItem::disposed).orElse(true)) {
            throw new ComityException(410, "evidence-disposed", "The item of this transfer was disposed of after it was delivered.");
        }
        byte[] plain = new byte[cipher.plainLength(n)];
        try (InputStream in = vault.open(t.sha256(), cipher.offsetOf(n)).orElseThrow(() -> new IOException("the vault lost " + t.sha256()))) {
            int read = in.readNBytes(plain, 0, plain.length);
            if (read != plain.length) {
                throw new IOException("the vault holds fewer bytes than the item's size");
            }
        }
        return cipher.seal(n, plain, plain.length);
    }

    /** The request for a chunk is a JWS by the receiving node: its key, this transfer and chunk, and a fresh time. */
    private void requireSignedBy(String peer, UUID transfer, long n, String signedRequest) {
        if (signedRequest == null || signedRequest.length() > 4096) {
            throw new ComityException(401, "unauthorized", "Chunks are asked for with the receiving node's signature (Comity-Node).");
        }
        try {
            JWSObject jws = JWSObject.parse(signedRequest);
            var key = identity.peerKeys().signingKey(jws.getHeader().getKeyID(), clock.instant()).orElse(null);
            if (key == null || !key.nodeId().equals(peer) || !EdDsaJws.hasShape(jws, CHUNK_REQUEST) || !EdDsaJws.verifies(jws, key.key())) {
                throw new ComityException(403, "forbidden", "Only the node the evidence was offered to may fetch it.");
            }
            JsonFields f = JsonFields.of(Json.parse(jws.getPayload().toString(), 4096), "request", Set.of("transfer", "chunk", "at"));
            Instant at = f.instant("at");
            if (!f.uuid("transfer").equals(transfer) || f.whole("chunk", 0) != n
                    || Duration.between(at, clock.instant()).abs().compareTo(REQUEST_SKEW) > 0) {
                throw new ComityException(403, "forbidden", "The signed request is for another chunk, or too old.");
            }
        } catch (java.text.ParseException | FieldException | org.comity.custody.json.JsonException e) {
            throw new ComityException(401, "unauthorized", "The Comity-Node header is not a signed chunk request.");
        }
    }

    // --- Fetching ---------------------------------------------------------------------------------------

    /**
     * Pulls the rest of an incoming transfer, one chunk at a time, each kept durable (sealed as it
     * came, so the partial item is never in clear on disk) and counted before the next is asked for;
     * then completes it.
     */
    void fetch(UUID id) throws IOException, InterruptedException {
        TransferStore.Transfer t = transfers.find(id, TransferStore.Direction.IN).orElseThrow();
        Federation.Peer peer = federation.peer(t.peer()).orElseThrow(() -> new IOException("node " + t.peer() + " is not in the trust list"));
        ChunkCipher cipher = ChunkCipher.of(secrets.open(t.sealedKey(), "transfer:" + id), id, t.size(), t.chunkSize());
        Path part = partials.resolve(id + ".part");
        long sealedChunk = (long) t.chunkSize() + ChunkCipher.TAG_BYTES;
        try (FileChannel file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            file.truncate(t.chunksDone() * sealedChunk); // what was written after the last count is not trusted
            for (long n = t.chunksDone(); n < cipher.chunks(); n++) {
                byte[] sealed = get(peer, id, n, (int) sealedChunk);
                try {
                    cipher.open(n, sealed);
                } catch (ChunkRejected e) {
                    throw new IOException("chunk " + n + " from " + t.peer() + " was refused: " + e.getMessage());
                }
                file.write(ByteBuffer.wrap(sealed), n * sealedChunk);
                file.force(false);
                long done = n + 1;
                tx.executeWithoutResult(s -> transfers.progress(id, done, clock.instant()));
            }
        }
        complete(t, cipher, part);
    }

    /** The whole item from its sealed chunks into the vault, checked against the offered SHA-256, then recorded. */
    private void complete(TransferStore.Transfer t, ChunkCipher cipher, Path part) throws IOException {
        BlobStore.StoredBlob blob;
        try (InputStream plain = new OpenedChunks(part, cipher, t.chunkSize())) {
            blob = vault.put(plain, t.size());
        }
        if (!blob.sha256().equals(t.sha256()) || blob.size() != t.size()) {
            throw new IOException("the item received hashes to " + blob.sha256() + ", not the offered " + t.sha256());
        }
        CustodyEvent transferred = OfferedCustody.transfer(t.excerpt(), t.exhibitId());
        RequestLookup.Parties parties = requests.parties(t.requestId()).orElseThrow();
        Instant now = clock.instant();
        UUID received = tx.execute(s -> {
            TransferStore.Transfer locked = transfers.lock(t.id(), TransferStore.Direction.IN).orElseThrow();
            if (locked.status() == TransferStore.Status.DONE) {
                return locked.itemId();
            }
            String nodeName = "Comity node " + properties.node().id();
            EvidenceItem item = new EvidenceItem(Ids.newId(clock), t.requestId(), RequestSide.REQUESTING, t.fileName(), t.mediaType(), t.size(),
                    t.sha256(), t.acquisition(), null, nodeName + " (from " + t.peer() + ")", parties.requesting(), now, null, t.exhibitId());
            items.insertItem(item);
            var node = custody.person(nodeName, "node", parties.requesting());
            custody.record(item, CustodyAction.RECEIVE, node, CustodyRecorder.COMITY, now, "Received from node " + t.peer() + " (transfer " + t.id() + ")",
                    t.sha256(), t.sha256(), Map.of("from", t.peer(), "transfer", t.id().toString(), "chunks", cipher.chunks()), transferred);
            custody.record(item, CustodyAction.VERIFY, node, CustodyRecorder.COMITY, now,
                    "SHA-256 of every byte, the sender's signatures and its ledger proofs of every earlier event checked", t.sha256(), t.sha256(),
                    Map.of("events", OfferedCustody.read(t.excerpt()).events().size()));
            transfers.done(t.id(), item.id(), now);
            audit.record(Actor.system(properties.node().id()), "evidence.transfer.received", "evidence", item.id().toString(), AuditTrail.Outcome.SUCCESS,
                    Map.of("from", t.peer(), "transfer", t.id().toString(), "sha256", t.sha256(), "size", t.size()));
            return item.id();
        });
        Files.deleteIfExists(part);
        tellSender(t, received);
    }

    /** Best effort: the sender marks the transfer delivered; if this fails, the sender sees it offered, and nothing is lost. */
    private void tellSender(TransferStore.Transfer t, UUID item) {
        try {
            Federation.Peer peer = federation.peer(t.peer()).orElseThrow();
            Message message = new Message(Ids.newId(clock), RECEIVED, t.requestId(), 1, properties.node().id(), t.peer(), clock.instant(),
                    Map.of("transfer", t.id().toString(), "sha256", t.sha256()));
            HttpResponse<String> answer = post(peer, "/federation/v1/evidence/received",
                    Envelopes.seal(message, identity.signingKey(), peer.encryptionKey()));
            if (answer.statusCode() != 200) {
                log.warn("Node {} did not take the news that transfer {} arrived: {} {}", t.peer(), t.id(), answer.statusCode(), abbreviate(answer.body()));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Node {} could not be told that transfer {} arrived: {}", t.peer(), t.id(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The receiving node says it has the item: the sender marks the transfer delivered. */
    String delivered(String envelope) {
        Instant now = clock.instant();
        Opened opened;
        try {
            opened = Envelopes.open(envelope, identity.keyring(), identity.peerKeys(), policy(), now);
        } catch (EnvelopeRejected e) {
            throw refused(e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), e.getMessage());
        }
        Message m = opened.message();
        UUID id;
        String sha256;
        try {
            JsonFields f = JsonFields.of(m.payload(), "payload", Set.of("transfer", "sha256"));
            id = f.uuid("transfer");
            sha256 = f.sha256("sha256");
        } catch (FieldException e) {
            throw refused("invalid-content", e.getMessage());
        }
        if (!RECEIVED.equals(m.type())) {
            throw refused("unsupported", "this endpoint takes " + RECEIVED + " messages");
        }
        tx.executeWithoutResult(s -> {
            TransferStore.Transfer t = transfers.lock(id, TransferStore.Direction.OUT).filter(x -> x.peer().equals(m.from()))
                    .orElseThrow(() -> refused("unknown-transfer", "no transfer " + id + " to node " + m.from()));
            if (!t.sha256().equals(sha256)) {
                throw refused("invalid-content", "transfer " + id + " carried an item hashing to " + t.sha256() + ", not " + sha256);
            }
            if (t.status() != TransferStore.Status.DELIVERED) {
                transfers.status(id, TransferStore.Direction.OUT, TransferStore.Status.DELIVERED, null, now);
                audit.record(Actor.system(properties.node().id()), "evidence.transfer.delivered", "evidence", t.itemId().toString(),
                        AuditTrail.Outcome.SUCCESS, Map.of("to", m.from(), "transfer", id.toString()));
            }
        });
        return Receipts.sign(Receipt.of(opened, properties.node().id(), now), identity.signingKey());
    }

    /** A failed attempt: tried again later (doubling, up to ten minutes), given up after many. */
    void failed(UUID id, TransferStore.Direction direction, String error) {
        TransferStore.Transfer t = transfers.find(id, direction).orElseThrow();
        int attempts = t.attempts() + 1;
        long delay = Math.min(600_000L, 1_000L << Math.min(attempts - 1, 20));
        boolean giveUp = attempts >= MAX_ATTEMPTS;
        transfers.failedAttempt(id, direction, error, clock.instant().plusMillis(delay / 2 + (long) (Math.random() * delay / 2)), giveUp, clock.instant());
        log.info("Transfer {} ({}): attempt {} failed: {}", id, direction, attempts, error);
    }

    private Envelopes.Policy policy() {
        return new Envelopes.Policy(properties.node().id(), properties.exchange().clockSkew(), properties.exchange().replayWindow());
    }

    private HttpResponse<String> post(Federation.Peer peer, String path, String envelope) throws IOException, InterruptedException {
        URI uri = URI.create(peer.endpoint().toString().replaceAll("/+$", "") + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(properties.exchange().peerTimeout()).header("Content-Type", "application/jose")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private byte[] get(Federation.Peer peer, UUID id, long n, int maxChunkBytes) throws IOException, InterruptedException {
        String request = EdDsaJws.sign(identity.signingKey(), CHUNK_REQUEST,
                CanonicalJson.bytes(Map.of("transfer", id.toString(), "chunk", n, "at", JsonFields.instantText(clock.instant()))));
        URI uri = URI.create(peer.endpoint().toString().replaceAll("/+$", "") + "/federation/v1/evidence/transfers/" + id + "/chunks/" + n);
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).header("Comity-Node", request).GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        // At most a sealed chunk's worth is read, whatever the peer sends: more is not a chunk.
        byte[] body;
        try (InputStream in = answer.body()) {
            body = in.readNBytes(maxChunkBytes + 1);
        }
        if (answer.statusCode() != 200) {
            throw new IOException("chunk " + n + ": node " + peer.id() + " answered " + answer.statusCode() + ": "
                    + abbreviate(new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8)));
        }
        if (body.length > maxChunkBytes) {
            throw new IOException("chunk " + n + " from node " + peer.id() + " is longer than a chunk can be");
        }
        return body;
    }

    private static ComityException refused(String code, String detail) {
        return new ComityException(code.equals("unknown-request") || code.equals("unknown-transfer") ? 404 : 422, code,
                "The evidence message was refused: " + detail);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** The plaintext of an item from its sealed chunks in a file, one chunk in memory at a time. */
    private static final class OpenedChunks extends InputStream {
        private final FileChannel file;
        private final ChunkCipher cipher;
        private final long sealedChunk;
        private long next;
        private byte[] current = new byte[0];
        private int at;

        OpenedChunks(Path part, ChunkCipher cipher, int chunkSize) throws IOException {
            this.file = FileChannel.open(part, StandardOpenOption.READ);
            this.cipher = cipher;
            this.sealedChunk = (long) chunkSize + ChunkCipher.TAG_BYTES;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (at == current.length) {
                if (next == cipher.chunks()) {
                    return -1;
                }
                ByteBuffer sealed = ByteBuffer.allocate(cipher.plainLength(next) + ChunkCipher.TAG_BYTES);
                long position = next * sealedChunk;
                while (sealed.hasRemaining()) {
                    if (file.read(sealed, position + sealed.position()) < 0) {
                        throw new IOException("the partial transfer ends early, at chunk " + next);
                    }
                }
                try {
                    current = cipher.open(next, sealed.array());
                } catch (ChunkRejected e) {
                    throw new IOException("chunk " + next + " changed on disk: " + e.getMessage());
                }
                at = 0;
                next++;
            }
            int n = Math.min(len, current.length - at);
            System.arraycopy(current, at, b, off, n);
            at += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
