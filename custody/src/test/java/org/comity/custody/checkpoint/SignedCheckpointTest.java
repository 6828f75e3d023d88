package org.comity.custody.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.comity.custody.checkpoint.SignedNoteTest.refused;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.comity.custody.checkpoint.CheckpointRejected.Reason;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.merkle.MemoryLog;
import org.junit.jupiter.api.Test;

/**
 * A ledger's checkpoints: signed by the node, cosigned by witnesses, opened against a policy. Any
 * single changed, removed or inserted character or byte of a signed checkpoint is refused.
 */
class SignedCheckpointTest {

    static final String ORIGIN = "xa.comity.example/comity/ledger";
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    final NoteSigner log = NoteSigner.of(ORIGIN, SigningKey.generate());
    final Cosigner w1 = Cosigner.generate("witness.example.org/w1");
    final Cosigner w2 = Cosigner.generate("witness.example.net/w2");
    final Cosigner w3 = Cosigner.generate("witness.example.com/w3");
    final Checkpoint checkpoint = checkpoint(70_000);

    static Checkpoint checkpoint(int size) {
        MemoryLog ledger = MemoryLog.empty();
        for (int i = 0; i < size; i++) {
            ledger.append(("event " + i).getBytes(StandardCharsets.UTF_8));
        }
        return Checkpoint.of(ORIGIN, size, ledger.root());
    }

    @Test
    void aCheckpointIsItsThreeLinesAndReadsBackAsWritten() throws Exception {
        assertThat(checkpoint.body()).matches("xa\\.comity\\.example/comity/ledger\n70000\n[A-Za-z0-9+/]{43}=\n");
        assertThat(Checkpoint.parse(checkpoint.body())).isEqualTo(checkpoint);
        Checkpoint extended = new Checkpoint(ORIGIN, 0, new byte[32], List.of("ext one", "\u00e9t\u00e9"));
        assertThat(extended.body()).isEqualTo(ORIGIN + "\n0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\next one\n\u00e9t\u00e9\n");
        assertThat(Checkpoint.parse(extended.body())).isEqualTo(extended);
    }

    @Test
    void checkpointTextsThatAreNotExactlyOneAreRefused() {
        String root = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        for (String body : List.of(ORIGIN + "\n5\n" + root, ORIGIN + "\n5\n", "\n5\n" + root + "\n", ORIGIN + "\n05\n" + root + "\n",
                ORIGIN + "\n-5\n" + root + "\n", ORIGIN + "\n+5\n" + root + "\n", ORIGIN + "\n5 \n" + root + "\n", ORIGIN + "\n\u0665\n" + root + "\n",
                ORIGIN + "\n9223372036854775808\n" + root + "\n", ORIGIN + "\n99999999999999999999\n" + root + "\n",
                ORIGIN + "\n5\n" + root.replace("=", "") + "\n", ORIGIN + "\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=\n", // spare bits set
                ORIGIN + "\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", ORIGIN + "\n5\n" + root + "\n\n",
                ORIGIN + "\n5\n" + root + "\n\next\n")) {
            refused(() -> Checkpoint.parse(body), Reason.MALFORMED);
        }
    }

    @Test
    void aCheckpointSignedByTheLogOpensWithItsPolicy() throws Exception {
        String signed = SignedCheckpoint.sign(checkpoint, log).format();
        VerifiedCheckpoint opened = SignedCheckpoint.open(signed, LogPolicy.of(ORIGIN, log.verifier()));
        assertThat(opened.checkpoint()).isEqualTo(checkpoint);
        assertThat(opened.cosignatures()).isEmpty();
        assertThat(signed).startsWith(checkpoint.body() + "\n\u2014 " + ORIGIN + " ");
    }

    @Test
    void anotherLogsOrAnotherKeysCheckpointIsRefused() {
        String signed = SignedCheckpoint.sign(checkpoint, log).format();
        refused(() -> SignedCheckpoint.open(signed, LogPolicy.of("xb.comity.example/comity/ledger", log.verifier())), Reason.WRONG_ORIGIN);
        refused(() -> SignedCheckpoint.open(signed, LogPolicy.of(ORIGIN, NoteSigner.generate(ORIGIN).verifier())), Reason.UNSIGNED);
        String signedByImpostor = SignedCheckpoint.sign(checkpoint, NoteSigner.generate(ORIGIN)).format();
        refused(() -> SignedCheckpoint.open(signedByImpostor, LogPolicy.of(ORIGIN, log.verifier())), Reason.UNSIGNED);
    }

    @Test
    void everySingleCharacterOrByteChangeToASignedCheckpointIsRefused() {
        SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, log).withCosignature(w1.cosign(checkpoint, NOW));
        LogPolicy policy = LogPolicy.of(ORIGIN, log.verifier()).withWitnesses(List.of(w1.witness()), 1);
        String text = signed.format();
        int tried = 0;
        for (int i = 0; i < text.length(); i++) {
            for (char c : new char[] {'A', 'a', '0', '/', '+', '=', ' ', '\n', '\u2014', '\u00e9', (char) (text.charAt(i) + 1)}) {
                if (c != text.charAt(i)) {
                    String changed = text.substring(0, i) + c + text.substring(i + 1);
                    assertThatThrownBy(() -> SignedCheckpoint.open(changed, policy)).as("%s at %d", c, i).isInstanceOf(CheckpointRejected.class);
                    tried++;
                }
            }
            String removed = text.substring(0, i) + text.substring(i + 1);
            assertThatThrownBy(() -> SignedCheckpoint.open(removed, policy)).as("removed at %d", i).isInstanceOf(CheckpointRejected.class);
            String inserted = text.substring(0, i) + "x" + text.substring(i);
            assertThatThrownBy(() -> SignedCheckpoint.open(inserted, policy)).as("inserted at %d", i).isInstanceOf(CheckpointRejected.class);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = bytes.clone();
                changed[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> SignedCheckpoint.parse(changed).verify(policy)).as("bit %d of byte %d", bit, i)
                        .isInstanceOf(CheckpointRejected.class);
                tried++;
            }
        }
        assertThat(tried).isGreaterThan(5_000);
    }

    @Test
    void witnessesCosignAndAQuorumIsRequired() throws Exception {
        SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, log).withCosignature(w1.cosign(checkpoint, NOW))
                .withCosignature(w3.cosign(checkpoint, NOW.plusSeconds(2)));
        LogPolicy policy = LogPolicy.of(ORIGIN, log.verifier()).withWitnesses(List.of(w1.witness(), w2.witness(), w3.witness()), 2);

        VerifiedCheckpoint opened = SignedCheckpoint.open(signed.format(), policy);
        assertThat(opened.cosignatures()).extracting(Cosignature::witness).containsExactly("witness.example.org/w1", "witness.example.com/w3");
        assertThat(opened.cosignatures().get(1).time()).isEqualTo(NOW.plusSeconds(2));

        refused(() -> SignedCheckpoint.open(signed.format(), policy.withWitnesses(policy.witnesses(), 3)), Reason.TOO_FEW_COSIGNATURES);
        // A witness's cosignature of another checkpoint, pasted under this one.
        Cosignature elsewhere = w2.cosign(checkpoint(69_999), NOW);
        refused(() -> SignedCheckpoint.open(signed.withCosignature(elsewhere).format(), policy), Reason.BAD_SIGNATURE);
        // A cosignature whose time was moved.
        Cosignature genuine = w2.cosign(checkpoint, NOW);
        Cosignature moved = new Cosignature(genuine.witness(), genuine.keyId(), genuine.timestamp() + 1, genuine.signature());
        refused(() -> SignedCheckpoint.open(signed.withCosignature(moved).format(), policy), Reason.BAD_SIGNATURE);
        // A witness key cannot stand in for the log, nor the log's key for a witness.
        refused(() -> SignedCheckpoint.open(SignedCheckpoint.sign(checkpoint, NoteSigner.of(ORIGIN, SigningKey.generate()))
                .withCosignature(w1.cosign(checkpoint, NOW)).format(), policy), Reason.UNSIGNED);
    }

    @Test
    void cosignaturesHaveTheSpecsShapeAndMessage() throws Exception {
        // c2sp.org/tlog-cosignature's example line: key id 8d66cf3f, then the timestamp 1679315147 of its example message.
        SignedNote example = SignedNote.parse("""
                example.com/behind-the-sofa
                20852163
                CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

                \u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
                \u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==
                """);
        Cosignature cosignature = Cosignature.from(example.signatures().get(1)).orElseThrow();
        assertThat(HexFormat.of().toHexDigits(cosignature.keyId())).isEqualTo("8d66cf3f");
        assertThat(cosignature.timestamp()).isEqualTo(1679315147L);
        assertThat(Cosignature.message(Checkpoint.parse(example.text()), cosignature.timestamp())).isEqualTo("""
                cosignature/v1
                time 1679315147
                example.com/behind-the-sofa
                20852163
                CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
                """);
        assertThat(Cosignature.from(example.signatures().get(0))).isEmpty(); // 64 bytes: the log's plain signature
        assertThat(cosignature.noteSignature()).isEqualTo(example.signatures().get(1));
    }

    @Test
    void witnessKeysUseSignatureType4AndRoundTripAsVkeys() {
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"); // RFC 8032, test 1
        Cosigner cosigner = Cosigner.fromSeed("witness.example.org/w1", seed);
        NoteSigner sameKeyAsLog = NoteSigner.fromSeed("witness.example.org/w1", seed);
        assertThat(cosigner.witness().publicKey())
                .isEqualTo(HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        assertThat(cosigner.keyId()).isNotEqualTo(sameKeyAsLog.keyId());
        assertThat(cosigner.witness().vkey()).startsWith("witness.example.org/w1+").contains("+BNdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea");
        assertThat(Witness.parse(cosigner.witness().vkey())).isEqualTo(cosigner.witness());
        assertThatThrownBy(() -> Witness.parse(sameKeyAsLog.verifier().vkey())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteVerifier.parse(cosigner.witness().vkey())).isInstanceOf(IllegalArgumentException.class);
    }
}
