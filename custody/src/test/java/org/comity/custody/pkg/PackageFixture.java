package org.comity.custody.pkg;

import com.nimbusds.jose.jwk.OctetKeyPair;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.comity.custody.checkpoint.Checkpoint;
import org.comity.custody.checkpoint.Cosigner;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.event.Actor;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.CustodyFormatException;
import org.comity.custody.event.LegalAuthority;
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.event.Tool;
import org.comity.custody.keys.Sha256;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.manifest.Acquisition;
import org.comity.custody.manifest.AuthorityRef;
import org.comity.custody.manifest.LedgerRef;
import org.comity.custody.manifest.NodeRef;
import org.comity.custody.manifest.Producer;
import org.comity.custody.manifest.RequestRef;
import org.comity.custody.manifest.WitnessPolicy;
import org.comity.custody.merkle.MemoryLog;

/**
 * A realistic package as it reaches a court in Aurelia (XA), which asked Borealis (XB) for evidence.
 * At node XB a chat database and a subscriber record are acquired, sealed, uploaded and transferred
 * to XA; at node XA they are received, verified, accessed and exported. A disk image that reached XA
 * from outside Comity (received, sealed, verified) travels by its hash only. Each node logs its
 * events in its own ledger among other exhibits' events and signs two checkpoints, which the other
 * node and a third, XC, cosign (quorum one). XB sends XA its excerpt through its serialized form,
 * as a node would; XA writes the package with both excerpts and signs it.
 */
final class PackageFixture {

    static final Instant T0 = Instant.parse("2026-11-02T09:15:00.250Z");
    static final UUID XB_UNIT = UUID.fromString("5e0d2f0a-6f8e-4c61-9d7e-2b1a3f4c5d6e");
    static final UUID XA_UNIT = UUID.fromString("a1b2c3d4-0000-4e6f-9a1b-2c3d4e5f6a7b");
    static final UUID REQUEST = UUID.fromString("0196a3b2-7c10-7d2e-8f3a-4b5c6d7e8f90");
    static final LegalAuthority LEGAL = LegalAuthority.of("Budapest Convention Art. 31", "XA-2026-0412", REQUEST);

    /** One node's custody ledger: its key (which also cosigns other nodes' checkpoints), its log and what it recorded. */
    static final class NodeLedger {
        final NodeRef node;
        final String origin;
        final SigningKey key = SigningKey.generate();
        final NoteSigner signer;
        final Cosigner witness;
        final MemoryLog log = MemoryLog.empty();
        final List<LoggedEvent> events = new ArrayList<>();
        final List<SignedCheckpoint> checkpoints = new ArrayList<>();
        private int others;

        NodeLedger(String id, String name, String host) {
            this.node = new NodeRef(id, name, id);
            this.origin = host + "/comity/ledger";
            this.signer = NoteSigner.of(origin, key);
            this.witness = Cosigner.of(origin, key);
        }

        LoggedEvent log(CustodyEvent event) {
            LoggedEvent logged = new LoggedEvent(origin, log.append(event.canonicalBytes()), event);
            events.add(logged);
            return logged;
        }

        /** An event of another case, so that the package's events are not the whole ledger. */
        void other() {
            CustodyEvent unrelated = CustodyEvent.builder(new UUID(7, ++others), new UUID(8, others), CustodyAction.ACQUIRE)
                    .actor(Actor.of("Clerk", "clerk", XB_UNIT, "Registry")).tool(new Tool("Comity", "0.1.0")).node(node.id(), node.state())
                    .at(T0).reason("another case").build();
            log.append(unrelated.canonicalBytes());
        }

        void checkpoint(List<Cosigner> witnesses) {
            Checkpoint head = Checkpoint.of(origin, log.size(), log.root());
            SignedCheckpoint signed = SignedCheckpoint.sign(head, signer);
            for (Cosigner w : witnesses) {
                signed = signed.withCosignature(w.cosign(head, T0.plus(Duration.ofDays(1))));
            }
            checkpoints.add(signed);
        }

        LedgerExcerpt excerpt() {
            return LedgerExcerpt.prove(log, events, checkpoints);
        }

        LedgerRef ref(List<Cosigner> witnesses, int quorum) {
            return new LedgerRef(origin, signer.verifier(), node, new WitnessPolicy(witnesses.stream().map(Cosigner::witness).toList(), quorum));
        }
    }

    final NodeLedger xb = new NodeLedger("XB", "Borealis central authority node", "xb.comity.example");
    final NodeLedger xa = new NodeLedger("XA", "Aurelia central authority node", "xa.comity.example");
    final Cosigner witnessC = Cosigner.generate("xc.comity.example/comity/ledger");
    /** XA's node signing key, which signs the manifest. */
    final SigningKey nodeKey = SigningKey.generate();
    final UUID chatExhibit = UUID.fromString("3f1c9a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b");
    final UUID subscriberExhibit = UUID.fromString("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d");
    final UUID imageExhibit = UUID.fromString("c0ffee00-1234-4abc-9def-0123456789ab");
    final byte[] chat;
    final byte[] subscriber;
    final String imageSha256 = Sha256.hex("the seized laptop's disk".getBytes());
    final long imageSize = 512L * 1024 * 1024 * 1024;
    private int sequence;

    PackageFixture() {
        Random random = new Random(20261102);
        chat = new byte[3000];
        random.nextBytes(chat);
        subscriber = ("{\"account\":\"j.doe@mail.example\",\"created\":\"2021-04-01\",\"ip\":\"198.51.100.7\"}").repeat(6).getBytes();
        // At XB: acquired, sealed, uploaded, transferred; other cases' events in between, a checkpoint midway and one after the transfer.
        List<CustodyEvent> chatAtXb = chain(xb, chatExhibit, Sha256.hex(chat), "Seized phone, logical extraction", null, 0, CustodyAction.ACQUIRE,
                CustodyAction.SEAL, CustodyAction.UPLOAD, CustodyAction.TRANSFER);
        List<CustodyEvent> subscriberAtXb = chain(xb, subscriberExhibit, Sha256.hex(subscriber), "Provider production", null, 0,
                CustodyAction.ACQUIRE, CustodyAction.UPLOAD, CustodyAction.TRANSFER);
        interleave(xb, List.of(chatAtXb, subscriberAtXb), 2);
        // At XA: received (naming XB's transfer), verified, accessed, exported; the disk image came from outside Comity.
        List<CustodyEvent> chatAtXa = chain(xa, chatExhibit, Sha256.hex(chat), "Chat database from XB", chatAtXb.getLast(), 3,
                CustodyAction.RECEIVE, CustodyAction.VERIFY, CustodyAction.ACCESS, CustodyAction.EXPORT);
        List<CustodyEvent> subscriberAtXa = chain(xa, subscriberExhibit, Sha256.hex(subscriber), "Subscriber record from XB",
                subscriberAtXb.getLast(), 3, CustodyAction.RECEIVE, CustodyAction.EXPORT);
        List<CustodyEvent> imageAtXa = chain(xa, imageExhibit, imageSha256, "Disk image from the national police", null, 1, CustodyAction.RECEIVE,
                CustodyAction.SEAL, CustodyAction.VERIFY);
        interleave(xa, List.of(chatAtXa, subscriberAtXa, imageAtXa), 1);
    }

    /** The excerpt XB sends XA with the evidence: as bytes, read back as XA's node reads what a peer sends. */
    LedgerExcerpt excerptSentByXb() {
        try {
            return LedgerExcerpt.parse(xb.excerpt().select(Set.of(chatExhibit, subscriberExhibit)).canonicalBytes());
        } catch (CustodyFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    PackageContents contents() {
        return contents(xb.ref(List.of(xa.witness, witnessC), 1), excerptSentByXb(), xa.ref(List.of(xb.witness, witnessC), 1), xa.excerpt());
    }

    PackageContents contents(LedgerRef xbLedger, LedgerExcerpt xbExcerpt, LedgerRef xaLedger, LedgerExcerpt xaExcerpt) {
        RequestRef request = new RequestRef(REQUEST, "XA-2026-0412", "Budapest Convention Art. 31",
                new AuthorityRef("Aurelia Public Prosecutor's Office", "XA"), new AuthorityRef("Borealis Ministry of Justice", "XB"));
        return new PackageContents(UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"), T0.plus(Duration.ofDays(3)),
                new Producer(xa.origin, publicKey()), request, List.of(
                        ItemSource.included(chatExhibit, "WhatsApp chat database from the suspect's phone", "msgstore (copy).db",
                                "application/vnd.sqlite3", acquisition("UFED 4PC", "7.71"), () -> new ByteArrayInputStream(chat)),
                        ItemSource.included(subscriberExhibit, "Subscriber record of j.doe@mail.example", "subscriber.json", "application/json",
                                acquisition("Provider portal", "2.3"), () -> new ByteArrayInputStream(subscriber)),
                        ItemSource.hashOnly(imageExhibit, "Image of the suspect's laptop disk", "laptop.E01", "application/octet-stream",
                                acquisition("FTK Imager", "4.7.1"), imageSize, imageSha256)),
                List.of(new PackageLedger(xbLedger, xbExcerpt), new PackageLedger(xaLedger, xaExcerpt)));
    }

    OctetKeyPair publicKey() {
        return nodeKey.publicJwk();
    }

    byte[] write() throws IOException {
        return write(contents());
    }

    static byte[] write(PackageContents contents, SigningKey key) throws IOException {
        MemoryChannel out = new MemoryChannel();
        EvidencePackageWriter.write(contents, key, out, p -> {});
        return out.toByteArray();
    }

    byte[] write(PackageContents contents) throws IOException {
        return write(contents, nodeKey);
    }

    Path write(Path dir) throws IOException {
        Path file = dir.resolve("package.zip");
        EvidencePackageWriter.write(contents(), nodeKey, file, p -> {});
        return file;
    }

    static Actor examinerAtXb() {
        return Actor.of("Insp. Ana Ferreira", "examiner", XB_UNIT, "Borealis Cybercrime Unit").withUser("aferreira");
    }

    static Actor officerAtXa() {
        return Actor.of("Det. Jonas Weber", "investigator", XA_UNIT, "Aurelia Prosecutor's Office").withUser("jweber");
    }

    static Acquisition acquisition(String tool, String version) {
        return new Acquisition(new Tool(tool, version), "Insp. Ana Ferreira", "Samsung Galaxy S21, IMEI 356938035643809", "logical extraction",
                T0);
    }

    /**
     * One exhibit's events at one node, each linked to the one before (the first to {@code after}, the
     * transfer it receives, if any), an hour apart from {@code startHour}, the hash carried through.
     */
    List<CustodyEvent> chain(NodeLedger at, UUID exhibit, String sha256, String what, CustodyEvent after, int startHour, CustodyAction... actions) {
        List<CustodyEvent> chain = new ArrayList<>();
        for (int i = 0; i < actions.length; i++) {
            CustodyEvent.Builder b = CustodyEvent.builder(id(), exhibit, actions[i]).actor(at == xb ? examinerAtXb() : officerAtXa())
                    .tool(new Tool("Comity", "0.1.0")).node(at.node.id(), at.node.state()).at(T0.plus(Duration.ofHours(startHour + i)).plusSeconds(600))
                    .reason(what + ": " + actions[i].json()).authority(LEGAL).outputSha256(sha256);
            CustodyEvent before = i > 0 ? chain.get(i - 1) : after;
            if (before != null) {
                b.after(before).inputSha256(sha256);
            } else {
                b.detail("sizeBytes", 3000).detail("method", "logical extraction");
            }
            chain.add(b.build());
        }
        return chain;
    }

    /** Logs the chains step by step among other cases' events; a checkpoint after step {@code midway} (cosigned by one witness) and at the end (by two). */
    private void interleave(NodeLedger at, List<List<CustodyEvent>> chains, int midway) {
        NodeLedger other = at == xb ? xa : xb;
        int steps = chains.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < steps; i++) {
            at.other();
            for (List<CustodyEvent> chain : chains) {
                if (i < chain.size()) {
                    at.log(chain.get(i));
                }
            }
            if (i == midway) {
                at.checkpoint(List.of(other.witness));
            }
        }
        at.other();
        at.checkpoint(List.of(other.witness, witnessC));
    }

    private UUID id() {
        return new UUID(0x0196a3b200007000L, 0x8000000000000000L | ++sequence);
    }
}
