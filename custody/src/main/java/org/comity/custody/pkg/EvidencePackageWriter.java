package org.comity.custody.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.comity.custody.caseuco.CaseUcoExport;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.Witness;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.manifest.EventRef;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.ManifestItem;
import org.comity.custody.manifest.PackageFile;
import org.comity.custody.proof.ConsistencyProof;

/**
 * Writes an evidence package (docs/formats/evidence-package.md): each item's bytes streamed from
 * its source into the ZIP while the JDK's SHA-256 runs over them, so a file of any size passes
 * through a 1 MiB buffer; then the custody events, proofs, checkpoints, keys, the CASE/UCO export
 * and the read-me; then the manifest, which lists all of them by hash, and the node's signature
 * over it. The writer checks the package's shape (every event proven, every event an item's);
 * whether the custody it tells is sound is {@link PackageVerifier}'s to say, and a node should run
 * it over what it wrote before sending it.
 */
public final class EvidencePackageWriter {

    private EvidencePackageWriter() {}

    /** Writes the package to {@code target} (created or replaced; deleted again if writing fails) and returns its manifest. */
    public static EvidenceManifest write(PackageContents contents, SigningKey nodeKey, Path target, Consumer<Progress> progress) throws IOException {
        boolean done = false;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            EvidenceManifest manifest = write(contents, nodeKey, out, progress);
            out.force(true);
            done = true;
            return manifest;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
    }

    /** Writes the package to an empty seekable channel (a file, or memory in tests). */
    public static EvidenceManifest write(PackageContents contents, SigningKey nodeKey, SeekableByteChannel out, Consumer<Progress> progress)
            throws IOException {
        if (!contents.producer().signingKey().getX().equals(nodeKey.publicJwk().getX())) {
            throw new IllegalArgumentException("the manifest must name the key that signs it: the producer's signing key is not " + nodeKey);
        }
        Map<UUID, List<LoggedEvent>> byExhibit = eventsByExhibit(contents);
        ZipWriter zip = new ZipWriter(out);
        List<ManifestItem> items = new ArrayList<>();
        long[] written = {0};
        for (ItemSource item : contents.items()) {
            List<EventRef> custody = byExhibit.get(item.exhibit()).stream()
                    .map(e -> new EventRef(e.event().id(), e.index(), e.event().sha256())).toList();
            if (item.bytes().isEmpty()) {
                items.add(ManifestItem.hashOnly(item.exhibit(), item.description(), item.fileName(), item.mediaType(), item.size(), item.sha256(),
                        item.acquisition(), custody));
                continue;
            }
            String path = ManifestItem.pathFor(item.exhibit(), item.fileName());
            long before = written[0];
            EntryDigest digest;
            try (InputStream in = item.bytes().get().open()) {
                digest = zip.add(path, in, n -> progress.accept(new Progress(before + n, -1, path)));
            }
            written[0] += digest.size();
            items.add(ManifestItem.included(item.exhibit(), item.description(), item.fileName(), item.mediaType(), digest.size(), digest.sha256(),
                    item.acquisition(), custody));
        }
        EvidenceManifest core = new EvidenceManifest(contents.id(), contents.createdAt(), contents.producer(), contents.witnesses(),
                contents.request(), items, List.of());
        List<PackageFile> files = new ArrayList<>();
        add(zip, files, PackageLayout.EVENTS, eventsJsonl(contents.ledger().events()));
        for (LoggedEvent e : contents.ledger().events()) {
            add(zip, files, PackageLayout.proof(e.event().id()), utf8(contents.ledger().proofs().get(e.event().id()).format()));
        }
        List<SignedCheckpoint> checkpoints = contents.ledger().checkpoints();
        for (int i = 0; i < checkpoints.size(); i++) {
            add(zip, files, PackageLayout.checkpoint(checkpoints.get(i).checkpoint().size()), utf8(checkpoints.get(i).format()));
            if (i > 0) {
                ConsistencyProof proof = contents.ledger().consistency().get(i - 1);
                add(zip, files, PackageLayout.consistency(proof.oldSize(), proof.newSize()), utf8(proof.format()));
            }
        }
        add(zip, files, PackageLayout.NODE_KEY, nodeKeyJson(core));
        add(zip, files, PackageLayout.LEDGER_KEY, utf8(core.producer().ledgerKey().vkey() + "\n"));
        add(zip, files, PackageLayout.WITNESS_KEYS, utf8(witnessKeys(core.witnesses().witnesses())));
        add(zip, files, PackageLayout.CASE_UCO, CaseUcoExport.export(core, contents.ledger().events().stream().map(LoggedEvent::event).toList()));
        add(zip, files, PackageLayout.README, utf8(ReadMe.text(core)));
        EvidenceManifest manifest = core.withFiles(files);
        byte[] manifestBytes = manifest.canonicalBytes();
        zip.add(PackageLayout.MANIFEST, manifestBytes);
        zip.add(PackageLayout.SIGNATURE, utf8(ManifestSignature.sign(manifestBytes, nodeKey)));
        zip.finish();
        progress.accept(new Progress(written[0], written[0], ""));
        return manifest;
    }

    /** The events of each item in ledger order, after checking that every event is an item's and every item has events. */
    private static Map<UUID, List<LoggedEvent>> eventsByExhibit(PackageContents contents) {
        Map<UUID, List<LoggedEvent>> byExhibit = new LinkedHashMap<>();
        Set<UUID> exhibits = new HashSet<>();
        for (ItemSource item : contents.items()) {
            if (!exhibits.add(item.exhibit())) {
                throw new IllegalArgumentException("exhibit " + item.exhibit() + " is given twice");
            }
            byExhibit.put(item.exhibit(), new ArrayList<>());
        }
        for (LoggedEvent e : contents.ledger().events()) {
            List<LoggedEvent> list = byExhibit.get(e.event().exhibit());
            if (list == null) {
                throw new IllegalArgumentException("event " + e.event().id() + " concerns exhibit " + e.event().exhibit() + ", which is not in the package");
            }
            list.add(e);
        }
        byExhibit.forEach((exhibit, events) -> {
            if (events.isEmpty()) {
                throw new IllegalArgumentException("exhibit " + exhibit + " has no custody events in the ledger excerpt");
            }
        });
        return byExhibit;
    }

    /** One line per event in ledger order: the canonical JSON of {@code {"event": <event>, "index": <n>}}. */
    static byte[] eventsJsonl(List<LoggedEvent> events) {
        StringBuilder out = new StringBuilder();
        for (LoggedEvent e : events) {
            out.append(eventLine(e.index(), e.event())).append('\n');
        }
        return utf8(out.toString());
    }

    static String eventLine(long index, CustodyEvent event) {
        return CanonicalJson.write(Map.of("event", event.toJson(), "index", index));
    }

    static byte[] nodeKeyJson(EvidenceManifest manifest) {
        var key = manifest.producer().signingKey();
        return CanonicalJson.bytes(Map.of("kty", "OKP", "crv", "Ed25519", "x", key.getX().toString(), "kid", key.getKeyID()));
    }

    static String witnessKeys(List<Witness> witnesses) {
        return String.join("", witnesses.stream().map(w -> w.vkey() + "\n").toList());
    }

    private static void add(ZipWriter zip, List<PackageFile> files, String name, byte[] bytes) throws IOException {
        EntryDigest digest = zip.add(name, bytes);
        files.add(new PackageFile(name, digest.size(), digest.sha256()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
