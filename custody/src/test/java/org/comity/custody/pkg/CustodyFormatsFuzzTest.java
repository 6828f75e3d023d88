package org.comity.custody.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.comity.custody.checkpoint.CheckpointRejected;
import org.comity.custody.checkpoint.Cosigner;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.SignedNote;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.CustodyFormatException;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.merkle.ProofRejected;
import org.comity.custody.proof.ConsistencyProof;
import org.comity.custody.proof.EntryProof;
import org.comity.custody.proof.EntryProofRejected;

/**
 * Everything a court's verifier reads from a package, and the custody excerpt a node reads from a
 * peer, fed arbitrary bytes: the whole package, the manifest, a custody excerpt, a custody event, a
 * signed checkpoint or note, and the tlog and consistency proofs. Each is read or refused with its
 * own documented exception, never anything else; and whatever is read writes back to the same form.
 */
class CustodyFormatsFuzzTest {

    static final String ORIGIN = "xa.comity.example/comity/ledger";
    static final NoteSigner LEDGER = NoteSigner.fromSeed(ORIGIN, new byte[32]);
    static final Cosigner WITNESS = Cosigner.fromSeed("xb.comity.example/witness", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    static final LogPolicy POLICY = LogPolicy.of(ORIGIN, LEDGER.verifier()).withWitnesses(List.of(WITNESS.witness()), 1);

    @FuzzTest(maxDuration = "30s")
    void packagesAreReadAndVerifiedOrRefusedWithAReason(byte[] input) {
        try {
            EvidencePackage pkg = EvidencePackageReader.read(new MemoryChannel(input), p -> {});
            VerificationReport report = PackageVerifier.verify(pkg, TrustAnchors.none());
            assertThat(report.checks()).isNotEmpty();
        } catch (PackageRejected refused) {
            assertThat(refused.reason()).isNotNull();
            assertThat(refused.describe()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "20s")
    void manifestsAreReadInTheirOneFormOrRefused(byte[] input) {
        try {
            EvidenceManifest manifest = EvidenceManifest.parse(input);
            assertThat(manifest.canonicalBytes()).isEqualTo(input);
        } catch (CustodyFormatException refused) {
            assertThat(refused.field()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void custodyExcerptsAreReadInTheirOneFormAndVerifiedOrRefused(byte[] input) {
        try {
            LedgerExcerpt excerpt = LedgerExcerpt.parse(input);
            assertThat(excerpt.canonicalBytes()).isEqualTo(input);
            assertThat(excerpt.verify(POLICY).excerpt()).isEqualTo(excerpt);
        } catch (CustodyFormatException refused) {
            assertThat(refused.field()).isNotNull();
        } catch (ExcerptRejected refused) {
            assertThat(refused.reason()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "20s")
    void custodyEventsAreReadOrRefusedNamingTheField(byte[] input) {
        try {
            CustodyEvent event = CustodyEvent.parse(input);
            assertThat(CustodyEvent.parseCanonical(event.canonicalBytes())).isEqualTo(event);
        } catch (CustodyFormatException refused) {
            assertThat(refused.field()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "20s")
    void signedNotesAndCheckpointsAreReadOrRefusedWithAReason(byte[] input) {
        try {
            SignedNote note = SignedNote.parse(input);
            assertThat(SignedNote.parse(note.format())).isEqualTo(note);
        } catch (CheckpointRejected refused) {
            assertThat(refused.reason()).isNotNull();
        }
        try {
            SignedCheckpoint checkpoint = SignedCheckpoint.parse(input);
            assertThat(SignedCheckpoint.parse(checkpoint.format())).isEqualTo(checkpoint);
            checkpoint.verify(POLICY);
        } catch (CheckpointRejected refused) {
            assertThat(refused.reason()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "20s")
    void tlogAndConsistencyProofsAreReadOrRefusedWithAReason(byte[] input) {
        try {
            EntryProof proof = EntryProof.parse(input);
            assertThat(EntryProof.parse(proof.format().getBytes(StandardCharsets.UTF_8))).isEqualTo(proof);
            proof.verifyEntry("{}".getBytes(StandardCharsets.UTF_8), POLICY);
        } catch (EntryProofRejected refused) {
            assertThat(refused.reason()).isNotNull();
        }
        try {
            ConsistencyProof proof = ConsistencyProof.parse(input);
            assertThat(ConsistencyProof.parse(proof.format().getBytes(StandardCharsets.UTF_8))).isEqualTo(proof);
        } catch (ProofRejected refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
