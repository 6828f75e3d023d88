package org.comity.custody.pkg;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.comity.custody.event.ChainBreak;
import org.comity.custody.event.CustodyAction;
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
import org.comity.custody.manifest.LedgerRef;
import org.comity.custody.manifest.ManifestItem;
import org.comity.custody.manifest.PackageFile;
import org.comity.custody.merkle.InclusionProofs;
import org.comity.custody.merkle.ProofRejected;
import org.comity.custody.merkle.TreeHash;
import org.comity.custody.proof.ConsistencyProof;
import org.comity.custody.proof.EntryProof;
import org.comity.custody.proof.EntryProofRejected;

/**
 * Checks an evidence package offline and says, check by check, whether to believe it: the
 * producing node's signature over the manifest; every file's size and SHA-256 against the manifest;
 * each custody event read strictly, pinned by the manifest and recorded by the node whose ledger
 * holds it; each item's chain of custody across the nodes it passed through; and for each ledger,
 * its checkpoints' signature and witness cosignatures against the quorum, the consistency of
 * successive checkpoints, and each of its events' inclusion. Needs nothing but the package (and, for
 * a stronger answer, {@link TrustAnchors}); nothing depends on the order of the package's entries or
 * of the lines of its custody record.
 */
public final class PackageVerifier {

    /** Beyond this many failures of one kind, the report counts the rest rather than listing them. */
    private static final int MAX_LISTED = 20;

    private final EvidencePackage pkg;
    private final EvidenceManifest manifest;
    private final TrustAnchors anchors;
    private final Duration clockSkew;
    private final List<Check> checks = new ArrayList<>();
    /** Events read from custody/events.jsonl, by id, with their ledger and index. */
    private final Map<UUID, LoggedEvent> events = new HashMap<>();

    private PackageVerifier(EvidencePackage pkg, TrustAnchors anchors, Duration clockSkew) {
        this.pkg = pkg;
        this.manifest = pkg.manifest();
        this.anchors = anchors;
        this.clockSkew = clockSkew;
    }

    /** Reads the package at {@code file} (hashing every entry, with progress) and checks it, allowing the default clock skew at hand-overs. */
    public static VerificationReport verify(Path file, TrustAnchors anchors, Consumer<Progress> progress) throws PackageRejected {
        return verify(EvidencePackageReader.read(file, progress), anchors);
    }

    /** As {@link #verify(Path, TrustAnchors, Consumer)}, allowing {@code clockSkew} between two nodes' clocks at a hand-over. */
    public static VerificationReport verify(Path file, TrustAnchors anchors, Duration clockSkew, Consumer<Progress> progress) throws PackageRejected {
        return verify(EvidencePackageReader.read(file, progress), anchors, clockSkew);
    }

    /** Checks a package already read with its hashes, allowing {@link CustodyChain#DEFAULT_CLOCK_SKEW} at hand-overs. */
    public static VerificationReport verify(EvidencePackage pkg, TrustAnchors anchors) {
        return verify(pkg, anchors, CustodyChain.DEFAULT_CLOCK_SKEW);
    }

    /** Checks a package already read with its hashes, allowing {@code clockSkew} between two nodes' clocks at a hand-over. */
    public static VerificationReport verify(EvidencePackage pkg, TrustAnchors anchors, Duration clockSkew) {
        return new PackageVerifier(pkg, anchors, clockSkew).run();
    }

    private VerificationReport run() {
        signature();
        files();
        keys();
        items();
        readEvents();
        List<ItemStory> stories = chains();
        Map<String, Map<Long, VerifiedCheckpoint>> checkpoints = new HashMap<>();
        for (int n = 0; n < manifest.ledgers().size(); n++) {
            Map<Long, VerifiedCheckpoint> verified = checkpoints(n);
            consistency(n, verified);
            checkpoints.put(manifest.ledgers().get(n).origin(), verified);
        }
        proofs(checkpoints);
        return VerificationReport.of(manifest, checks, stories);
    }

    private void signature() {
        String kid = manifest.producer().signingKey().getKeyID();
        String node = manifest.producerNode().id();
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
        checks.add(Check.pass("manifest signature", "the manifest is signed by the key the producing node " + node + " ("
                + manifest.producerNode().name() + ", state " + manifest.producerNode().state() + ") names as its own, key " + kid));
        anchors.nodeKeyId().ifPresentOrElse(expected -> checks.add(expected.equals(kid)
                        ? Check.pass("node key", "the signing key is the one you trust for this node (" + expected + ")")
                        : Check.fail("node key", "the package is signed with key " + kid + ", not with the key you trust (" + expected + ")")),
                () -> checks.add(Check.info("node key", "compare key " + kid + " with the key node " + node
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
            stray(f.path()).ifPresent(problems::add);
        }
        List<String> required = new ArrayList<>(List.of(PackageLayout.EVENTS, PackageLayout.CASE_UCO, PackageLayout.README, PackageLayout.NODE_KEY));
        for (int n = 0; n < manifest.ledgers().size(); n++) {
            required.add(PackageLayout.ledgerKey(n));
            required.add(PackageLayout.witnessKeys(n));
        }
        for (String name : required) {
            if (manifest.files().stream().noneMatch(f -> f.path().equals(name))) {
                problems.add("the manifest does not list " + name + ", which every package of these ledgers has");
            }
        }
        report("package files", problems, "all " + manifest.files().size() + " files besides the evidence (custody record, proofs, checkpoints, keys, "
                + "CASE/UCO export, read-me) are exactly as the manifest lists them");
    }

    /** A listed file that belongs to no ledger or event of the manifest: the format has a place for it, but this package has none. */
    private Optional<String> stray(String path) {
        for (var pattern : List.of(PackageLayout.CHECKPOINT, PackageLayout.CONSISTENCY, PackageLayout.LEDGER_KEY, PackageLayout.WITNESS_KEYS)) {
            Matcher m = pattern.matcher(path);
            if (m.matches() && Integer.parseInt(m.group(1)) >= manifest.ledgers().size()) {
                return Optional.of(path + " belongs to ledger " + m.group(1) + ", but the manifest has " + manifest.ledgers().size() + " ledgers");
            }
        }
        Matcher proof = PackageLayout.PROOF.matcher(path);
        if (proof.matches() && manifest.items().stream().flatMap(i -> i.custody().stream()).noneMatch(e -> e.id().toString().equals(proof.group(1)))) {
            return Optional.of(path + " proves an event the manifest does not pin");
        }
        return Optional.empty();
    }

    private void keys() {
        List<String> problems = new ArrayList<>();
        expect(PackageLayout.NODE_KEY, EvidencePackageWriter.nodeKeyJson(manifest), problems);
        for (int n = 0; n < manifest.ledgers().size(); n++) {
            LedgerRef ledger = manifest.ledgers().get(n);
            expect(PackageLayout.ledgerKey(n), EvidencePackageWriter.ledgerKey(ledger).getBytes(StandardCharsets.UTF_8), problems);
            expect(PackageLayout.witnessKeys(n), EvidencePackageWriter.witnessKeys(ledger.witnesses().witnesses()).getBytes(StandardCharsets.UTF_8),
                    problems);
        }
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

    /**
     * Reads custody/events.jsonl line by line, strictly, in whatever order the lines come, and
     * matches it with the events the manifest pins: same ledger, index and hash, the item's exhibit,
     * and recorded by the node whose ledger holds it.
     */
    private void readEvents() {
        List<String> problems = new ArrayList<>();
        byte[] bytes = pkg.file(PackageLayout.EVENTS).orElse(new byte[0]);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes) || (!text.isEmpty() && !text.endsWith("\n"))) {
            problems.add("the file is not UTF-8 lines, each ending in a newline");
        } else if (!text.isEmpty()) {
            String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
            Set<String> places = new HashSet<>();
            for (int i = 0; i < lines.length; i++) {
                readLine(i + 1, lines[i], places).ifPresent(problems::add);
            }
        }
        int pinned = 0;
        Set<UUID> referenced = new HashSet<>();
        for (ManifestItem item : manifest.items()) {
            for (EventRef ref : item.custody()) {
                referenced.add(ref.id());
                pinned++;
                LoggedEvent logged = events.get(ref.id());
                if (logged == null) {
                    problems.add("event " + ref.id() + " of exhibit " + item.exhibit() + " is missing");
                } else if (!logged.ledger().equals(ref.ledger()) || logged.index() != ref.index() || !logged.event().sha256().equals(ref.sha256())) {
                    problems.add("event " + ref.id() + " is not the event the manifest pins (its hash, ledger or ledger index differs)");
                } else if (!logged.event().exhibit().equals(item.exhibit())) {
                    problems.add("event " + ref.id() + " concerns exhibit " + logged.event().exhibit() + ", not " + item.exhibit());
                }
            }
        }
        events.keySet().stream().filter(id -> !referenced.contains(id)).sorted()
                .forEach(id -> problems.add("event " + id + " is in the custody record but not in the manifest"));
        report("custody events", problems, "all " + pinned + " custody events read as the format requires, are exactly those the manifest pins, "
                + "and each was recorded by the node whose ledger holds it");
    }

    /** One line of the custody record: kept when it reads, else what is wrong with it. */
    private Optional<String> readLine(int number, String line, Set<String> places) {
        try {
            JsonFields fields = JsonFields.of(Json.parse(line, CustodyEvent.MAX_BYTES + 1000), "line " + number, Set.of("event", "index", "ledger"));
            CustodyEvent event = CustodyEvent.fromJson(fields.raw("event").orElse(null));
            LoggedEvent logged = new LoggedEvent(fields.string("ledger", 300), fields.whole("index", 0), event);
            Optional<LedgerRef> ledger = manifest.ledger(logged.ledger());
            if (!EvidencePackageWriter.eventLine(logged).equals(line)) {
                return Optional.of("line " + number + " is not in canonical form (RFC 8785)");
            }
            if (ledger.isEmpty()) {
                return Optional.of("line " + number + " puts event " + event.id() + " in ledger " + logged.ledger() + ", which is not among the package's");
            }
            if (!places.add(logged.ledger() + "\n" + logged.index()) || events.putIfAbsent(event.id(), logged) != null) {
                return Optional.of("line " + number + " repeats event " + event.id() + " or its place in ledger " + logged.ledger());
            }
            if (!event.node().equals(ledger.get().node().id()) || !event.state().equals(ledger.get().node().state())) {
                return Optional.of("event " + event.id() + " says it was recorded by node " + event.node() + " (" + event.state() + "), but it is in the "
                        + "ledger of node " + ledger.get().node().id() + " (" + ledger.get().node().state() + ")");
            }
            return Optional.empty();
        } catch (JsonException | FieldException e) {
            return Optional.of("line " + number + " is not a custody event: " + e.getMessage());
        } catch (CustodyFormatException e) {
            return Optional.of("line " + number + " is not a custody event: " + e.getMessage());
        }
    }

    private List<ItemStory> chains() {
        if (!clockSkew.equals(CustodyChain.DEFAULT_CLOCK_SKEW)) {
            checks.add(Check.info("clock skew", "at a hand-over, a receipt may be dated up to " + clockSkew.toSeconds() + " seconds before its "
                    + "transfer, as you chose; the format's default is " + CustodyChain.DEFAULT_CLOCK_SKEW.toSeconds() + " seconds"));
        }
        List<ItemStory> stories = new ArrayList<>();
        for (ManifestItem item : manifest.items()) {
            List<LoggedEvent> chain = item.custody().stream().map(r -> events.get(r.id()))
                    .filter(e -> e != null && e.event().exhibit().equals(item.exhibit())).toList();
            ItemStory story = new ItemStory(item, chain.stream().map(ItemStory.Step::of).toList());
            stories.add(story);
            String subject = "custody of exhibit " + item.exhibit();
            if (chain.size() != item.custody().size()) {
                checks.add(Check.fail(subject, "the chain of custody cannot be followed: some of its events are missing or unreadable"));
                continue;
            }
            List<ChainBreak> breaks = CustodyChain.breaks(chain, clockSkew);
            breaks.forEach(b -> checks.add(Check.fail(subject, "event " + b.position() + " (" + b.event() + "): " + b.problem())));
            Optional<String> last = CustodyChain.lastKnownSha256(chain);
            if (last.isPresent() && !last.get().equals(item.sha256())) {
                checks.add(Check.fail(subject, "the item's SHA-256 (" + item.sha256() + ") is not the one its custody record last recorded (" + last.get() + ")"));
            } else if (breaks.isEmpty()) {
                checks.add(Check.pass(subject, unbroken(story, chain) + (last.isPresent() ? ", ending with the hash of the item as packaged" : "")));
            }
            CustodyEvent first = chain.getFirst().event();
            if (first.action() == CustodyAction.RECEIVE && first.previous().isEmpty()) {
                checks.add(Check.info(subject, "history before reception not included: the package tells the exhibit's custody from its receipt at node "
                        + first.node() + " on " + JsonFields.instantText(first.at()) + " (" + first.reason() + "); where it was before is not in it"));
            }
        }
        return stories;
    }

    /** The chain in one sentence: where it starts, and each hand-over from node to node. */
    private static String unbroken(ItemStory story, List<LoggedEvent> chain) {
        CustodyEvent first = chain.getFirst().event();
        Set<String> nodes = new LinkedHashSet<>();
        chain.forEach(e -> nodes.add(e.event().node()));
        StringBuilder text = new StringBuilder().append(chain.size()).append(" events");
        text.append(nodes.size() > 1 ? " in the ledgers of nodes " + VerificationReport.inWords(List.copyOf(nodes))
                : " in the ledger of node " + first.node());
        text.append(", unbroken: ").append(first.action().pastTense()).append(" by ").append(first.actor().name()).append(" (")
                .append(first.actor().authorityName()).append(") at node ").append(first.node()).append(" on ").append(JsonFields.instantText(first.at()));
        for (ItemStory.HandOver h : story.handOvers()) {
            text.append("; transferred by ").append(h.sent().actor()).append(" at node ").append(h.sent().node()).append(" on ")
                    .append(JsonFields.instantText(h.sent().at())).append(", received by ").append(h.received().actor()).append(" (")
                    .append(h.received().authority()).append(") at node ").append(h.received().node()).append(" on ")
                    .append(JsonFields.instantText(h.received().at()));
        }
        CustodyEvent last = chain.getLast().event();
        if (chain.size() > 1) {
            text.append("; last ").append(last.action().pastTense()).append(" at node ").append(last.node()).append(" on ")
                    .append(JsonFields.instantText(last.at()));
        }
        return text.toString();
    }

    /**
     * Each checkpoint of the ledger at {@code n}: read, of that ledger, signed by its key (or the one
     * the person trusts), cosigned by a quorum of its expected witnesses.
     */
    private Map<Long, VerifiedCheckpoint> checkpoints(int n) {
        LedgerRef ledger = manifest.ledgers().get(n);
        String name = "ledger of " + ledger.node().id();
        NoteVerifier key = ledgerKey(ledger, name);
        var witnesses = ledger.witnesses().witnesses();
        int quorum = ledger.witnesses().quorum();
        LogPolicy policy = LogPolicy.of(ledger.origin(), key).withWitnesses(witnesses, 0);
        Map<Long, VerifiedCheckpoint> verified = new TreeMap<>();
        boolean any = false;
        for (PackageFile f : manifest.files()) {
            Matcher m = PackageLayout.CHECKPOINT.matcher(f.path());
            if (!m.matches() || Integer.parseInt(m.group(1)) != n) {
                continue;
            }
            any = true;
            String subject = name + ", checkpoint " + m.group(2);
            try {
                VerifiedCheckpoint checkpoint = SignedCheckpoint.parse(pkg.file(f.path()).orElseThrow(() -> new CheckpointRejected(
                        CheckpointRejected.Reason.MALFORMED, "the file is missing"))).verify(policy);
                if (!m.group(2).equals(Long.toString(checkpoint.checkpoint().size()))) {
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
                checks.add(Check.pass(subject, "node " + ledger.node().id() + "'s ledger at " + checkpoint.checkpoint().size()
                        + " entries is signed by the ledger's key and " + cosigners + expected));
            } catch (CheckpointRejected e) {
                checks.add(Check.fail(subject, "refused: " + e.getMessage()));
            }
        }
        if (!any) {
            checks.add(Check.fail(name, "the package has no checkpoint of node " + ledger.node().id() + "'s ledger: its events cannot be tied to it"));
        }
        return verified;
    }

    /** The key that must have signed the ledger's checkpoints: the one the person trusts where they gave one, else the package's. */
    private NoteVerifier ledgerKey(LedgerRef ledger, String name) {
        Optional<NoteVerifier> trusted = anchors.ledgerKey(ledger.origin());
        String subject = name + ", key";
        if (trusted.isEmpty()) {
            checks.add(Check.info(subject, "compare ledger key " + ledger.key().vkey() + " with the one node " + ledger.node().id()
                    + "'s state publishes; only that shows the checkpoints are that node's"));
            return ledger.key();
        }
        if (!trusted.get().equals(ledger.key())) {
            checks.add(Check.fail(subject, "the package names ledger key " + ledger.key().vkey() + ", not the one you trust (" + trusted.get().vkey() + ")"));
            return trusted.get();
        }
        checks.add(Check.pass(subject, "the ledger key is the one you trust for node " + ledger.node().id() + " (" + trusted.get().vkey() + ")"));
        return trusted.get();
    }

    private static String cosigner(Cosignature c) {
        return c.witness() + " at " + c.time();
    }

    /** Successive checkpoints of one ledger must show it only grew between them. */
    private void consistency(int n, Map<Long, VerifiedCheckpoint> checkpoints) {
        LedgerRef ledger = manifest.ledgers().get(n);
        List<Long> sizes = manifest.files().stream().map(f -> PackageLayout.CHECKPOINT.matcher(f.path()))
                .filter(m -> m.matches() && Integer.parseInt(m.group(1)) == n).map(m -> Long.parseLong(m.group(2))).sorted().toList();
        for (int i = 1; i < sizes.size(); i++) {
            long older = sizes.get(i - 1);
            long newer = sizes.get(i);
            String file = PackageLayout.consistency(n, older, newer);
            String subject = "ledger of " + ledger.node().id() + ", consistency " + older + " to " + newer;
            if (!checkpoints.containsKey(older) || !checkpoints.containsKey(newer)) {
                checks.add(Check.fail(subject, "cannot be checked: one of the two checkpoints was refused"));
                continue;
            }
            try {
                byte[] bytes = pkg.file(file).orElseThrow(() -> new ProofRejected("the package has no consistency proof " + file));
                ConsistencyProof.parse(bytes).verify(checkpoints.get(older).checkpoint(), checkpoints.get(newer).checkpoint());
                checks.add(Check.pass(subject, "node " + ledger.node().id() + "'s ledger at " + newer + " entries extends it at " + older
                        + ": nothing was rewritten"));
            } catch (ProofRejected e) {
                checks.add(Check.fail(subject, "the ledger may have been rewritten: " + e.getMessage()));
            }
        }
    }

    /** Each event's inclusion proof must lead from its canonical bytes to the root of a verified checkpoint of the ledger that holds it. */
    private void proofs(Map<String, Map<Long, VerifiedCheckpoint>> checkpoints) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> proven = new LinkedHashMap<>();
        manifest.ledgers().forEach(l -> proven.put(l.node().id(), 0));
        for (ManifestItem item : manifest.items()) {
            for (EventRef ref : item.custody()) {
                LoggedEvent logged = events.get(ref.id());
                if (logged == null || !logged.ledger().equals(ref.ledger())) {
                    continue; // already reported in the custody events
                }
                LedgerRef ledger = manifest.ledger(ref.ledger()).orElseThrow();
                try {
                    byte[] bytes = pkg.file(PackageLayout.proof(ref.id()))
                            .orElseThrow(() -> new EntryProofRejected(EntryProofRejected.Reason.MALFORMED, "the package has no proof for it"));
                    EntryProof proof = EntryProof.parse(bytes);
                    String origin = proof.checkpoint().checkpoint().origin();
                    if (!origin.equals(ref.ledger())) {
                        throw new EntryProofRejected(EntryProofRejected.Reason.CHECKPOINT, "its proof leads to a checkpoint of ledger " + origin
                                + ", not of the ledger that holds it (" + ref.ledger() + ", node " + ledger.node().id() + ")");
                    }
                    VerifiedCheckpoint checkpoint = checkpoints.get(ref.ledger()).get(proof.checkpoint().checkpoint().size());
                    if (checkpoint == null || !checkpoint.checkpoint().equals(proof.checkpoint().checkpoint())) {
                        throw new EntryProofRejected(EntryProofRejected.Reason.CHECKPOINT, "its checkpoint is not one of the verified checkpoints of node "
                                + ledger.node().id() + "'s ledger");
                    }
                    if (proof.index() != ref.index()) {
                        throw new EntryProofRejected(EntryProofRejected.Reason.NOT_INCLUDED, "the proof is for ledger entry " + proof.index()
                                + ", the event is entry " + ref.index());
                    }
                    InclusionProofs.verify(proof.index(), checkpoint.checkpoint().size(), TreeHash.leaf(logged.event().canonicalBytes()), proof.path(),
                            checkpoint.checkpoint().rootHash());
                    proven.merge(ledger.node().id(), 1, Integer::sum);
                } catch (EntryProofRejected e) {
                    problems.add("event " + ref.id() + ": " + e.getMessage());
                } catch (ProofRejected e) {
                    problems.add("event " + ref.id() + ": not in node " + ledger.node().id() + "'s ledger: " + e.getMessage());
                }
            }
        }
        int total = proven.values().stream().mapToInt(Integer::intValue).sum();
        List<String> perLedger = proven.entrySet().stream().map(e -> e.getValue() + " in node " + e.getKey() + "'s").toList();
        report("ledger inclusion", problems, "all " + total + " custody events are recorded in the ledger of the node that recorded them ("
                + String.join(", ", perLedger) + "), each proven against a signed checkpoint of that ledger");
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
