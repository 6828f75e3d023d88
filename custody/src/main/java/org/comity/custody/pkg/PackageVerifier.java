package org.comity.custody.pkg;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import org.comity.custody.checkpoint.CheckpointRejected;
import org.comity.custody.checkpoint.Cosignature;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.VerifiedCheckpoint;
import org.comity.custody.checkpoint.Witness;
import org.comity.custody.event.ChainBreak;
import org.comity.custody.event.CustodyChain;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.CustodyFormatException;
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.json.FieldException;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonException;
import org.comity.custody.json.JsonFields;
import org.comity.custody.manifest.EventRef;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.ItemBytes;
import org.comity.custody.manifest.ManifestItem;
import org.comity.custody.manifest.PackageFile;
import org.comity.custody.merkle.InclusionProofs;
import org.comity.custody.merkle.ProofRejected;
import org.comity.custody.merkle.TreeHash;
import org.comity.custody.proof.ConsistencyProof;
import org.comity.custody.proof.EntryProof;
import org.comity.custody.proof.EntryProofRejected;

/**
 * Checks an evidence package offline and says, check by check, whether to believe it: the node's
 * signature over the manifest; every file's size and SHA-256 against the manifest; each custody
 * event read strictly and pinned by the manifest; each item's chain of custody; each event's
 * inclusion in the ledger; each checkpoint's ledger signature and witness cosignatures against the
 * quorum; and the consistency of successive checkpoints. Needs nothing but the package (and, for a
 * stronger answer, {@link TrustAnchors}).
 */
public final class PackageVerifier {

    /** Beyond this many failures of one kind, the report counts the rest rather than listing them. */
    private static final int MAX_LISTED = 20;

    private final EvidencePackage pkg;
    private final EvidenceManifest manifest;
    private final TrustAnchors anchors;
    private final List<Check> checks = new ArrayList<>();
    /** Events read from custody/events.jsonl, by id, with their ledger index. */
    private final Map<UUID, Long> indexes = new HashMap<>();
    private final Map<UUID, CustodyEvent> events = new HashMap<>();

    private PackageVerifier(EvidencePackage pkg, TrustAnchors anchors) {
        this.pkg = pkg;
        this.manifest = pkg.manifest();
        this.anchors = anchors;
    }

    /** Reads the package at {@code file} (hashing every entry, with progress) and checks it. */
    public static VerificationReport verify(Path file, TrustAnchors anchors, Consumer<Progress> progress) throws PackageRejected {
        return verify(EvidencePackageReader.read(file, progress), anchors);
    }

    /** Checks a package already read with its hashes. */
    public static VerificationReport verify(EvidencePackage pkg, TrustAnchors anchors) {
        return new PackageVerifier(pkg, anchors).run();
    }

    private VerificationReport run() {
        signature();
        files();
        keys();
        items();
        readEvents();
        List<ItemStory> stories = chains();
        Map<Long, VerifiedCheckpoint> checkpoints = checkpoints();
        consistency(checkpoints);
        proofs(checkpoints);
        return VerificationReport.of(manifest, checks, stories);
    }

    private void signature() {
        String kid = manifest.producer().signingKey().getKeyID();
        Optional<byte[]> signature = pkg.file(PackageLayout.SIGNATURE);
        if (signature.isEmpty()) {
            checks.add(Check.fail("manifest signature", "the package has no signature (manifest.sig): nothing in it can be attributed to a node"));
            return;
        }
        Optional<String> problem = ManifestSignature.problem(signature.get(), pkg.manifestBytes(), manifest.producer().signingKey());
        if (problem.isPresent()) {
            checks.add(Check.fail("manifest signature", problem.get()));
            return;
        }
        checks.add(Check.pass("manifest signature", "the manifest is signed by the key the producing node " + manifest.producer().node() + " ("
                + manifest.producer().name() + ", state " + manifest.producer().state() + ") names as its own, key " + kid));
        anchors.nodeKeyId().ifPresentOrElse(expected -> checks.add(expected.equals(kid)
                        ? Check.pass("node key", "the signing key is the one you trust for this node (" + expected + ")")
                        : Check.fail("node key", "the package is signed with key " + kid + ", not with the key you trust (" + expected + ")")),
                () -> checks.add(Check.info("node key", "compare key " + kid + " with the key node " + manifest.producer().node()
                        + "'s state publishes; only that shows the package comes from that node")));
    }

    private void files() {
        List<String> problems = new ArrayList<>();
        for (PackageFile f : manifest.files()) {
            Optional<EntryDigest> digest = pkg.digest(f.path());
            if (digest.isEmpty()) {
                problems.add(f.path() + " is listed in the manifest but missing from the package");
            } else if (digest.get().size() != f.size() || !digest.get().sha256().equals(f.sha256())) {
                problems.add(f.path() + " has been changed: its SHA-256 is " + digest.get().sha256() + ", the manifest says " + f.sha256());
            }
        }
        for (String required : List.of(PackageLayout.EVENTS, PackageLayout.CASE_UCO, PackageLayout.README, PackageLayout.NODE_KEY,
                PackageLayout.LEDGER_KEY, PackageLayout.WITNESS_KEYS)) {
            if (manifest.files().stream().noneMatch(f -> f.path().equals(required))) {
                problems.add("the manifest does not list " + required + ", which every package has");
            }
        }
        report("package files", problems, "all " + manifest.files().size() + " files besides the evidence (custody record, proofs, checkpoints, keys, "
                + "CASE/UCO export, read-me) are exactly as the manifest lists them");
    }

    private void keys() {
        List<String> problems = new ArrayList<>();
        expect(PackageLayout.NODE_KEY, EvidencePackageWriter.nodeKeyJson(manifest), problems);
        expect(PackageLayout.LEDGER_KEY, (manifest.producer().ledgerKey().vkey() + "\n").getBytes(StandardCharsets.UTF_8), problems);
        expect(PackageLayout.WITNESS_KEYS, EvidencePackageWriter.witnessKeys(manifest.witnesses().witnesses()).getBytes(StandardCharsets.UTF_8), problems);
        report("keys", problems, "the keys in keys/ are the ones the manifest names");
    }

    private void expect(String name, byte[] expected, List<String> problems) {
        pkg.file(name).ifPresent(actual -> {
            if (!Arrays.equals(actual, expected)) {
                problems.add(name + " does not hold the key the manifest names");
            }
        });
    }

    private void items() {
        for (ManifestItem item : manifest.items()) {
            String subject = item.path().orElse("exhibit " + item.exhibit());
            if (item.bytes() == ItemBytes.HASH_ONLY) {
                checks.add(Check.info(subject, "'" + item.fileName() + "' is not included; the package gives its size (" + item.size()
                        + " bytes) and SHA-256 (" + item.sha256() + ") so the original can be checked where it is held"));
                continue;
            }
            Optional<EntryDigest> digest = pkg.digest(item.path().get());
            if (digest.isEmpty()) {
                checks.add(Check.fail(subject, "'" + item.fileName() + "' is missing from the package"));
            } else if (digest.get().size() != item.size()) {
                checks.add(Check.fail(subject, "'" + item.fileName() + "' has " + digest.get().size() + " bytes; the manifest says " + item.size()));
            } else if (!digest.get().sha256().equals(item.sha256())) {
                checks.add(Check.fail(subject, "'" + item.fileName() + "' has been changed: its SHA-256 is " + digest.get().sha256()
                        + ", the manifest says " + item.sha256()));
            } else {
                checks.add(Check.pass(subject, "'" + item.fileName() + "': " + item.size() + " bytes, SHA-256 " + item.sha256() + ", as signed"));
            }
        }
    }

    /** Reads custody/events.jsonl line by line, strictly, and matches it with the events the manifest pins. */
    private void readEvents() {
        List<String> problems = new ArrayList<>();
        byte[] bytes = pkg.file(PackageLayout.EVENTS).orElse(new byte[0]);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes) || (!text.isEmpty() && !text.endsWith("\n"))) {
            problems.add("the file is not UTF-8 lines, each ending in a newline");
        } else if (!text.isEmpty()) {
            long last = -1;
            String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                try {
                    JsonFields line = JsonFields.of(Json.parse(lines[i], CustodyEvent.MAX_BYTES + 100), "line " + (i + 1), java.util.Set.of("event", "index"));
                    long index = line.whole("index", 0);
                    CustodyEvent event = CustodyEvent.fromJson(line.raw("event").orElse(null));
                    if (!EvidencePackageWriter.eventLine(index, event).equals(lines[i])) {
                        problems.add("line " + (i + 1) + " is not in canonical form (RFC 8785)");
                    } else if (index <= last) {
                        problems.add("line " + (i + 1) + " is out of ledger order");
                    } else if (events.putIfAbsent(event.id(), event) != null) {
                        problems.add("line " + (i + 1) + " repeats event " + event.id());
                    } else {
                        indexes.put(event.id(), index);
                    }
                    last = Math.max(last, index);
                } catch (JsonException | FieldException e) {
                    problems.add("line " + (i + 1) + " is not a custody event: " + e.getMessage());
                } catch (CustodyFormatException e) {
                    problems.add("line " + (i + 1) + " is not a custody event: " + e.getMessage());
                }
            }
        }
        int pinned = 0;
        java.util.Set<UUID> referenced = new java.util.HashSet<>();
        for (ManifestItem item : manifest.items()) {
            for (EventRef ref : item.custody()) {
                referenced.add(ref.id());
                pinned++;
                CustodyEvent event = events.get(ref.id());
                if (event == null) {
                    problems.add("event " + ref.id() + " of exhibit " + item.exhibit() + " is missing");
                } else if (indexes.get(ref.id()) != ref.index() || !event.sha256().equals(ref.sha256())) {
                    problems.add("event " + ref.id() + " is not the event the manifest pins (its hash or ledger index differs)");
                } else if (!event.exhibit().equals(item.exhibit())) {
                    problems.add("event " + ref.id() + " concerns exhibit " + event.exhibit() + ", not " + item.exhibit());
                }
            }
        }
        events.keySet().stream().filter(id -> !referenced.contains(id)).sorted()
                .forEach(id -> problems.add("event " + id + " is in the custody record but not in the manifest"));
        report("custody events", problems, "all " + pinned + " custody events read as the format requires and are exactly those the manifest pins");
    }

    private List<ItemStory> chains() {
        List<ItemStory> stories = new ArrayList<>();
        for (ManifestItem item : manifest.items()) {
            List<CustodyEvent> chain = item.custody().stream().map(r -> events.get(r.id())).filter(e -> e != null && e.exhibit().equals(item.exhibit()))
                    .toList();
            stories.add(new ItemStory(item, chain.stream().map(e -> ItemStory.Step.of(indexes.get(e.id()), e)).toList()));
            String subject = "custody of exhibit " + item.exhibit();
            if (chain.size() != item.custody().size()) {
                checks.add(Check.fail(subject, "the chain of custody cannot be followed: some of its events are missing or unreadable"));
                continue;
            }
            List<LoggedEvent> logged = chain.stream().map(e -> new LoggedEvent(manifest.producer().ledgerOrigin(), indexes.get(e.id()), e)).toList();
            List<ChainBreak> breaks = CustodyChain.breaks(logged);
            breaks.forEach(b -> checks.add(Check.fail(subject, "event " + b.position() + " (" + b.event() + "): " + b.problem())));
            Optional<String> last = CustodyChain.lastKnownSha256(logged);
            if (last.isPresent() && !last.get().equals(item.sha256())) {
                checks.add(Check.fail(subject, "the item's SHA-256 (" + item.sha256() + ") is not the one its custody record last recorded (" + last.get() + ")"));
            } else if (breaks.isEmpty()) {
                CustodyEvent first = chain.getFirst();
                checks.add(Check.pass(subject, chain.size() + " events, unbroken from its " + (first.action().json().equals("acquire") ? "acquisition" : "receipt")
                        + " on " + JsonFields.instantText(first.at()) + " by " + first.actor().name() + " (" + first.actor().authorityName() + ")"
                        + (last.isPresent() ? ", ending with the hash of the item as packaged" : "")));
            }
        }
        return stories;
    }

    /** Each checkpoint in the package: read, signed by the ledger, cosigned by a quorum of the expected witnesses. */
    private Map<Long, VerifiedCheckpoint> checkpoints() {
        Map<Long, VerifiedCheckpoint> verified = new TreeMap<>();
        NoteVerifier ledgerKey = manifest.producer().ledgerKey();
        if (anchors.ledgerKey().isPresent() && !anchors.ledgerKey().get().equals(ledgerKey)) {
            checks.add(Check.fail("ledger key", "the package names ledger key " + ledgerKey.vkey() + ", not the one you trust (" + anchors.ledgerKey().get().vkey() + ")"));
            ledgerKey = anchors.ledgerKey().get();
        }
        List<Witness> witnesses = manifest.witnesses().witnesses();
        int quorum = manifest.witnesses().quorum();
        LogPolicy policy = LogPolicy.of(manifest.producer().ledgerOrigin(), ledgerKey).withWitnesses(witnesses, 0);
        for (PackageFile f : manifest.files()) {
            Matcher m = PackageLayout.CHECKPOINT.matcher(f.path());
            if (!m.matches()) {
                continue;
            }
            String subject = "ledger checkpoint " + m.group(1);
            try {
                VerifiedCheckpoint checkpoint = SignedCheckpoint.parse(pkg.file(f.path()).orElseThrow(() -> new CheckpointRejected(
                        CheckpointRejected.Reason.MALFORMED, "the file is missing"))).verify(policy);
                if (!m.group(1).equals(Long.toString(checkpoint.checkpoint().size()))) {
                    checks.add(Check.fail(subject, "the file holds a checkpoint of " + checkpoint.checkpoint().size() + " entries"));
                    continue;
                }
                String cosigners = checkpoint.cosignatures().isEmpty() ? "no witness cosigned it"
                        : "cosigned by " + String.join(", ", checkpoint.cosignatures().stream().map(PackageVerifier::cosigner).toList());
                String expected = " (" + checkpoint.cosignatures().size() + " of " + witnesses.size() + " expected witnesses; " + quorum + " required)";
                if (checkpoint.cosignatures().size() < quorum) {
                    checks.add(Check.fail(subject, "signed by the ledger, but too few witnesses cosigned: " + cosigners + expected));
                    continue;
                }
                verified.put(checkpoint.checkpoint().size(), checkpoint);
                checks.add(Check.pass(subject, "the ledger's state at " + checkpoint.checkpoint().size() + " entries is signed by the ledger's key and "
                        + cosigners + expected));
            } catch (CheckpointRejected e) {
                checks.add(Check.fail(subject, "refused: " + e.getMessage()));
            }
        }
        if (manifest.files().stream().noneMatch(f -> PackageLayout.CHECKPOINT.matcher(f.path()).matches())) {
            checks.add(Check.fail("ledger checkpoints", "the package has no checkpoint: its custody record cannot be tied to the ledger"));
        }
        return verified;
    }

    private static String cosigner(Cosignature c) {
        return c.witness() + " at " + c.time();
    }

    /** Successive checkpoints must show the ledger only grew between them. */
    private void consistency(Map<Long, VerifiedCheckpoint> checkpoints) {
        List<Long> sizes = manifest.files().stream().map(f -> PackageLayout.CHECKPOINT.matcher(f.path())).filter(Matcher::matches)
                .map(m -> Long.parseLong(m.group(1))).sorted().toList();
        for (int i = 1; i < sizes.size(); i++) {
            long older = sizes.get(i - 1);
            long newer = sizes.get(i);
            String name = PackageLayout.consistency(older, newer);
            String subject = "ledger consistency " + older + " to " + newer;
            if (!checkpoints.containsKey(older) || !checkpoints.containsKey(newer)) {
                checks.add(Check.fail(subject, "cannot be checked: one of the two checkpoints was refused"));
                continue;
            }
            try {
                byte[] bytes = pkg.file(name).orElseThrow(() -> new ProofRejected("the package has no consistency proof " + name));
                ConsistencyProof.parse(bytes).verify(checkpoints.get(older).checkpoint(), checkpoints.get(newer).checkpoint());
                checks.add(Check.pass(subject, "the ledger at " + newer + " entries extends the ledger at " + older + ": nothing was rewritten"));
            } catch (ProofRejected e) {
                checks.add(Check.fail(subject, "the ledger may have been rewritten: " + e.getMessage()));
            }
        }
    }

    /** Each event's inclusion proof must lead from its canonical bytes to the root of a checkpoint that verified above. */
    private void proofs(Map<Long, VerifiedCheckpoint> checkpoints) {
        List<String> problems = new ArrayList<>();
        int proven = 0;
        for (ManifestItem item : manifest.items()) {
            for (EventRef ref : item.custody()) {
                CustodyEvent event = events.get(ref.id());
                if (event == null) {
                    continue; // already reported as missing
                }
                try {
                    byte[] bytes = pkg.file(PackageLayout.proof(ref.id()))
                            .orElseThrow(() -> new EntryProofRejected(EntryProofRejected.Reason.MALFORMED, "the package has no proof for it"));
                    EntryProof proof = EntryProof.parse(bytes);
                    VerifiedCheckpoint checkpoint = checkpoints.get(proof.checkpoint().checkpoint().size());
                    if (checkpoint == null || !checkpoint.checkpoint().equals(proof.checkpoint().checkpoint())) {
                        throw new EntryProofRejected(EntryProofRejected.Reason.CHECKPOINT, "its checkpoint is not one of the package's verified checkpoints");
                    }
                    if (proof.index() != indexes.get(ref.id())) {
                        throw new EntryProofRejected(EntryProofRejected.Reason.NOT_INCLUDED, "the proof is for ledger entry " + proof.index()
                                + ", the event is entry " + indexes.get(ref.id()));
                    }
                    InclusionProofs.verify(proof.index(), checkpoint.checkpoint().size(), TreeHash.leaf(event.canonicalBytes()), proof.path(),
                            checkpoint.checkpoint().rootHash());
                    proven++;
                } catch (EntryProofRejected e) {
                    problems.add("event " + ref.id() + ": " + e.getMessage());
                } catch (ProofRejected e) {
                    problems.add("event " + ref.id() + ": not in the ledger: " + e.getMessage());
                }
            }
        }
        report("ledger inclusion", problems, "all " + proven + " custody events are recorded in the node's ledger (each proven against a signed checkpoint)");
    }

    /** One PASS for a whole kind of check, or a FAIL per problem (the first few, then a count). */
    private void report(String subject, List<String> problems, String passMessage) {
        if (problems.isEmpty()) {
            checks.add(Check.pass(subject, passMessage));
            return;
        }
        problems.stream().limit(MAX_LISTED).forEach(p -> checks.add(Check.fail(subject, p)));
        if (problems.size() > MAX_LISTED) {
            checks.add(Check.fail(subject, "and " + (problems.size() - MAX_LISTED) + " more problems of this kind"));
        }
    }
}
