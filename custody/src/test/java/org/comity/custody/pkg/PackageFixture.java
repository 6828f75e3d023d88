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
import java.util.UUID;
import org.comity.custody.checkpoint.Checkpoint;
import org.comity.custody.checkpoint.Cosigner;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.event.Actor;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.LegalAuthority;
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.event.Tool;
import org.comity.custody.keys.Sha256;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.manifest.Acquisition;
import org.comity.custody.manifest.AuthorityRef;
import org.comity.custody.manifest.Producer;
import org.comity.custody.manifest.RequestRef;
import org.comity.custody.manifest.WitnessPolicy;
import org.comity.custody.merkle.MemoryLog;

/**
 * A realistic package as node XA (Aurelia) would produce it for XB (Borealis): three items (a chat
 * database and a subscriber record included, a disk image by hash only), each with its custody
 * events logged in a real ledger among other exhibits' events, two checkpoints signed by the
 * ledger and cosigned by the witness nodes XB and XC (quorum one), and the node's signing key.
 */
final class PackageFixture {

    static final String ORIGIN = "xa.comity.example/comity/ledger";
    static final Instant T0 = Instant.parse("2026-11-02T09:15:00.250Z");
    static final UUID AUTHORITY = UUID.fromString("5e0d2f0a-6f8e-4c61-9d7e-2b1a3f4c5d6e");
    static final UUID REQUEST = UUID.fromString("0196a3b2-7c10-7d2e-8f3a-4b5c6d7e8f90");

    final SigningKey nodeKey = SigningKey.generate();
    final NoteSigner ledger = NoteSigner.generate(ORIGIN);
    final Cosigner witnessB = Cosigner.generate("xb.comity.example/witness");
    final Cosigner witnessC = Cosigner.generate("xc.comity.example/witness");
    final MemoryLog log = MemoryLog.empty();
    final List<LoggedEvent> events = new ArrayList<>();
    final List<SignedCheckpoint> checkpoints = new ArrayList<>();
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
        List<CustodyEvent> chatEvents = chain(chatExhibit, Sha256.hex(chat), "Seized phone, logical extraction", CustodyAction.ACQUIRE,
                CustodyAction.SEAL, CustodyAction.UPLOAD, CustodyAction.VERIFY, CustodyAction.EXPORT);
        List<CustodyEvent> subscriberEvents = chain(subscriberExhibit, Sha256.hex(subscriber), "Provider production", CustodyAction.ACQUIRE,
                CustodyAction.UPLOAD, CustodyAction.ACCESS, CustodyAction.EXPORT);
        List<CustodyEvent> imageEvents = chain(imageExhibit, imageSha256, "Disk image", CustodyAction.ACQUIRE, CustodyAction.SEAL,
                CustodyAction.VERIFY);
        // Interleave the package's events with other exhibits' so the ledger indexes have gaps, as in a real ledger.
        for (int i = 0; i < 5; i++) {
            other();
            if (i < chatEvents.size()) {
                logged(chatEvents.get(i));
            }
            if (i < subscriberEvents.size()) {
                logged(subscriberEvents.get(i));
            }
            if (i < imageEvents.size()) {
                logged(imageEvents.get(i));
            }
            if (i == 2) {
                checkpoint(List.of(witnessB));
            }
        }
        other();
        checkpoint(List.of(witnessB, witnessC));
    }

    PackageContents contents() {
        Producer producer = new Producer("XA", "Aurelia central authority node", "XA", ORIGIN, ledger.verifier(), publicKey());
        RequestRef request = new RequestRef(REQUEST, "XB-2026-0412", "Budapest Convention Art. 31",
                new AuthorityRef("Borealis Public Prosecutor's Office", "XB"), new AuthorityRef("Aurelia Ministry of Justice", "XA"));
        return new PackageContents(UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"), T0.plus(Duration.ofDays(3)), producer,
                new WitnessPolicy(List.of(witnessB.witness(), witnessC.witness()), 1), request, List.of(
                        ItemSource.included(chatExhibit, "WhatsApp chat database from the suspect's phone", "msgstore (copy).db",
                                "application/vnd.sqlite3", acquisition("UFED 4PC", "7.71"), () -> new ByteArrayInputStream(chat)),
                        ItemSource.included(subscriberExhibit, "Subscriber record of j.doe@mail.example", "subscriber.json", "application/json",
                                acquisition("Provider portal", "2.3"), () -> new ByteArrayInputStream(subscriber)),
                        ItemSource.hashOnly(imageExhibit, "Image of the suspect's laptop disk", "laptop.E01", "application/octet-stream",
                                acquisition("FTK Imager", "4.7.1"), imageSize, imageSha256)),
                LedgerExcerpt.prove(log, events, checkpoints));
    }

    OctetKeyPair publicKey() {
        return nodeKey.publicJwk();
    }

    byte[] write() throws IOException {
        MemoryChannel out = new MemoryChannel();
        EvidencePackageWriter.write(contents(), nodeKey, out, p -> {});
        return out.toByteArray();
    }

    Path write(Path dir) throws IOException {
        Path file = dir.resolve("package.zip");
        EvidencePackageWriter.write(contents(), nodeKey, file, p -> {});
        return file;
    }

    static Actor examiner() {
        return Actor.of("Insp. Ana Ferreira", "examiner", AUTHORITY, "Aurelia Cybercrime Unit").withUser("aferreira");
    }

    static Acquisition acquisition(String tool, String version) {
        return new Acquisition(new Tool(tool, version), "Insp. Ana Ferreira", "Samsung Galaxy S21, IMEI 356938035643809", "logical extraction",
                T0);
    }

    /** One exhibit's events, each linked to the one before, an hour apart, the hash carried through. */
    List<CustodyEvent> chain(UUID exhibit, String sha256, String what, CustodyAction... actions) {
        List<CustodyEvent> chain = new ArrayList<>();
        for (int i = 0; i < actions.length; i++) {
            CustodyEvent.Builder b = CustodyEvent.builder(id(), exhibit, actions[i]).actor(examiner()).tool(new Tool("Comity", "0.1.0"))
                    .node("XA", "XA").at(T0.plus(Duration.ofHours(i))).reason(what + ": " + actions[i].json())
                    .authority(LegalAuthority.of("Budapest Convention Art. 31", "XB-2026-0412", REQUEST)).outputSha256(sha256);
            if (i > 0) {
                b.after(chain.get(i - 1)).inputSha256(sha256);
            } else {
                b.detail("sizeBytes", 3000).detail("method", "logical extraction");
            }
            chain.add(b.build());
        }
        return chain;
    }

    void logged(CustodyEvent event) {
        events.add(new LoggedEvent(ORIGIN, log.append(event.canonicalBytes()), event));
    }

    private void other() {
        CustodyEvent unrelated = CustodyEvent.builder(id(), new UUID(7, sequence), CustodyAction.ACQUIRE).actor(examiner())
                .tool(new Tool("Comity", "0.1.0")).node("XA", "XA").at(T0).reason("another case").build();
        log.append(unrelated.canonicalBytes());
    }

    void checkpoint(List<Cosigner> witnesses) {
        Checkpoint head = Checkpoint.of(ORIGIN, log.size(), log.root());
        SignedCheckpoint signed = SignedCheckpoint.sign(head, ledger);
        for (Cosigner w : witnesses) {
            signed = signed.withCosignature(w.cosign(head, T0.plus(Duration.ofDays(1))));
        }
        checkpoints.add(signed);
    }

    private UUID id() {
        return new UUID(0x0196a3b200007000L, 0x8000000000000000L | ++sequence);
    }
}
