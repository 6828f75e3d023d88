package org.comity.custody.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.comity.custody.checkpoint.CheckpointRejected.Reason;

/**
 * A signed note (c2sp.org/signed-note): a text ending in a newline, a blank line, then one or more
 * signature lines. Parsing checks only the form; {@link #requireSignedBy} checks a signature.
 *
 * <p>Stricter than the format requires, so that a note has one reading: at most
 * {@value #MAX_SIGNATURES} signatures (Go's limit; the spec asks for at least 16) and
 * {@value #MAX_BYTES} bytes, and no two signatures by the same key name and id (Go's reader would
 * drop the repeat; a log that repeats one is broken).
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

    public static final int MAX_SIGNATURES = 100;
    public static final int MAX_BYTES = 1 << 20;
    private static final String SIGNATURE_PREFIX = "\u2014 ";

    public SignedNote {
        if (text == null || !text.endsWith("\n") || !NoteText.allowed(text)) {
            throw new IllegalArgumentException("a note's text ends in a newline and holds no control character but newlines");
        }
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a signed note has 1 to " + MAX_SIGNATURES + " signatures");
        }
        Set<String> keys = new HashSet<>();
        for (NoteSignature s : signatures) {
            if (!keys.add(s.keyName() + "+" + s.keyId())) {
                throw new IllegalArgumentException("two signatures by " + s.keyName() + "+" + HexFormat.of().toHexDigits(s.keyId()));
            }
        }
    }

    /** Signs {@code text} with one key. */
    public static SignedNote sign(String text, NoteSigner signer) {
        return new SignedNote(text, List.of(signer.sign(text)));
    }

    /** This note with one more signature, replacing any earlier one by the same key. */
    public SignedNote withSignature(NoteSignature signature) {
        List<NoteSignature> all = new ArrayList<>(signatures.stream().filter(s -> !s.isBy(signature.keyName(), signature.keyId())).toList());
        all.add(signature);
        return new SignedNote(text, all);
    }

    /** The signature by the key of this name and id, if the note has one. */
    public Optional<NoteSignature> signatureBy(String keyName, int keyId) {
        return signatures.stream().filter(s -> s.isBy(keyName, keyId)).findFirst();
    }

    /**
     * Checks that {@code key} signed this note. Signatures by other keys are ignored, as the spec
     * requires (they may be witnesses, or keys this reader does not know).
     *
     * @throws CheckpointRejected UNSIGNED when the key did not sign, BAD_SIGNATURE when its signature does not verify
     */
    public void requireSignedBy(NoteVerifier key) throws CheckpointRejected {
        NoteSignature signature = signatureBy(key.name(), key.keyId())
                .orElseThrow(() -> new CheckpointRejected(Reason.UNSIGNED, "the note is not signed by " + key.name() + "+"
                        + HexFormat.of().toHexDigits(key.keyId())));
        if (!key.verifies(text, signature)) {
            throw new CheckpointRejected(Reason.BAD_SIGNATURE, "the signature of " + key.name() + " does not match the note");
        }
    }

    /** The note as it travels: text, blank line, signature lines. */
    public String format() {
        StringBuilder out = new StringBuilder(text).append('\n');
        signatures.forEach(s -> out.append(s.line()));
        return out.toString();
    }

    /** Reads a note from its bytes, which must be UTF-8. */
    public static SignedNote parse(byte[] note) throws CheckpointRejected {
        if (note == null || note.length > MAX_BYTES) {
            throw malformed("a signed note is at most " + MAX_BYTES + " bytes");
        }
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(note)).toString());
        } catch (CharacterCodingException e) {
            throw malformed("a signed note is UTF-8");
        }
    }

    /** Reads a note: its form only; no signature is checked here. */
    public static SignedNote parse(String note) throws CheckpointRejected {
        if (note == null || note.length() > MAX_BYTES) {
            throw malformed("a signed note is at most " + MAX_BYTES + " bytes");
        }
        if (!NoteText.allowed(note)) {
            throw malformed("a signed note holds no control character but newlines (no CR, no tab) and only valid Unicode");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw malformed("no blank line between the text and the signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty() || !block.endsWith("\n")) {
            throw malformed("the signatures are lines, each ending in a newline, after the blank line");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
            if (signatures.size() == MAX_SIGNATURES) {
                throw malformed("more than " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(signatureLine(line));
        }
        try {
            return new SignedNote(text, signatures);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static NoteSignature signatureLine(String line) throws CheckpointRejected {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw malformed("a signature line starts with an em dash and a space");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        String name = space < 0 ? rest : rest.substring(0, space);
        if (space < 0 || !NoteKeys.validName(name)) {
            throw malformed("a signature line is an em dash, a space, a key name, a space and base64");
        }
        byte[] bytes = StrictBase64.decode(rest.substring(space + 1))
                .orElseThrow(() -> malformed("the signature of " + name + " is not canonical base64"));
        if (bytes.length < 5) {
            throw malformed("the signature of " + name + " is shorter than a key id and a signature");
        }
        int keyId = ByteBuffer.wrap(bytes).getInt();
        return new NoteSignature(name, keyId, Arrays.copyOfRange(bytes, 4, bytes.length));
    }

    private static CheckpointRejected malformed(String detail) {
        return new CheckpointRejected(Reason.MALFORMED, detail);
    }
}
