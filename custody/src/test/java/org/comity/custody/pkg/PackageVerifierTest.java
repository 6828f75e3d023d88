package org.comity.custody.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.Tool;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.manifest.Producer;
import org.comity.custody.manifest.WitnessPolicy;
import org.comity.custody.pkg.Check.Status;
import org.comity.custody.pkg.VerificationReport.Verdict;
import org.junit.jupiter.api.Test;

/** What the verifier says about packages that are well formed and correctly signed, but whose custody does not hold together. */
class PackageVerifierTest {

    final PackageFixture fixture = new PackageFixture();

    @Test
    void anEventThatDoesNotFollowOnBreaksTheChainAndSaysWhere() throws Exception {
        // Given an access logged after the export, dated before it, naming no previous event
        CustodyEvent stray = CustodyEvent.builder(UUID.randomUUID(), fixture.chatExhibit, CustodyAction.ACCESS).actor(PackageFixture.examiner())
                .tool(new Tool("Comity", "0.1.0")).node("XA", "XA").at(PackageFixture.T0.minus(Duration.ofDays(1))).reason("looked at it")
                .inputSha256("00".repeat(32)).build();
        fixture.logged(stray);
        fixture.checkpoint(List.of(fixture.witnessB));

        // When
        VerificationReport report = verify(fixture.contents(), fixture.nodeKey, TrustAnchors.none());

        // Then the chain of that exhibit fails at event 6, for each reason, and the others stand
        assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(report.failures()).allSatisfy(c -> assertThat(c.subject()).isEqualTo("custody of exhibit " + fixture.chatExhibit))
                .extracting(Check::message).anySatisfy(m -> assertThat(m).contains("event 6", "does not name the event before it"))
                .anySatisfy(m -> assertThat(m).contains("before the event ahead of it"))
                .anySatisfy(m -> assertThat(m).contains("received bytes with hash 0000"));
        assertThat(report.checks()).filteredOn(c -> c.subject().equals("custody of exhibit " + fixture.subscriberExhibit))
                .extracting(Check::status).containsOnly(Status.PASS);
    }

    @Test
    void tooFewWitnessesCosigningBreaksThePackageAndNamesThoseWhoDid() throws Exception {
        PackageContents c = fixture.contents();
        PackageContents strict = new PackageContents(c.id(), c.createdAt(), c.producer(),
                new WitnessPolicy(c.witnesses().witnesses(), 2), c.request(), c.items(), c.ledger());

        VerificationReport report = verify(strict, fixture.nodeKey, TrustAnchors.none());

        assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(report.failures()).extracting(Check::subject).contains("ledger checkpoint 12", "ledger inclusion");
        assertThat(report.failures().getFirst().message()).contains("cosigned by xb.comity.example/witness", "1 of 2 expected witnesses; 2 required");
        assertThat(report.checks()).filteredOn(ch -> ch.subject().equals("ledger checkpoint 18")).extracting(Check::status).containsOnly(Status.PASS);
    }

    @Test
    void aPackageResignedByAnotherKeyIsConsistentButFailsAgainstTheKeysYouTrust() throws Exception {
        // Given someone who rebuilt the package under keys of their own
        SigningKey forger = SigningKey.generate();
        PackageContents c = fixture.contents();
        Producer p = c.producer();
        PackageContents forged = new PackageContents(c.id(), c.createdAt(),
                new Producer(p.node(), p.name(), p.state(), p.ledgerOrigin(), p.ledgerKey(), forger.publicJwk()), c.witnesses(), c.request(),
                c.items(), c.ledger());

        // Then alone it holds together, and the report says to compare the key
        VerificationReport alone = verify(forged, forger, TrustAnchors.none());
        assertThat(alone.verdict()).isEqualTo(Verdict.INTACT);
        assertThat(alone.checks()).filteredOn(ch -> ch.subject().equals("node key")).singleElement()
                .satisfies(ch -> assertThat(ch.status()).isEqualTo(Status.INFO));
        // But against the node's published keys it fails
        TrustAnchors published = TrustAnchors.none().withNodeKey(fixture.nodeKey.kid()).withLedgerKey(fixture.ledger.verifier());
        VerificationReport pinned = verify(forged, forger, published);
        assertThat(pinned.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(pinned.failures()).singleElement().satisfies(ch -> assertThat(ch.message()).contains("not with the key you trust"));
        assertThat(verify(fixture.contents(), fixture.nodeKey, published).verdict()).isEqualTo(Verdict.INTACT);
    }

    @Test
    void aLedgerKeyOtherThanTheOneYouTrustFailsEveryCheckpoint() throws Exception {
        TrustAnchors other = TrustAnchors.none().withLedgerKey(NoteSigner.generate(PackageFixture.ORIGIN).verifier());

        VerificationReport report = verify(fixture.contents(), fixture.nodeKey, other);

        assertThat(report.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(report.failures()).extracting(Check::subject).contains("ledger key", "ledger checkpoint 12", "ledger checkpoint 18", "ledger inclusion");
    }

    private static VerificationReport verify(PackageContents contents, SigningKey key, TrustAnchors anchors) throws Exception {
        MemoryChannel out = new MemoryChannel();
        EvidencePackageWriter.write(contents, key, out, p -> {});
        return PackageVerifier.verify(EvidencePackageReader.read(new MemoryChannel(out.toByteArray()), p -> {}), anchors);
    }
}
