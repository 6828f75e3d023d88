package org.comity.custody.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.comity.custody.checkpoint.CheckpointRejected.Reason;
import org.comity.custody.keys.SigningKey;
import org.junit.jupiter.api.Test;

/**
 * Signed notes read and write as golang.org/x/mod/sumdb/note does (its test keys and notes are the
 * known answers here), and every malformed note is refused as MALFORMED.
 */
class SignedNoteTest {

    // golang.org/x/mod/sumdb/note, note_test.go (BSD-3-Clause): the key pair and notes its tests use.
    static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    static final String TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    static final String PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    static NoteSigner peter() {
        byte[] typedSeed = Base64.getDecoder().decode(PETER_SKEY.split("\\+", 5)[4]);
        assertThat(typedSeed[0]).isEqualTo((byte) 0x01); // Ed25519
        return NoteSigner.fromSeed("PeterNeumann", Arrays.copyOfRange(typedSeed, 1, 33));
    }

    @Test
    void signingGivesTheSameNoteAsGo() {
        NoteSigner peter = peter();
        assertThat(peter.keyId()).isEqualTo(0xc74f20a3);
        assertThat(peter.verifier().vkey()).isEqualTo(PETER_VKEY);
        assertThat(SignedNote.sign(TEXT, peter).format()).isEqualTo(TEXT + "\n" + PETER_SIG);
    }

    @Test
    void aNoteSignedByGoOpensWithItsKeyAndIgnoresUnknownSigners() throws Exception {
        SignedNote note = SignedNote.parse((TEXT + "\n" + PETER_SIG + ENOCH_SIG).getBytes(StandardCharsets.UTF_8));
        assertThat(note.text()).isEqualTo(TEXT);
        assertThat(note.signatures()).extracting(NoteSignature::keyName).containsExactly("PeterNeumann", "EnochRoot");
        note.requireSignedBy(NoteVerifier.parse(PETER_VKEY)); // Enoch's signature is simply not looked at
        note.requireSignedBy(NoteVerifier.parse(ENOCH_VKEY));
        assertThat(note.format()).isEqualTo(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
    }

    @Test
    void aNoteNotSignedByTheExpectedKeyOrBadlySignedByItIsRefused() throws Exception {
        SignedNote enochOnly = SignedNote.parse(TEXT + "\n" + ENOCH_SIG);
        refused(() -> enochOnly.requireSignedBy(NoteVerifier.parse(PETER_VKEY)), Reason.UNSIGNED);
        // Same name, another key: its id differs, so the signature is not by the expected key.
        refused(() -> SignedNote.sign(TEXT, NoteSigner.generate("PeterNeumann")).requireSignedBy(NoteVerifier.parse(PETER_VKEY)),
                Reason.UNSIGNED);
        String forged = PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(64);
        refused(() -> SignedNote.parse(TEXT + "\n" + forged).requireSignedBy(NoteVerifier.parse(PETER_VKEY)), Reason.BAD_SIGNATURE);
        refused(() -> SignedNote.parse(TEXT.replace("cryptography", "Cryptography") + "\n" + PETER_SIG)
                .requireSignedBy(NoteVerifier.parse(PETER_VKEY)), Reason.BAD_SIGNATURE);
    }

    @Test
    void malformedNotesAreRefused() {
        // The malformed notes of Go's TestOpen, and more.
        List<String> bad = List.of(TEXT, TEXT + "\n", TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
                "\u0001" + TEXT + "\n" + PETER_SIG,
                TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
                TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
                TEXT + "\n" + PETER_SIG + "\n",
                TEXT.replace("\n", "\r\n") + "\n" + PETER_SIG,
                TEXT.replace(" ", "\t") + "\n" + PETER_SIG,
                TEXT + "\n" + PETER_SIG.replace("\u2014", "-"),
                TEXT + "\n" + PETER_SIG.replace("JnAM=", "JnAM"), // unpadded
                TEXT + "\n" + PETER_SIG.replace("JnAM=", "JnAN="), // spare bits set
                TEXT + "\n" + PETER_SIG.replace("PeterNeumann", "Peter+Neumann"),
                TEXT + "\n" + "\u2014 PeterNeumann AAAAAA==\n", // a key id and no signature
                TEXT + "\n" + "\u2014 PeterNeumann \n",
                TEXT + "\n" + PETER_SIG + PETER_SIG, // the same key twice
                "\ud800" + TEXT + "\n" + PETER_SIG, // a lone surrogate has no UTF-8 form
                "");
        for (String note : bad) {
            refused(() -> SignedNote.parse(note), Reason.MALFORMED);
        }
        byte[] notUtf8 = ("\u00ff" + TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.ISO_8859_1);
        refused(() -> SignedNote.parse(notUtf8), Reason.MALFORMED);
        refused(() -> SignedNote.parse(new byte[SignedNote.MAX_BYTES + 1]), Reason.MALFORMED);
    }

    @Test
    void aHundredSignaturesAreReadAndOneMoreIsRefused() throws Exception {
        List<NoteSignature> signatures = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            signatures.add(new NoteSignature("witness" + i + ".example", i, new byte[64]));
        }
        String hundred = TEXT + "\n" + String.join("", signatures.subList(0, 100).stream().map(NoteSignature::line).toList());
        assertThat(SignedNote.parse(hundred).signatures()).hasSize(100);
        refused(() -> SignedNote.parse(hundred + signatures.get(100).line()), Reason.MALFORMED);
    }

    @Test
    void aTextMayHoldBlankLinesAndAnyLanguage() throws Exception {
        NoteSigner signer = NoteSigner.of("xa.comity.example/comity/ledger", SigningKey.generate());
        String text = "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned \u00e8 subito sera. \u4fdd\u5168 \u062d\u0641\u0638\n";
        SignedNote note = SignedNote.sign(text, signer);
        SignedNote read = SignedNote.parse(note.format().getBytes(StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(note);
        read.requireSignedBy(signer.verifier());
    }

    @Test
    void anotherSignatureByTheSameKeyReplacesTheFirst() {
        NoteSigner peter = peter();
        SignedNote note = SignedNote.sign(TEXT, peter).withSignature(new NoteSignature("EnochRoot", 0xaf0cfe78, new byte[64]));
        assertThat(note.withSignature(peter.sign(TEXT)).signatures()).extracting(NoteSignature::keyName).containsExactly("EnochRoot", "PeterNeumann");
    }

    @Test
    void verifierKeysAreReadStrictly() {
        assertThat(NoteVerifier.parse(ENOCH_VKEY).keyId()).isEqualTo(0xaf0cfe78);
        // Go's TestNewVerifier: every proper substring and every single-byte change is refused.
        for (int i = 0; i <= PETER_VKEY.length(); i++) {
            for (int j = i + 1; j <= PETER_VKEY.length(); j++) {
                if (i != 0 || j != PETER_VKEY.length()) {
                    String part = PETER_VKEY.substring(i, j);
                    assertThatThrownBy(() -> NoteVerifier.parse(part)).as(part).isInstanceOf(IllegalArgumentException.class);
                }
            }
        }
        for (int i = 0; i < PETER_VKEY.length(); i++) {
            String changed = PETER_VKEY.substring(0, i) + (char) (PETER_VKEY.charAt(i) + 1) + PETER_VKEY.substring(i + 1);
            assertThatThrownBy(() -> NoteVerifier.parse(changed)).as(changed).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteVerifier.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CheckpointRejected.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }
}
