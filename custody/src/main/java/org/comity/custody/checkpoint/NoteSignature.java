package org.comity.custody.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One signature line of a signed note: {@code — <key name> base64(key id || signature)}. The key
 * name and id say which key made it; what the signature bytes mean depends on the key's type.
 *
 * @param keyId the 32-bit key id, big-endian in the encoded line
 * @param signature the signature bytes after the key id (64 for Ed25519, 72 for a cosignature)
 */
public record NoteSignature(String keyName, int keyId, byte[] signature) {

    public NoteSignature {
        NoteKeys.requireName(keyName);
        if (signature == null || signature.length == 0) {
            throw new IllegalArgumentException("a note signature has signature bytes");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The line as it appears in the note, newline included. */
    public String line() {
        byte[] bytes = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
        return "\u2014 " + keyName + " " + StrictBase64.encode(bytes) + "\n";
    }

    /** Whether this signature is by the key of this name and id (a match of both, as the spec requires). */
    public boolean isBy(String name, int id) {
        return keyName.equals(name) && keyId == id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature other && keyName.equals(other.keyName) && keyId == other.keyId
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * keyName.hashCode() + keyId) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "NoteSignature[" + keyName + "+" + HexFormat.of().toHexDigits(keyId) + "]";
    }
}
