package org.comity.custody.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A witness as a client trusts it: its name and Ed25519 public key, whose key id uses signature
 * type 0x04 (cosignature/v1). Its vkey text form is {@code <name>+<key id>+<base64(0x04 || key)>}.
 */
public final class Witness {

    private final String name;
    private final byte[] publicKey;
    private final Ed25519PublicKeyParameters key;
    private final int keyId;

    private Witness(String name, byte[] publicKey) {
        this.name = NoteKeys.requireName(name);
        this.key = NoteKeys.publicKey(publicKey);
        this.publicKey = publicKey.clone();
        this.keyId = NoteKeys.keyId(name, NoteKeys.COSIGNATURE_V1, publicKey);
    }

    /** @throws IllegalArgumentException if the name is not a key name or the key not an Ed25519 public key */
    public static Witness of(String name, byte[] publicKey) {
        return new Witness(name, publicKey);
    }

    /** Reads a vkey of type 0x04, checking its key id. @throws IllegalArgumentException naming what is wrong */
    public static Witness parse(String vkey) {
        Map.Entry<String, byte[]> parsed = NoteKeys.parseVkey(vkey, NoteKeys.COSIGNATURE_V1);
        return new Witness(parsed.getKey(), parsed.getValue());
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

    public String vkey() {
        return NoteKeys.vkey(name, NoteKeys.COSIGNATURE_V1, publicKey);
    }

    /** Whether this witness made {@code cosignature} of {@code checkpoint}: its name and key id, and the signature. */
    public boolean verifies(Checkpoint checkpoint, Cosignature cosignature) {
        return cosignature.witness().equals(name) && cosignature.keyId() == keyId
                && NoteKeys.verifies(key, Cosignature.message(checkpoint, cosignature.timestamp()).getBytes(StandardCharsets.UTF_8),
                        cosignature.signature());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Witness other && name.equals(other.name) && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return vkey();
    }
}
