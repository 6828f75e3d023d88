package org.comity.custody.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.Tool;
import org.comity.custody.keys.Sha256;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.PackageFile;
import org.comity.custody.manifest.Producer;
import org.comity.custody.pkg.Check.Status;
import org.comity.custody.pkg.VerificationReport.Verdict;
import org.junit.jupiter.api.Test;

/**
 * What the verifier says about packages that are well formed and correctly signed, but whose custody
 * does not hold together: within one node's ledger, across the hand-over from one node to another,
 * and between each event and the ledger that must hold it.
 */
class PackageVerifierTest {

    final PackageFixture fixture = new PackageFixture();

    @Test
    void anEventThatDoesNotFollowOnBreaksTheChainAndSaysWhere() throws Exception {
        // Given an access logged at XA after the export, dated before it, naming no previous event
        CustodyEvent stray = CustodyEvent.builder(UUID.randomUUID(), fixture.chatExhibit, CustodyAction.ACCESS).actor(PackageFixture.officerAtXa())
                .tool(new Tool("Comity", "0.1.0")).node("XA", "XA").at(PackageFixture.T0.minus(Duration.ofDays(1))).reason("looked at it")
                .inputSha256("00".repeat(32)).build();
        fixture.xa.log(stray);
        fixture.xa.checkpoint(List.of(fixture.xb.witness));

        // When
        VerificationReport report = verify(fixture.contents(), fixture.nodeKey, TrustAnchors.none());

        // Then the chain of that exhibit fails at event 9, for each reason, and the others stand
        assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(report.failures()).allSatisfy(c -> assertThat(c.subject()).isEqualTo("custody of exhibit " + fixture.chatExhibit))
                .extracting(Check::message).anySatisfy(m -> assertThat(m).contains("event 9", "does not name the event before it"))
                .anySatisfy(m -> assertThat(m).contains("before the event ahead of it"))
                .anySatisfy(m -> assertThat(m).contains("received bytes with hash 0000"));
        assertThat(report.checks()).filteredOn(c -> c.subject().equals("custody of exhibit " + fixture.subscriberExhibit))
                .extracting(Check::status).containsOnly(Status.PASS);
    }

    @Test
    void aReceiptThatDoesNotNameTheTransferBreaksTheChainAtTheHandOver() throws Exception {
        // Given an exhibit acquired, uploaded and transferred at XB, whose receipt at XA names the upload instead of the transfer
        UUID exhibit = UUID.fromString("0e0e0e0e-1111-4222-8333-444455556666");
        String sha = Sha256.hex("router log".getBytes(StandardCharsets.UTF_8));
        List<CustodyEvent> atXb = fixture.chain(fixture.xb, exhibit, sha, "Router log", null, 5, CustodyAction.ACQUIRE, CustodyAction.UPLOAD,
                CustodyAction.TRANSFER);
        List<CustodyEvent> atXa = fixture.chain(fixture.xa, exhibit, sha, "Router log from XB", atXb.get(1), 8, CustodyAction.RECEIVE,
                CustodyAction.EXPORT);
        atXb.forEach(fixture.xb::log);
        atXa.forEach(fixture.xa::log);
        fixture.xb.checkpoint(List.of(fixture.xa.witness));
        fixture.xa.checkpoint(List.of(fixture.xb.witness));

        VerificationReport report = verify(withItem(fixture.contents(), exhibit, sha), fixture.nodeKey, TrustAnchors.none());

        // Then it is broken at the receipt, and only there
        assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(report.failures()).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo("custody of exhibit " + exhibit);
            assertThat(c.message()).contains("event 4 (" + atXa.getFirst().id() + ")", "does not name the event before it (transfer");
        });
        assertThat(report.items().getLast().handOvers()).singleElement().satisfies(h -> {
            assertThat(h.sent().node()).isEqualTo("XB");
            assertThat(h.received().action()).isEqualTo("receive");
        });
    }

    @Test
    void aReceiptDatedTooLongBeforeItsTransferIsBrokenUnlessTheClocksMayDifferThatMuch() throws Exception {
        UUID exhibit = UUID.fromString("0e0e0e0e-1111-4222-8333-444455556667");
        String sha = Sha256.hex("mailbox".getBytes(StandardCharsets.UTF_8));
        List<CustodyEvent> atXb = fixture.chain(fixture.xb, exhibit, sha, "Mailbox", null, 5, CustodyAction.ACQUIRE, CustodyAction.TRANSFER);
        CustodyEvent transfer = atXb.getLast();
        CustodyEvent receipt = CustodyEvent.builder(UUID.randomUUID(), exhibit, CustodyAction.RECEIVE).actor(PackageFixture.officerAtXa())
                .tool(new Tool("Comity", "0.1.0")).node("XA", "XA").at(transfer.at().minus(Duration.ofMinutes(7))).reason("received")
                .inputSha256(sha).outputSha256(sha).after(transfer).build();
        atXb.forEach(fixture.xb::log);
        fixture.xa.log(receipt);
        fixture.xb.checkpoint(List.of(fixture.xa.witness));
        fixture.xa.checkpoint(List.of(fixture.xb.witness));
        EvidencePackage pkg = read(withItem(fixture.contents(), exhibit, sha), fixture.nodeKey);

        VerificationReport strict = PackageVerifier.verify(pkg, TrustAnchors.none());
        VerificationReport lenient = PackageVerifier.verify(pkg, TrustAnchors.none(), Duration.ofMinutes(10));

        assertThat(strict.failures()).singleElement().satisfies(c -> assertThat(c.message()).contains("before the transfer", "5 minutes"));
        assertThat(lenient.verdict()).isEqualTo(Verdict.INTACT);
        assertThat(lenient.checks()).filteredOn(c -> c.subject().equals("clock skew")).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("up to 600 seconds", "as you chose", "default is 300 seconds"));
        assertThat(strict.checks()).extracting(Check::subject).doesNotContain("clock skew");
    }

    @Test
    void anEventProvenAgainstAnotherLedgersCheckpointIsBroken() throws Exception {
        // Given a package whose proof of XA's receipt is replaced by a valid proof of an event in XB's ledger, re-signed by the node
        UUID receipt = fixture.xa.events.getFirst().event().id();
        UUID sentFromXb = fixture.xb.events.getFirst().event().id();
        Map<String, byte[]> entries = TamperTest.entries(fixture.write());
        entries.put(PackageLayout.proof(receipt), entries.get(PackageLayout.proof(sentFromXb)));

        VerificationReport report = PackageVerifier.verify(EvidencePackageReader.read(new MemoryChannel(resign(entries)), p -> {}), TrustAnchors.none());

        assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(report.failures()).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo("ledger inclusion");
            assertThat(c.message()).contains("event " + receipt, "a checkpoint of ledger xb.comity.example/comity/ledger",
                    "not of the ledger that holds it (xa.comity.example/comity/ledger, node XA)");
        });
    }

    @Test
    void anEventInALedgerThePackageDoesNotHaveIsBroken() throws Exception {
        // Given a custody record that puts one of XA's events in a third node's ledger
        Map<String, byte[]> entries = TamperTest.entries(fixture.write());
        String events = new String(entries.get(PackageLayout.EVENTS), StandardCharsets.UTF_8);
        String lastLine = events.substring(events.lastIndexOf('\n', events.length() - 2) + 1);
        entries.put(PackageLayout.EVENTS, events.replace(lastLine, lastLine.replace("xa.comity.example/comity/ledger", "xc.comity.example/comity/ledger"))
                .getBytes(StandardCharsets.UTF_8));

        VerificationReport report = PackageVerifier.verify(EvidencePackageReader.read(new MemoryChannel(resign(entries)), p -> {}), TrustAnchors.none());

        assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(report.failures()).extracting(Check::message)
                .anySatisfy(m -> assertThat(m).contains("in ledger xc.comity.example/comity/ledger, which is not among the package's"))
                .anySatisfy(m -> assertThat(m).contains("is missing"));
    }

    @Test
    void aLedgerWithoutItsKeyOrCheckpointsIsBroken() throws Exception {
        // Given a package from which XB's ledger key and checkpoints were left out, re-signed
        Map<String, byte[]> entries = TamperTest.entries(fixture.write());
        entries.keySet().removeIf(name -> name.equals(PackageLayout.ledgerKey(0)) || name.startsWith(PackageLayout.CHECKPOINTS + "0/"));

        VerificationReport report = PackageVerifier.verify(EvidencePackageReader.read(new MemoryChannel(resign(entries)), p -> {}), TrustAnchors.none());

        assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(report.failures()).extracting(Check::message)
                .anySatisfy(m -> assertThat(m).contains("does not list keys/0/ledger.vkey"))
                .anySatisfy(m -> assertThat(m).contains("no checkpoint of node XB's ledger"))
                .anySatisfy(m -> assertThat(m).contains("not one of the verified checkpoints of node XB's ledger"));
    }

    @Test
    void anEventRecordedByOneNodeInAnotherNodesLedgerIsBroken() throws Exception {
        UUID exhibit = UUID.fromString("0e0e0e0e-1111-4222-8333-444455556668");
        String sha = Sha256.hex("photo".getBytes(StandardCharsets.UTF_8));
        CustodyEvent claimsXb = fixture.chain(fixture.xb, exhibit, sha, "Photo", null, 5, CustodyAction.ACQUIRE).getFirst();
        fixture.xa.log(claimsXb);
        fixture.xa.checkpoint(List.of(fixture.xb.witness));

        VerificationReport report = verify(withItem(fixture.contents(), exhibit, sha), fixture.nodeKey, TrustAnchors.none());

        assertThat(report.failures()).singleElement().satisfies(c -> assertThat(c.message()).contains("says it was recorded by node XB (XB), but it is in "
                + "the ledger of node XA (XA)"));
    }

    @Test
    void tooFewWitnessesCosigningBreaksThePackageAndNamesThoseWhoDid() throws Exception {
        PackageContents strict = fixture.contents(fixture.xb.ref(List.of(fixture.xa.witness, fixture.witnessC), 1), fixture.excerptSentByXb(),
                fixture.xa.ref(List.of(fixture.xb.witness, fixture.witnessC), 2), fixture.xa.excerpt());
        long first = fixture.xa.checkpoints.getFirst().checkpoint().size();
        long last = fixture.xa.checkpoints.getLast().checkpoint().size();

        VerificationReport report = verify(strict, fixture.nodeKey, TrustAnchors.none());

        assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(report.failures()).extracting(Check::subject).contains("ledger of XA, checkpoint " + first, "ledger inclusion");
        assertThat(report.failures().getFirst().message()).contains("cosigned by xb.comity.example/comity/ledger", "1 of 2 expected witnesses; 2 required");
        assertThat(report.checks()).filteredOn(ch -> ch.subject().equals("ledger of XA, checkpoint " + last)).extracting(Check::status)
                .containsOnly(Status.PASS);
        assertThat(report.checks()).filteredOn(ch -> ch.subject().startsWith("ledger of XB, checkpoint")).extracting(Check::status)
                .containsOnly(Status.PASS);
    }

    @Test
    void aPackageResignedByAnotherKeyIsConsistentButFailsAgainstTheKeysYouTrust() throws Exception {
        // Given someone who rebuilt the package under a node key of their own
        SigningKey forger = SigningKey.generate();
        PackageContents c = fixture.contents();
        PackageContents forged = new PackageContents(c.id(), c.createdAt(), new Producer(fixture.xa.origin, forger.publicJwk()), c.request(), c.items(),
                c.ledgers());

        // Then alone it holds together, and the report says to compare the keys
        VerificationReport alone = verify(forged, forger, TrustAnchors.none());
        assertThat(alone.verdict()).isEqualTo(Verdict.INTACT);
        assertThat(alone.checks()).filteredOn(ch -> ch.subject().equals("node key")).singleElement()
                .satisfies(ch -> assertThat(ch.status()).isEqualTo(Status.INFO));
        assertThat(alone.checks()).filteredOn(ch -> ch.subject().endsWith(", key")).extracting(Check::subject, Check::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ledger of XB, key", Status.INFO),
                        org.assertj.core.groups.Tuple.tuple("ledger of XA, key", Status.INFO));
        // But against the nodes' published keys it fails
        TrustAnchors published = TrustAnchors.none().withNodeKey(fixture.nodeKey.kid()).withLedgerKey(fixture.xa.signer.verifier())
                .withLedgerKey(fixture.xb.signer.verifier());
        VerificationReport pinned = verify(forged, forger, published);
        assertThat(pinned.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(pinned.failures()).singleElement().satisfies(ch -> assertThat(ch.message()).contains("not with the key you trust"));
        VerificationReport genuine = verify(fixture.contents(), fixture.nodeKey, published);
        assertThat(genuine.verdict()).isEqualTo(Verdict.INTACT);
        assertThat(genuine.checks()).filteredOn(ch -> ch.subject().endsWith(", key")).extracting(Check::status).containsOnly(Status.PASS);
    }

    @Test
    void aLedgerKeyOtherThanTheOneYouTrustFailsThatLedgersCheckpointsAndEventsOnly() throws Exception {
        TrustAnchors other = TrustAnchors.none().withLedgerKey(NoteSigner.generate(fixture.xb.origin).verifier());

        VerificationReport report = verify(fixture.contents(), fixture.nodeKey, other);

        assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(report.failures()).extracting(Check::subject).contains("ledger of XB, key", "ledger inclusion")
                .allSatisfy(s -> assertThat(s).doesNotStartWith("ledger of XA"));
        assertThat(report.failures()).filteredOn(c -> c.subject().startsWith("ledger of XB, checkpoint")).hasSize(2);
    }

    @Test
    void aTrustedKeyOfALedgerThePackageDoesNotHaveIsNotUsed() throws Exception {
        TrustAnchors third = TrustAnchors.none().withLedgerKey(NoteSigner.generate("xc.comity.example/comity/ledger").verifier());

        VerificationReport report = verify(fixture.contents(), fixture.nodeKey, third);

        assertThat(report.verdict()).isEqualTo(Verdict.INTACT);
    }

    /** The fixture's contents with one more item, whose events the fixture's ledgers hold. */
    private PackageContents withItem(PackageContents c, UUID exhibit, String sha256) {
        List<ItemSource> items = new ArrayList<>(c.items());
        items.add(ItemSource.hashOnly(exhibit, "Another exhibit", "other.bin", "application/octet-stream", PackageFixture.acquisition("Tool", "1"), 10,
                sha256));
        List<PackageLedger> ledgers = List.of(new PackageLedger(c.ledgers().get(0).ledger(), fixture.xb.excerpt()),
                new PackageLedger(c.ledgers().get(1).ledger(), fixture.xa.excerpt()));
        return new PackageContents(c.id(), c.createdAt(), c.producer(), c.request(), items, ledgers);
    }

    /**
     * The entries zipped again with a manifest that lists them as they now are, signed by the node's
     * key: what a node that wrote a bad package, or someone holding its key, would produce.
     */
    private byte[] resign(Map<String, byte[]> entries) throws Exception {
        EvidenceManifest manifest = EvidenceManifest.parse(entries.get(PackageLayout.MANIFEST));
        List<PackageFile> files = new ArrayList<>();
        entries.forEach((name, bytes) -> {
            if (manifest.files().stream().anyMatch(f -> f.path().equals(name))) {
                files.add(new PackageFile(name, bytes.length, Sha256.hex(bytes)));
            }
        });
        byte[] signed = manifest.withFiles(files).canonicalBytes();
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(PackageLayout.MANIFEST, signed);
        changed.put(PackageLayout.SIGNATURE, ManifestSignature.sign(signed, fixture.nodeKey).getBytes(StandardCharsets.UTF_8));
        return TamperTest.zip(changed);
    }

    private static EvidencePackage read(PackageContents contents, SigningKey key) throws Exception {
        return EvidencePackageReader.read(new MemoryChannel(PackageFixture.write(contents, key)), p -> {});
    }

    private static VerificationReport verify(PackageContents contents, SigningKey key, TrustAnchors anchors) throws Exception {
        return PackageVerifier.verify(read(contents, key), anchors);
    }
}
