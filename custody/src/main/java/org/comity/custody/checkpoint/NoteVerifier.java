package org.comity.custody.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * An Ed25519 public key that signs notes (signature type 0x01), with its key name and id: how a
 * reader is configured with a log's key, from the key or from its vkey text
 * ({@code <name>+<key id>+<base64(0x01 || key)>}).
 */
public final class NoteVerifier {

    private final String name;
    private final byte[] publicKey;
    private final Ed25519PublicKeyParameters key;
    private final int keyId;

    private NoteVerifier(String name, byte[] publicKey) {
        this.name = NoteKeys.requireName(name);
        this.key = NoteKeys.publicKey(publicKey);
        this.publicKey = publicKey.clone();
        this.keyId = NoteKeys.keyId(name, NoteKeys.ED25519, publicKey);
    }

    /** @throws IllegalArgumentException if the name is not a key name or the key not an Ed25519 public key */
    public static NoteVerifier of(String name, byte[] publicKey) {
        return new NoteVerifier(name, publicKey);
    }

    /** Reads a vkey, checking its key id. @throws IllegalArgumentException naming what is wrong */
    public static NoteVerifier parse(String vkey) {
        Map.Entry<String, byte[]> parsed = NoteKeys.parseVkey(vkey, NoteKeys.ED25519);
        return new NoteVerifier(parsed.getKey(), parsed.getValue());
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return keyId;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The key's text form, to configure readers with. */
    public String vkey() {
        return NoteKeys.vkey(name, NoteKeys.ED25519, publicKey);
    }

    /** Whether this key made {@code signature} over {@code text}: the name and id must be this key's. */
    public boolean verifies(String text, NoteSignature signature) {
        return signature.isBy(name, keyId) && NoteKeys.verifies(key, text.getBytes(StandardCharsets.UTF_8), signature.signature());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteVerifier other && name.equals(other.name) && java.util.Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return vkey();
    }
}
