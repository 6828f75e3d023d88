package org.comity.node.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.comity.node.evidence.BlobStore;
import org.comity.node.evidence.EvidenceItem;
import org.comity.node.evidence.RequestLookup;
import org.comity.node.evidence.RequestLookup.VisibleRequest;
import org.comity.node.evidence.RequestSide;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resumable uploads of evidence (the tus protocol's server side, without HTTP): create, report,
 * append, terminate, complete into the vault, expire.
 *
 * <p>An upload belongs to the user who created it (anyone else: 404) and to a request that user's
 * authority may act on, checked again on every call. The bytes of a PATCH are streamed into a chunk
 * file sealed with the vault's keys ({@link ChunkFiles}) and forced to disk; only then does one short
 * transaction record the chunk and move the offset on, if nothing moved it first. So an
 * acknowledged offset is always durable, a PATCH cut short by a broken connection keeps what arrived
 * (unless a checksum was asked for: then nothing can be verified and nothing is kept), and a node
 * killed at any byte restarts at the last recorded offset, the half-written chunk being debris. No
 * transaction stays open while bytes travel.
 *
 * <p>The SHA-256 of the whole content is kept in memory while an upload arrives, and computed again
 * from the stored chunks when the content moves into the vault (the vault hashes what it stores);
 * the two must agree. After a restart the running hash is gone and the vault's alone counts: no
 * digest state is ever persisted or trusted from disk.
 */
@Service
class UploadService {

    private static final Logger log = LoggerFactory.getLogger(UploadService.class);
    /** A chunk file nobody wrote to for this long and no record names is debris (a PATCH in progress writes all the time). */
    static final java.time.Duration CHUNK_IDLE = java.time.Duration.ofHours(1);
    private final UploadStore store;
    private final RequestLookup requests;
    private final BlobStore vault;
    private final ChunkFiles chunks;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ComityProperties properties;
    private final ComityProperties.Uploads limits;
    private final CustodyRecorder custody;
    /** The hash of each upload's bytes so far, while this instance receives them. */
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();

    private record Running(long offset, MessageDigest digest) {}

    /** Where an upload stands after a PATCH. */
    record Progress(long offset, java.time.Instant expiresAt, UUID itemId, boolean interrupted) {}

    UploadService(UploadStore store, RequestLookup requests, BlobStore vault, VaultKeys keys, AuditTrail audit, TransactionTemplate tx,
            Clock clock, ComityProperties properties, CustodyRecorder custody) throws IOException {
        this.custody = custody;
        this.store = store;
        this.requests = requests;
        this.vault = vault;
        this.chunks = new ChunkFiles(properties.uploadDir(), keys.cipher());
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.limits = properties.uploads();
    }

    long maxSize() {
        return limits.maxSize().toBytes();
    }

    /** Creates an upload of {@code length} bytes described by its metadata (tus creation). */
    UploadRow create(Actor actor, long length, String rawMetadata) throws IOException {
        if (!actor.handlesRequests()) {
            throw ComityException.forbidden("Your roles do not allow adding evidence.");
        }
        if (length > maxSize()) {
            throw new ComityException(413, "too-large", "Uploads are limited to " + maxSize() + " bytes here (Tus-Max-Size).");
        }
        UploadForm form = UploadForm.parse(TusHeaders.metadata(rawMetadata), clock);
        VisibleRequest request = requests.visible(actor, form.requestId()).orElseThrow(() -> ComityException.notFound("Request"));
        if (!request.mayAct()) {
            throw ComityException.forbidden("Your roles let you read this request, not add evidence to it.");
        }
        RequestSide side = side(form, request);
        Instant now = clock.instant();
        if (store.receivingOf(actor.userId(), now) >= limits.maxPerUser()) {
            throw new ComityException(429, "too-many-uploads", "You have " + limits.maxPerUser()
                    + " unfinished uploads: finish or terminate one before starting another.");
        }
        requireSpace(length);
        UploadRow upload = new UploadRow(Ids.newId(clock), actor.userId(), actor.displayName(), actor.authorityId(), request.id(), side,
                length, 0, rawMetadata == null ? "" : rawMetadata, form.fileName(), form.mediaType(), form.acquisition(),
                UploadRow.Status.RECEIVING, now, now, now.plus(limits.expireAfter()), null);
        tx.executeWithoutResult(status -> {
            store.insert(upload);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("request", request.reference());
            detail.put("side", side.name());
            detail.put("length", length);
            detail.put("file", form.fileName());
            audit.success(actor, "evidence.upload.create", "upload", upload.id(), detail);
        });
        if (length == 0) {
            complete(actor, upload.id());
        }
        return upload;
    }

    /** Where an upload stands (tus HEAD). */
    UploadRow status(Actor actor, UUID id) {
        UploadRow upload = owned(actor, id);
        visible(actor, upload);
        return upload;
    }

    /** The evidence item a complete upload became. */
    java.util.Optional<EvidenceItem> itemOf(UUID uploadId) {
        return store.itemOfUpload(uploadId);
    }

    /**
     * Appends a PATCH's bytes at {@code offset} (tus core, with the checksum extension).
     *
     * @param declaredLength the Content-Length, or -1 when the body is chunked
     */
    Progress append(Actor actor, UUID id, long offset, TusHeaders.Checksum checksum, long declaredLength, InputStream body) throws IOException {
        UploadRow upload = owned(actor, id);
        visible(actor, upload);
        if (upload.status() == UploadRow.Status.COMPLETE) {
            if (offset == upload.length() && declaredLength <= 0) {
                return new Progress(upload.length(), null, itemOf(id).map(EvidenceItem::id).orElse(null), false);
            }
            throw ComityException.conflict("upload-complete", "This upload is complete; its evidence is in the vault.");
        }
        if (offset != upload.offset()) {
            throw ComityException.conflict("offset-mismatch", "The upload is at byte " + upload.offset() + ", not " + offset
                    + ": ask where it stands (HEAD) and continue from there.");
        }
        long room = upload.length() - upload.offset();
        if (declaredLength > room) {
            throw new ComityException(413, "exceeds-length", "These " + declaredLength + " bytes would go past the upload's length ("
                    + upload.length() + "); " + room + " remain.");
        }
        Running known = running.get(id);
        MessageDigest whole = known != null && known.offset() == offset ? clone(known.digest())
                : offset == 0 ? SealedBlob.sha256() : null;
        MessageDigest check = checksum == null ? null : checksum.newDigest();
        long received = 0;
        boolean interrupted = false;
        ChunkFiles.Writer chunk = chunks.create(id, offset);
        try {
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException brokenConnection) {
                    interrupted = true;
                    break;
                }
                if (n == -1) {
                    break;
                }
                if (received + n > room) {
                    chunk.discard();
                    throw new ComityException(413, "exceeds-length", "The body goes past the upload's length (" + upload.length()
                            + " bytes); nothing of it was kept.");
                }
                chunk.write(buffer, 0, n);
                if (whole != null) {
                    whole.update(buffer, 0, n);
                }
                if (check != null) {
                    check.update(buffer, 0, n);
                }
                received += n;
            }
            if (declaredLength >= 0 && received < declaredLength) {
                interrupted = true;
            }
            if (check != null && (interrupted || !checksum.matches(check.digest()))) {
                chunk.discard();
                if (interrupted) {
                    return new Progress(upload.offset(), upload.expiresAt(), null, true);
                }
                throw new ComityException(460, "checksum-mismatch", "The body does not match its Upload-Checksum (" + checksum.algorithm()
                        + "); it was not kept. Send it again from byte " + offset + ".");
            }
            if (received == 0) {
                chunk.discard();
                return new Progress(upload.offset(), upload.expiresAt(), null, interrupted);
            }
            chunk.seal();
        } catch (IOException | RuntimeException e) {
            chunk.discard();
            throw e;
        }
        Instant now = clock.instant();
        Instant expires = now.plus(limits.expireAfter());
        long length = received;
        boolean recorded = Boolean.TRUE.equals(tx.execute(status -> store.advance(id, offset, length, chunk.fileName, now, expires)));
        if (!recorded) {
            chunk.discard();
            UploadRow now2 = owned(actor, id); // 410 if it was terminated or expired meanwhile
            throw ComityException.conflict("offset-mismatch", "Another request moved this upload to byte " + now2.offset()
                    + " meanwhile; nothing of this one was kept. Ask where it stands (HEAD) and continue from there.");
        }
        long end = offset + received;
        if (whole != null) {
            running.put(id, new Running(end, whole));
        } else {
            running.remove(id);
        }
        UUID item = null;
        if (end == upload.length()) {
            item = complete(actor, id).id();
        }
        return new Progress(end, expires, item, interrupted);
    }

    /** Ends an unfinished upload and removes its partial data (tus termination). */
    void terminate(Actor actor, UUID id) throws IOException {
        UploadRow upload = owned(actor, id);
        visible(actor, upload);
        if (upload.status() == UploadRow.Status.COMPLETE) {
            throw ComityException.conflict("upload-complete", "This upload is complete and its evidence is in the vault; disposing of"
                    + " evidence is a separate, recorded act.");
        }
        boolean ended = Boolean.TRUE.equals(tx.execute(status -> {
            UploadRow locked = store.lock(id).orElseThrow();
            if (!locked.receiving()) {
                return false;
            }
            store.finish(id, UploadRow.Status.TERMINATED, null, clock.instant());
            audit.success(actor, "evidence.upload.terminate", "upload", id, Map.of("received", locked.offset(), "length", locked.length()));
            return true;
        }));
        if (!ended) {
            throw gone(store.find(id).orElseThrow());
        }
        running.remove(id);
        chunks.delete(id);
    }

    /**
     * Moves a full upload's content into the vault (streaming its chunks, decrypted, into the vault,
     * which hashes and seals them again) and records the evidence item, once: a second caller finds
     * it done. The audit record names {@code actor}, the node itself when housekeeping completes it.
     */
    EvidenceItem complete(Actor actor, UUID id) throws IOException {
        UploadRow upload = store.find(id).orElseThrow();
        if (!upload.receiving()) {
            return itemOf(id).orElseThrow(() -> new IllegalStateException("upload " + id + " is " + upload.status() + " without an item"));
        }
        if (!upload.full()) {
            throw new IllegalStateException("upload " + id + " is not full");
        }
        List<ChunkFiles.Chunk> parts = store.chunks(id);
        long expected = 0;
        for (ChunkFiles.Chunk part : parts) {
            if (part.start() != expected) {
                throw new IllegalStateException("upload " + id + " has a gap at byte " + expected);
            }
            expected += part.length();
        }
        if (expected != upload.length()) {
            throw new IllegalStateException("upload " + id + " has " + expected + " bytes recorded of " + upload.length());
        }
        BlobStore.StoredBlob blob;
        try (InputStream content = chunks.read(id, parts)) {
            blob = vault.put(content, upload.length());
        }
        Running received = running.remove(id);
        if (blob.size() != upload.length()
                || (received != null && received.offset() == upload.length()
                        && !HexFormat.of().formatHex(received.digest().digest()).equals(blob.sha256()))) {
            throw new IllegalStateException("upload " + id + ": the stored chunks do not hash to what was received");
        }
        Instant now = clock.instant();
        EvidenceItem item = tx.execute(status -> {
            UploadRow locked = store.lock(id).orElseThrow();
            if (!locked.receiving()) {
                return store.itemOfUpload(id).orElse(null);
            }
            UUID itemId = Ids.newId(clock);
            EvidenceItem recorded = new EvidenceItem(itemId, upload.requestId(), upload.side(), upload.fileName(), upload.mediaType(),
                    blob.size(), blob.sha256(), upload.acquisition(), upload.userId(), upload.userName(), upload.authorityId(), now, id, itemId);
            store.insertItem(recorded);
            custody.acquired(recorded, upload.userName(), now);
            store.finish(id, UploadRow.Status.COMPLETE, blob.sha256(), now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("item", recorded.id().toString());
            detail.put("request", upload.requestId().toString());
            detail.put("sha256", blob.sha256());
            detail.put("size", blob.size());
            detail.put("file", upload.fileName());
            audit.success(actor, "evidence.upload.complete", "upload", id, detail);
            return recorded;
        });
        if (item == null) {
            throw new IllegalStateException("upload " + id + " ended without an item");
        }
        deleteQuietly(id);
        return item;
    }

    /**
     * Expires unfinished uploads nobody continued in time (claimed with SKIP LOCKED, so instances share
     * the work), completes full uploads whose completion a stop interrupted, and removes debris: chunk
     * files no record names and what cut-short vault writes left.
     */
    @Scheduled(fixedDelayString = "${comity.uploads.cleanup-interval:PT15M}", initialDelayString = "PT30S")
    void housekeeping() {
        try {
            Instant now = clock.instant();
            Actor node = Actor.system(properties.node().id());
            List<UploadRow> expired = tx.execute(status -> {
                List<UploadRow> claimed = store.claimExpired(now, 100);
                for (UploadRow u : claimed) {
                    store.finish(u.id(), UploadRow.Status.EXPIRED, null, now);
                    audit.success(node, "evidence.upload.expire", "upload", u.id(), Map.of("received", u.offset(), "length", u.length()));
                }
                return claimed;
            });
            for (UploadRow u : expired) {
                running.remove(u.id());
                deleteQuietly(u.id());
            }
            for (UUID stalled : store.fullButOpen(now.minusSeconds(60), 10)) {
                complete(node, stalled);
            }
            chunks.sweep(store.receivingChunkFiles(), now.minus(CHUNK_IDLE));
            vault.removeAbandoned(now.minus(properties.blobStore().abandonedAfter()));
        } catch (IOException | RuntimeException e) {
            log.warn("Evidence housekeeping failed; it runs again later: {}", e.toString());
        }
    }

    /** Forgets what only this process knew (the running hashes), as a restart would. For tests. */
    void forgetRunningHashes() {
        running.clear();
    }

    ChunkFiles chunkFiles() {
        return chunks;
    }

    private UploadRow owned(Actor actor, UUID id) {
        UploadRow upload = store.find(id).filter(u -> u.userId().equals(actor.userId()))
                .orElseThrow(() -> ComityException.notFound("Upload"));
        if (upload.status() == UploadRow.Status.TERMINATED || upload.status() == UploadRow.Status.EXPIRED
                || (upload.receiving() && !upload.expiresAt().isAfter(clock.instant()))) {
            throw gone(upload);
        }
        return upload;
    }

    private void visible(Actor actor, UploadRow upload) {
        VisibleRequest request = requests.visible(actor, upload.requestId()).orElseThrow(() -> ComityException.notFound("Upload"));
        if (!request.sides().contains(upload.side())) {
            throw ComityException.notFound("Upload");
        }
    }

    private static ComityException gone(UploadRow upload) {
        return new ComityException(410, "upload-gone", upload.status() == UploadRow.Status.TERMINATED
                ? "This upload was terminated; start a new one."
                : "This upload expired before it was finished and its partial data was removed; start a new one.");
    }

    private static RequestSide side(UploadForm form, VisibleRequest request) {
        if (form.side() != null) {
            if (!request.sides().contains(form.side())) {
                throw ComityException.forbidden("Your authority is not on the " + form.side().name().toLowerCase() + " side of this request.");
            }
            return form.side();
        }
        if (request.sides().size() != 1) {
            throw ComityException.invalid("Say which side of the request this evidence is for.",
                    List.of(FieldProblem.of("side", "required", "Your authority is on both sides: say requesting or requested.")));
        }
        return request.sides().iterator().next();
    }

    private void requireSpace(long length) {
        try {
            long usable = Files.getFileStore(chunks.root()).getUsableSpace();
            if (usable - limits.freeSpaceReserve().toBytes() < length) {
                throw new ComityException(507, "insufficient-storage", "This node has no room for " + length
                        + " more bytes now; ask its administrator, or try a smaller upload.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteQuietly(UUID id) {
        try {
            chunks.delete(id);
        } catch (IOException e) {
            log.warn("Could not remove the partial data of upload {} (housekeeping retries): {}", id, e.toString());
        }
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests clone", e);
        }
    }
}
