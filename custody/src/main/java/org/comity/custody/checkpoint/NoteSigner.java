package org.comity.custody.checkpoint;

import java.nio.charset.StandardCharsets;
import org.comity.custody.keys.SigningKey;

/**
 * An Ed25519 key that signs notes (signature type 0x01) under a key name: a log signing its
 * checkpoints. The key may be a node's {@link SigningKey}: a note's text always ends in a newline,
 * which no JWS signing input contains, so the two uses cannot be confused.
 */
public final class NoteSigner {

    private final String name;
    private final Ed25519PrivateKey key;
    private final NoteVerifier verifier;

    private NoteSigner(String name, Ed25519PrivateKey key) {
        this.name = NoteKeys.requireName(name);
        this.key = key;
        this.verifier = NoteVerifier.of(name, key.publicKey());
    }

    public static NoteSigner generate(String name) {
        return new NoteSigner(name, Ed25519PrivateKey.generate());
    }

    /** From the 32-byte private seed (RFC 8032), as golang.org/x/mod/sumdb/note keeps it. */
    public static NoteSigner fromSeed(String name, byte[] seed) {
        return new NoteSigner(name, Ed25519PrivateKey.fromSeed(seed));
    }

    public static NoteSigner of(String name, SigningKey key) {
        return new NoteSigner(name, Ed25519PrivateKey.of(key));
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return verifier.keyId();
    }

    /** The public half, for readers. */
    public NoteVerifier verifier() {
        return verifier;
    }

    /** Signs a note's text (which must end in a newline to be a note). */
    public NoteSignature sign(String text) {
        return new NoteSignature(name, keyId(), key.sign(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifier.vkey() + "]"; // never the private part
    }
}
