package org.comity.custody.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.comity.custody.checkpoint.CheckpointRejected;
import org.comity.custody.checkpoint.Checkpoint;
import org.comity.custody.checkpoint.Cosigner;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.StrictBase64;
import org.comity.custody.checkpoint.VerifiedCheckpoint;
import org.comity.custody.checkpoint.Witness;
import org.comity.custody.merkle.MemoryLog;
import org.comity.custody.proof.EntryProofRejected.Reason;
import org.junit.jupiter.api.Test;

/**
 * An entry proof lets anyone holding the ledger's policy check, offline, that one custody event is
 * in the ledger; anything else, a changed character included, is refused with its reason.
 */
class EntryProofTest {

    static final String ORIGIN = "xa.comity.example/comity/ledger";
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    final NoteSigner node = NoteSigner.generate(ORIGIN);
    final Cosigner witness = Cosigner.generate("witness.example.org/w1");
    final LogPolicy policy = LogPolicy.of(ORIGIN, node.verifier()).withWitnesses(List.of(witness.witness()), 1);
    final MemoryLog ledger = MemoryLog.empty();
    final SignedCheckpoint checkpoint;

    EntryProofTest() {
        for (int i = 0; i < 1000; i++) {
            ledger.append(event(i));
        }
        Checkpoint head = Checkpoint.of(ORIGIN, ledger.size(), ledger.root());
        checkpoint = SignedCheckpoint.sign(head, node).withCosignature(witness.cosign(head, NOW));
    }

    static byte[] event(int i) {
        return ("{\"seq\":" + i + ",\"type\":\"custody.received\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aProofOfOneEventVerifiesOfflineAgainstThePolicy() throws Exception {
        String text = EntryProof.prove(ledger, 417, checkpoint).format();

        VerifiedCheckpoint verified = EntryProof.parse(text.getBytes(StandardCharsets.UTF_8)).verifyEntry(event(417), policy);
        assertThat(verified.checkpoint().size()).isEqualTo(1000);
        assertThat(verified.cosignatures()).hasSize(1);
        assertThat(text).startsWith("c2sp.org/tlog-proof@v1\nindex 417\n").contains("\n\n" + checkpoint.format()).endsWith(checkpoint.format());
        // header, index, 10 hashes, blank line, the checkpoint's 3 lines, blank line, the node's and the witness's signatures
        assertThat(text.split("\n")).hasSize(2 + 10 + 1 + 3 + 1 + 2);
    }

    @Test
    void theFormatReadsBackAsWrittenWithAndWithoutExtraData() throws Exception {
        EntryProof plain = EntryProof.prove(ledger, 999, checkpoint);
        EntryProof extra = plain.withExtra("evidence/2026/000123".getBytes(StandardCharsets.UTF_8));
        assertThat(EntryProof.parse(plain.format())).isEqualTo(plain);
        assertThat(EntryProof.parse(extra.format())).isEqualTo(extra);
        assertThat(extra.format()).startsWith("c2sp.org/tlog-proof@v1\nextra ZXZpZGVuY2UvMjAyNi8wMDAxMjM=\nindex 999\n");
        EntryProof single = EntryProof.prove(one(), 0, SignedCheckpoint.sign(Checkpoint.of(ORIGIN, 1, one().root()), node));
        assertThat(single.format()).startsWith("c2sp.org/tlog-proof@v1\nindex 0\n\n" + ORIGIN + "\n1\n"); // no hashes at all
        assertThat(EntryProof.parse(single.format())).isEqualTo(single);
    }

    @Test
    void anotherEventIndexOrTreeIsNotIncluded() throws Exception {
        EntryProof proof = EntryProof.prove(ledger, 417, checkpoint);
        refused(() -> proof.verifyEntry(event(418), policy), Reason.NOT_INCLUDED);
        refused(() -> new EntryProof(new byte[0], 418, proof.path(), checkpoint).verifyEntry(event(417), policy), Reason.NOT_INCLUDED);
        refused(() -> new EntryProof(new byte[0], 1000, proof.path(), checkpoint).verifyEntry(event(417), policy), Reason.NOT_INCLUDED);
        refused(() -> new EntryProof(new byte[0], 417, proof.path().subList(1, 10), checkpoint).verifyEntry(event(417), policy),
                Reason.NOT_INCLUDED);
        refused(() -> proof.verifyLeafHash(new byte[31], policy), Reason.NOT_INCLUDED);
        assertThatThrownBy(() -> EntryProof.prove(one(), 0, checkpoint)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCheckpointTheyDoNotTrustIsRefusedWithItsReason() {
        EntryProof proof = EntryProof.prove(ledger, 417, checkpoint);
        assertThatThrownBy(() -> proof.verifyEntry(event(417), policy.withWitnesses(List.of(witness.witness(),
                Cosigner.generate("witness.example.net/w2").witness()), 2)))
                .isInstanceOfSatisfying(EntryProofRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CHECKPOINT);
                    assertThat(((CheckpointRejected) e.getCause()).reason()).isEqualTo(CheckpointRejected.Reason.TOO_FEW_COSIGNATURES);
                });
        refused(() -> proof.verifyEntry(event(417), LogPolicy.of(ORIGIN, NoteSigner.generate(ORIGIN).verifier())), Reason.CHECKPOINT);
        refused(() -> proof.verifyEntry(event(417), LogPolicy.of("xb.comity.example/comity/ledger", node.verifier())), Reason.CHECKPOINT);
    }

    @Test
    void malformedProofsAreRefused() {
        EntryProof proof = EntryProof.prove(ledger, 417, checkpoint);
        String good = proof.format();
        String hash = StrictBase64.encode(proof.path().get(0));
        String head = "c2sp.org/tlog-proof@v1\n";
        String rest = good.substring(good.indexOf("\n\n"));
        for (String bad : List.of("", "garbage", head, good.replace("@v1", "@v2"), good.replace("index 417", "index 0417"),
                good.replace("index 417", "index -417"), good.replace("index 417", "index  417"), good.replace("index 417", "index 4l7"),
                good.replace("index 417", "index 9223372036854775808"), good.replace("index 417\n", ""), good.replace(head, head + "extra \n"),
                good.replace(head, head + "extra !!\n"), good.replace(head, head + "extra YQ\n"), good.replace(hash, hash.replace("=", "")),
                good.replace(hash, hash + "AAAA"), good.replace(hash + "\n", hash + "\r\n"), good.replace("\n\n", "\n"),
                head + "index 417\n" + (hash + "\n").repeat(64) + rest, good.substring(0, good.indexOf("\n\n") + 2), good + "\n",
                good.replace(head, "\ufeff" + head))) {
            refused(() -> EntryProof.parse(bad), Reason.MALFORMED);
        }
        refused(() -> EntryProof.parse(good.replace("index", "\u00ffndex").getBytes(StandardCharsets.ISO_8859_1)), Reason.MALFORMED);
    }

    @Test
    void everySingleCharacterChangeOutsideTheExtraDataIsRefused() {
        String text = EntryProof.prove(ledger, 417, checkpoint).format();
        for (int i = 0; i < text.length(); i++) {
            for (char c : new char[] {'A', '0', '1', '/', ' ', '\n', (char) (text.charAt(i) + 1)}) {
                if (c != text.charAt(i)) {
                    String changed = text.substring(0, i) + c + text.substring(i + 1);
                    assertThatThrownBy(() -> EntryProof.parse(changed).verifyEntry(event(417), policy)).as("%s at %d", c, i)
                            .isInstanceOf(EntryProofRejected.class);
                }
            }
        }
    }

    @Test
    void theExtraDataIsNotAuthenticated() throws Exception {
        // The spec's warning, as a fact: whoever passes the proof on may change it, so nothing may rest on it.
        EntryProof proof = EntryProof.prove(ledger, 417, checkpoint).withExtra("as sent".getBytes(StandardCharsets.UTF_8));
        EntryProof changed = EntryProof.parse(proof.format().replace(StrictBase64.encode("as sent".getBytes(StandardCharsets.UTF_8)),
                StrictBase64.encode("as forged".getBytes(StandardCharsets.UTF_8))));
        changed.verifyEntry(event(417), policy);
        assertThat(new String(changed.extra(), StandardCharsets.UTF_8)).isEqualTo("as forged");
    }

    @Test
    void theExampleInTheFormatNoteVerifies() throws Exception {
        // docs/formats/ledger.md, signed with made-up keys: keep the two identical.
        String proof = """
                c2sp.org/tlog-proof@v1
                index 1
                Q4OPnPiYk/jMELw/7QYHDFzZv5sMmyuw+bOdEvyzwpQ=
                9eEZrXa7rzdfIOwFkQr/SKfxTT/lZrQtoLNGN4uqaN8=

                xa.comity.example/comity/ledger
                3
                LGGPnqBRO8z3wTQofGu57UU/he/Fm2FKazI0BFs5LN4=

                \u2014 xa.comity.example/comity/ledger XsD207lDCMXns5UkwYgtDqXC8o4u8fq1sw+LKqdfmggz7on5Wt3aBNEIRfxVjWSIDhFf5iUpRbF+KFlndTh1aF9f8gA=
                \u2014 witness.example.org/w1 7mG93QAAAABrBCrAZBxsrNLf4y2tx2DaLJtmrizIXUTbt1jwqRVxvlNVstsji7CCSIrpk+MMGkz3YXOJJsyw+ZrpLANfYvRbUTpgCw==
                """;
        LogPolicy example = LogPolicy.of(ORIGIN, NoteVerifier.parse("xa.comity.example/comity/ledger+5ec0f6d3+AVaV8ORXlKw40156MQ9OUiFRpcYPCs+ZGhpmAUr+OYdd"))
                .withWitnesses(List.of(Witness.parse("witness.example.org/w1+ee61bddd+BLJniZjmox1H6FPvSd6E1p4QJ2MmOdEIAEDLpeIh8FVh")), 1);
        VerifiedCheckpoint verified = EntryProof.parse(proof)
                .verifyEntry("{\"evidence\":\"E-1\",\"seq\":2,\"type\":\"custody.sealed\"}".getBytes(StandardCharsets.UTF_8), example);
        assertThat(verified.checkpoint().size()).isEqualTo(3);
        assertThat(verified.cosignatures()).singleElement().extracting(c -> c.time()).isEqualTo(NOW);
    }

    private static MemoryLog one() {
        MemoryLog log = MemoryLog.empty();
        log.append(event(0));
        return log;
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EntryProofRejected.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }
}
