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
import org.comity.custody.checkpoint.LogPolicy;
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
import org.comity.custody.pkg.EvidencePackageWriter;
import org.comity.custody.pkg.ExcerptRejected;
import org.comity.custody.pkg.ItemSource;
import org.comity.custody.pkg.LedgerExcerpt;
import org.comity.custody.pkg.PackageContents;
import org.comity.custody.pkg.PackageLedger;

/**
 * A package as two nodes make one, through the library's public API only (what the nodes will
 * call): node XB acquires two items, uploads them and transfers them to XA, proving its part with an
 * excerpt of its ledger that it sends as bytes; XA reads and verifies that excerpt with XB's ledger
 * key, receives and exports the items in its own ledger, and writes the package with both excerpts.
 * One item has a name that needs escaping in HTML.
 */
final class TestPackage {

    static final Instant T0 = Instant.parse("2026-11-02T09:15:00Z");
    static final String XB = "xb.comity.example/comity/ledger";
    static final String XA = "xa.comity.example/comity/ledger";

    final SigningKey nodeKey = SigningKey.generate();
    final SigningKey xbKey = SigningKey.generate();
    final SigningKey xaKey = SigningKey.generate();
    final NoteSigner xbLedger = NoteSigner.of(XB, xbKey);
    final NoteSigner xaLedger = NoteSigner.of(XA, xaKey);
    /** Each node witnesses the other's ledger with its ledger key. */
    final Cosigner xbWitness = Cosigner.of(XB, xbKey);
    final Cosigner xaWitness = Cosigner.of(XA, xaKey);
    /** Expected for XA's ledger, but never cosigns. */
    final Cosigner silentWitness = Cosigner.generate("xc.comity.example/comity/ledger");
    final byte[] photo = "not really a JPEG, but bytes all the same".repeat(50).getBytes();
    final byte[] record = "{\"subscriber\":\"j.doe\"}".getBytes();
    final UUID photoExhibit = UUID.fromString("3f1c9a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b");
    final UUID recordExhibit = UUID.fromString("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d");
    private int ids;

    /** Writes the package with the given quorum for XA's ledger (1 is met, 2 is not: one of its two witnesses cosigned). */
    Path write(Path dir, int quorum) throws IOException {
        LegalAuthority legal = LegalAuthority.of("Budapest Convention Art. 31", "XA-2026-0412", UUID.fromString("0196a3b2-7c10-7d2e-8f3a-4b5c6d7e8f90"));
        Actor examiner = Actor.of("Insp. Ana <Ferreira> & Co", "examiner", UUID.fromString("5e0d2f0a-6f8e-4c61-9d7e-2b1a3f4c5d6e"), "Borealis Cybercrime Unit");
        Actor officer = Actor.of("Det. Jonas Weber", "investigator", UUID.fromString("a1b2c3d4-0000-4e6f-9a1b-2c3d4e5f6a7b"), "Aurelia Prosecutor's Office");

        // At XB: acquired, uploaded, transferred; XB sends its excerpt with the items.
        MemoryLog xbLog = MemoryLog.empty();
        List<LoggedEvent> atXb = new ArrayList<>();
        List<CustodyEvent> transfers = new ArrayList<>();
        for (UUID exhibit : List.of(photoExhibit, recordExhibit)) {
            List<CustodyEvent> chain = chain(exhibit, examiner, "XB", legal, null, 0, CustodyAction.ACQUIRE, CustodyAction.UPLOAD, CustodyAction.TRANSFER);
            chain.forEach(e -> atXb.add(new LoggedEvent(XB, xbLog.append(e.canonicalBytes()), e)));
            transfers.add(chain.getLast());
        }
        byte[] sent = LedgerExcerpt.prove(xbLog, atXb, List.of(checkpoint(xbLog, XB, xbLedger, xaWitness))).canonicalBytes();

        // At XA: the excerpt is read and verified with XB's ledger key from the trust list, then the items are received and exported.
        LedgerExcerpt fromXb = verified(sent);
        MemoryLog xaLog = MemoryLog.empty();
        List<LoggedEvent> atXa = new ArrayList<>();
        for (CustodyEvent transfer : transfers) {
            chain(transfer.exhibit(), officer, "XA", legal, transfer, 4, CustodyAction.RECEIVE, CustodyAction.EXPORT)
                    .forEach(e -> atXa.add(new LoggedEvent(XA, xaLog.append(e.canonicalBytes()), e)));
        }
        LedgerExcerpt own = LedgerExcerpt.prove(xaLog, atXa, List.of(checkpoint(xaLog, XA, xaLedger, xbWitness)));

        Acquisition acquisition = new Acquisition(new Tool("UFED 4PC", "7.71"), "Insp. Ana Ferreira", "Phone, IMEI 356938035643809", "logical extraction", T0);
        PackageContents contents = new PackageContents(UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"), T0.plus(Duration.ofDays(2)),
                new Producer(XA, nodeKey.publicJwk()),
                new RequestRef(UUID.fromString("0196a3b2-7c10-7d2e-8f3a-4b5c6d7e8f90"), "XA-2026-0412", "Budapest Convention Art. 31",
                        new AuthorityRef("Aurelia Public Prosecutor's Office", "XA"), new AuthorityRef("Borealis Ministry of Justice", "XB")),
                List.of(ItemSource.included(photoExhibit, "Photo <b>from</b> the phone", "IMG 0001.jpg", "image/jpeg", acquisition,
                                () -> new ByteArrayInputStream(photo)),
                        ItemSource.included(recordExhibit, "Subscriber record", "record.json", "application/json", acquisition,
                                () -> new ByteArrayInputStream(record))),
                List.of(new PackageLedger(new LedgerRef(XB, xbLedger.verifier(), new NodeRef("XB", "Borealis node", "XB"),
                                new WitnessPolicy(List.of(xaWitness.witness()), 1)), fromXb),
                        new PackageLedger(new LedgerRef(XA, xaLedger.verifier(), new NodeRef("XA", "Aurelia node", "XA"),
                                new WitnessPolicy(List.of(xbWitness.witness(), silentWitness.witness()), quorum)), own)));
        Path file = dir.resolve(quorum == 1 ? "package.zip" : "package-quorum-" + quorum + ".zip");
        EvidencePackageWriter.write(contents, nodeKey, file, p -> {});
        return file;
    }

    private LedgerExcerpt verified(byte[] sent) {
        try {
            LedgerExcerpt excerpt = LedgerExcerpt.parse(sent);
            excerpt.verify(LogPolicy.of(XB, xbLedger.verifier()).withWitnesses(List.of(xaWitness.witness()), 1));
            return excerpt;
        } catch (CustodyFormatException | ExcerptRejected e) {
            throw new IllegalStateException("XA refuses XB's excerpt", e);
        }
    }

    private List<CustodyEvent> chain(UUID exhibit, Actor actor, String node, LegalAuthority legal, CustodyEvent after, int startHour,
            CustodyAction... actions) {
        String sha = Sha256.hex(exhibit.equals(photoExhibit) ? photo : record);
        List<CustodyEvent> chain = new ArrayList<>();
        CustodyEvent previous = after;
        for (int i = 0; i < actions.length; i++) {
            CustodyEvent.Builder b = CustodyEvent.builder(new UUID(0x0196a3b200007000L, 0x8000000000000000L | ++ids), exhibit, actions[i]).actor(actor)
                    .tool(new Tool("Comity", "0.1.0")).node(node, node).at(T0.plus(Duration.ofHours(startHour + i + 1))).authority(legal)
                    .reason("step " + actions[i].json() + " <script>alert(1)</script>").outputSha256(sha);
            if (previous != null) {
                b.after(previous).inputSha256(sha);
            }
            previous = b.build();
            chain.add(previous);
        }
        return chain;
    }

    private static SignedCheckpoint checkpoint(MemoryLog log, String origin, NoteSigner ledger, Cosigner witness) {
        Checkpoint head = Checkpoint.of(origin, log.size(), log.root());
        return SignedCheckpoint.sign(head, ledger).withCosignature(witness.cosign(head, T0.plus(Duration.ofDays(1))));
    }
}
