package org.comity.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.comity.custody.pkg.EvidencePackageWriter;
import org.comity.custody.pkg.ItemSource;
import org.comity.custody.pkg.LedgerExcerpt;
import org.comity.custody.pkg.PackageContents;

/**
 * A package as a node writes one, through the library's public API only (what the node will call):
 * events built and appended to a real ledger, a checkpoint signed by the ledger key and cosigned by
 * a witness, proofs, and the writer. Two items, one with a name that needs escaping in HTML.
 */
final class TestPackage {

    static final String ORIGIN = "xa.comity.example/comity/ledger";
    static final Instant T0 = Instant.parse("2026-11-02T09:15:00Z");

    final SigningKey nodeKey = SigningKey.generate();
    final NoteSigner ledger = NoteSigner.generate(ORIGIN);
    final Cosigner witness = Cosigner.generate("xb.comity.example/witness");
    /** Expected, but never cosigns. */
    final Cosigner silentWitness = Cosigner.generate("xc.comity.example/witness");
    final byte[] photo = "not really a JPEG, but bytes all the same".repeat(50).getBytes();
    final byte[] record = "{\"subscriber\":\"j.doe\"}".getBytes();

    /** Writes the package with the given witness quorum (1 is met, 2 is not: one witness cosigned). */
    Path write(Path dir, int quorum) throws IOException {
        UUID authority = UUID.fromString("5e0d2f0a-6f8e-4c61-9d7e-2b1a3f4c5d6e");
        Actor examiner = Actor.of("Insp. Ana <Ferreira> & Co", "examiner", authority, "Aurelia Cybercrime Unit");
        LegalAuthority legal = LegalAuthority.of("Budapest Convention Art. 31", "XB-2026-0412", UUID.fromString("0196a3b2-7c10-7d2e-8f3a-4b5c6d7e8f90"));
        MemoryLog log = MemoryLog.empty();
        List<LoggedEvent> events = new ArrayList<>();
        UUID photoExhibit = UUID.fromString("3f1c9a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b");
        UUID recordExhibit = UUID.fromString("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d");
        int id = 0;
        for (UUID exhibit : List.of(photoExhibit, recordExhibit)) {
            String sha = Sha256.hex(exhibit.equals(photoExhibit) ? photo : record);
            CustodyEvent previous = null;
            for (CustodyAction action : List.of(CustodyAction.ACQUIRE, CustodyAction.UPLOAD, CustodyAction.EXPORT)) {
                CustodyEvent.Builder b = CustodyEvent.builder(new UUID(0x0196a3b200007000L, 0x8000000000000000L | ++id), exhibit, action).actor(examiner)
                        .tool(new Tool("Comity", "0.1.0")).node("XA", "XA").at(T0.plus(Duration.ofHours(id))).authority(legal)
                        .reason("step " + action.json() + " <script>alert(1)</script>").outputSha256(sha);
                if (previous != null) {
                    b.after(previous).inputSha256(sha);
                }
                previous = b.build();
                events.add(new LoggedEvent(ORIGIN, log.append(previous.canonicalBytes()), previous));
            }
        }
        Checkpoint head = Checkpoint.of(ORIGIN, log.size(), log.root());
        SignedCheckpoint checkpoint = SignedCheckpoint.sign(head, ledger).withCosignature(witness.cosign(head, T0.plus(Duration.ofDays(1))));
        Acquisition acquisition = new Acquisition(new Tool("UFED 4PC", "7.71"), "Insp. Ana Ferreira", "Phone, IMEI 356938035643809", "logical extraction", T0);
        PackageContents contents = new PackageContents(UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"), T0.plus(Duration.ofDays(2)),
                new Producer("XA", "Aurelia node", "XA", ORIGIN, ledger.verifier(), nodeKey.publicJwk()),
                new WitnessPolicy(List.of(witness.witness(), silentWitness.witness()), quorum),
                new RequestRef(UUID.fromString("0196a3b2-7c10-7d2e-8f3a-4b5c6d7e8f90"), "XB-2026-0412", "Budapest Convention Art. 31",
                        new AuthorityRef("Borealis Public Prosecutor's Office", "XB"), new AuthorityRef("Aurelia Ministry of Justice", "XA")),
                List.of(ItemSource.included(photoExhibit, "Photo <b>from</b> the phone", "IMG 0001.jpg", "image/jpeg", acquisition,
                                () -> new ByteArrayInputStream(photo)),
                        ItemSource.included(recordExhibit, "Subscriber record", "record.json", "application/json", acquisition,
                                () -> new ByteArrayInputStream(record))),
                LedgerExcerpt.prove(log, events, List.of(checkpoint)));
        Path file = dir.resolve(quorum == 1 ? "package.zip" : "package-quorum-" + quorum + ".zip");
        EvidencePackageWriter.write(contents, nodeKey, file, p -> {});
        return file;
    }
}
