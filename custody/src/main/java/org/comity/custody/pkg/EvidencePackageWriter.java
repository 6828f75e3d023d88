package org.comity.custody.pkg;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.manifest.EventRef;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.LedgerRef;
import org.comity.custody.manifest.ManifestItem;
import org.comity.custody.manifest.PackageFile;
import org.comity.custody.proof.ConsistencyProof;

/**
 * Writes an evidence package (docs/formats/evidence-package.md): each item's bytes streamed from
 * its source into the ZIP while the JDK's SHA-256 runs over them, so a file of any size passes
 * through a 1 MiB buffer; then the custody events of every ledger, their proofs, each ledger's
 * checkpoints and keys, the CASE/UCO export and the read-me; then the manifest, which lists all of
 * them by hash, and the node's signature over it. The writer checks the package's shape (every event
 * proven, every event an item's, each item's events put in chain order); whether the custody it
 * tells is sound is {@link PackageVerifier}'s to say, and a node should run it over what it wrote
 * before sending it.
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

    /**
     * Writes the package to an empty seekable channel (a file, or memory in tests).
     *
     * @throws IllegalArgumentException if the contents do not make a package: the producer's key is not
     *     {@code nodeKey}, an excerpt holds an event of an exhibit that is not an item (use
     *     {@link LedgerExcerpt#select}), an item has no events, or the manifest's rules are not met
     */
    public static EvidenceManifest write(PackageContents contents, SigningKey nodeKey, SeekableByteChannel out, Consumer<Progress> progress)
            throws IOException {
        if (!contents.producer().signingKey().getX().equals(nodeKey.publicJwk().getX())) {
            throw new IllegalArgumentException("the manifest must name the key that signs it: the producer's signing key is not " + nodeKey);
        }
        Map<UUID, List<LoggedEvent>> chains = chains(contents);
        ZipWriter zip = new ZipWriter(out);
        List<ManifestItem> items = new ArrayList<>();
        long[] written = {0};
        for (ItemSource item : contents.items()) {
            List<EventRef> custody = chains.get(item.exhibit()).stream()
                    .map(e -> new EventRef(e.event().id(), e.ledger(), e.index(), e.event().sha256())).toList();
            if (item.bytes().isEmpty()) {
                items.add(ManifestItem.hashOnly(item.exhibit(), item.description(), item.fileName(), item.mediaType(), item.size(), item.sha256(),
                        item.acquisition(), custody));
                continue;
            }
            String path = ManifestItem.pathFor(item.exhibit(), item.fileName());
            long before = written[0];
            EntryDigest digest;
            try (ReadableByteChannel in = item.bytes().get().openChannel()) {
                digest = zip.add(path, in, n -> progress.accept(new Progress(before + n, -1, path)));
            }
            written[0] += digest.size();
            items.add(ManifestItem.included(item.exhibit(), item.description(), item.fileName(), item.mediaType(), digest.size(), digest.sha256(),
                    item.acquisition(), custody));
        }
        EvidenceManifest core = new EvidenceManifest(contents.id(), contents.createdAt(), contents.ledgers().stream().map(PackageLedger::ledger).toList(),
                contents.producer(), contents.request(), items, List.of());
        List<PackageFile> files = new ArrayList<>();
        List<LoggedEvent> events = contents.ledgers().stream().flatMap(l -> l.excerpt().events().stream()).toList();
        add(zip, files, PackageLayout.EVENTS, eventsJsonl(events));
        for (PackageLedger ledger : contents.ledgers()) {
            for (LoggedEvent e : ledger.excerpt().events()) {
                add(zip, files, PackageLayout.proof(e.event().id()), utf8(ledger.excerpt().proofs().get(e.event().id()).format()));
            }
        }
        for (int n = 0; n < contents.ledgers().size(); n++) {
            LedgerExcerpt excerpt = contents.ledgers().get(n).excerpt();
            List<SignedCheckpoint> checkpoints = excerpt.checkpoints();
            for (int i = 0; i < checkpoints.size(); i++) {
                add(zip, files, PackageLayout.checkpoint(n, checkpoints.get(i).checkpoint().size()), utf8(checkpoints.get(i).format()));
                if (i > 0) {
                    ConsistencyProof proof = excerpt.consistency().get(i - 1);
                    add(zip, files, PackageLayout.consistency(n, proof.oldSize(), proof.newSize()), utf8(proof.format()));
                }
            }
        }
        add(zip, files, PackageLayout.NODE_KEY, nodeKeyJson(core));
        for (int n = 0; n < core.ledgers().size(); n++) {
            add(zip, files, PackageLayout.ledgerKey(n), utf8(ledgerKey(core.ledgers().get(n))));
            add(zip, files, PackageLayout.witnessKeys(n), utf8(witnessKeys(core.ledgers().get(n).witnesses().witnesses())));
        }
        add(zip, files, PackageLayout.CASE_UCO, CaseUcoExport.export(core, events.stream().map(LoggedEvent::event).toList()));
        add(zip, files, PackageLayout.README, utf8(ReadMe.text(core)));
        EvidenceManifest manifest = core.withFiles(files);
        byte[] manifestBytes = manifest.canonicalBytes();
        zip.add(PackageLayout.MANIFEST, manifestBytes);
        zip.add(PackageLayout.SIGNATURE, utf8(ManifestSignature.sign(manifestBytes, nodeKey)));
        zip.finish();
        progress.accept(new Progress(written[0], written[0], ""));
        return manifest;
    }

    /** The events of each item in chain order, after checking that every event is an item's and every item has events. */
    private static Map<UUID, List<LoggedEvent>> chains(PackageContents contents) {
        Map<UUID, List<LoggedEvent>> byExhibit = new LinkedHashMap<>();
        for (ItemSource item : contents.items()) {
            if (byExhibit.put(item.exhibit(), new ArrayList<>()) != null) {
                throw new IllegalArgumentException("exhibit " + item.exhibit() + " is given twice");
            }
        }
        for (PackageLedger ledger : contents.ledgers()) {
            for (LoggedEvent e : ledger.excerpt().events()) {
                List<LoggedEvent> list = byExhibit.get(e.event().exhibit());
                if (list == null) {
                    throw new IllegalArgumentException("event " + e.event().id() + " of ledger " + e.ledger() + " concerns exhibit " + e.event().exhibit()
                            + ", which is not in the package (select the excerpt's part about the package's items)");
                }
                list.add(e);
            }
        }
        Map<UUID, List<LoggedEvent>> chains = new LinkedHashMap<>();
        byExhibit.forEach((exhibit, events) -> {
            if (events.isEmpty()) {
                throw new IllegalArgumentException("exhibit " + exhibit + " has no custody events in the ledger excerpts");
            }
            chains.put(exhibit, chainOrder(events));
        });
        return chains;
    }

    /**
     * One exhibit's events, given ledger by ledger in ledger order, put in chain order: each event
     * followed by the one that names it as previous. Where the links do not make one chain, the rest
     * follow in the order given, and the verifier will say where the chain breaks.
     */
    static List<LoggedEvent> chainOrder(List<LoggedEvent> events) {
        Map<UUID, String> hashes = new HashMap<>();
        Map<String, List<LoggedEvent>> successors = new HashMap<>();
        for (LoggedEvent e : events) {
            hashes.put(e.event().id(), e.event().sha256());
            e.event().previous().ifPresent(p -> successors.computeIfAbsent(p, k -> new ArrayList<>()).add(e));
        }
        Set<String> known = new HashSet<>(hashes.values());
        Set<UUID> used = new HashSet<>();
        List<LoggedEvent> ordered = new ArrayList<>();
        while (ordered.size() < events.size()) {
            LoggedEvent next = null;
            if (!ordered.isEmpty()) {
                next = successors.getOrDefault(hashes.get(ordered.getLast().event().id()), List.of()).stream()
                        .filter(e -> !used.contains(e.event().id())).findFirst().orElse(null);
            }
            if (next == null) {
                next = events.stream().filter(e -> !used.contains(e.event().id()))
                        .filter(e -> e.event().previous().isEmpty() || !known.contains(e.event().previous().get())).findFirst()
                        .orElseGet(() -> events.stream().filter(e -> !used.contains(e.event().id())).findFirst().orElseThrow());
            }
            used.add(next.event().id());
            ordered.add(next);
        }
        return ordered;
    }

    /** One line per event, ledger by ledger in the manifest's order, each in ledger order: the canonical JSON of {@code {"event", "index", "ledger"}}. */
    static byte[] eventsJsonl(List<LoggedEvent> events) {
        StringBuilder out = new StringBuilder();
        for (LoggedEvent e : events) {
            out.append(eventLine(e)).append('\n');
        }
        return utf8(out.toString());
    }

    static String eventLine(LoggedEvent e) {
        return CanonicalJson.write(Map.of("event", e.event().toJson(), "index", e.index(), "ledger", e.ledger()));
    }

    static byte[] nodeKeyJson(EvidenceManifest manifest) {
        var key = manifest.producer().signingKey();
        return CanonicalJson.bytes(Map.of("kty", "OKP", "crv", "Ed25519", "x", key.getX().toString(), "kid", key.getKeyID()));
    }

    static String ledgerKey(LedgerRef ledger) {
        return ledger.key().vkey() + "\n";
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
