package org.comity.custody.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * What signed-note keys share: key names, key ids, the vkey text form and Ed25519 verification
 * (c2sp.org/signed-note; vkeys as golang.org/x/mod/sumdb/note writes them).
 */
final class NoteKeys {

    /** Signature type of plain Ed25519 note signatures. */
    static final byte ED25519 = 0x01;
    /** Signature type of timestamped Ed25519 witness cosignatures (c2sp.org/tlog-cosignature). */
    static final byte COSIGNATURE_V1 = 0x04;

    private NoteKeys() {}

    /** Key names are non-empty, hold no Unicode space, no plus sign (the vkey separator), no control character. */
    static boolean validName(String name) {
        if (name == null || name.isEmpty() || !NoteText.wellFormed(name)) {
            return false;
        }
        return name.codePoints().noneMatch(c -> c == '+' || c < 0x20 || c == 0x85 || Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    static String requireName(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces, plus signs or control characters: " + name);
        }
        return name;
    }

    /** SHA-256(name || 0x0A || type || public key)[:4], big-endian. */
    static int keyId(String name, byte type, byte[] publicKey) {
        MessageDigest sha256 = sha256();
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(type);
        sha256.update(publicKey);
        byte[] digest = sha256.digest();
        return (digest[0] & 0xff) << 24 | (digest[1] & 0xff) << 16 | (digest[2] & 0xff) << 8 | digest[3] & 0xff;
    }

    /** {@code <name>+<key id in 8 hex digits>+<base64(type || public key)>}. */
    static String vkey(String name, byte type, byte[] publicKey) {
        byte[] typed = new byte[publicKey.length + 1];
        typed[0] = type;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return name + "+" + HexFormat.of().toHexDigits(keyId(name, type, publicKey)) + "+" + StrictBase64.encode(typed);
    }

    /** Reads a vkey of the given signature type, checking its key id; the name and 32-byte key. */
    static Map.Entry<String, byte[]> parseVkey(String vkey, byte type) {
        // The name holds no plus sign and the key id none; the base64 key may.
        String[] parts = vkey == null ? new String[0] : vkey.split("\\+", 3);
        if (parts.length != 3 || !validName(parts[0]) || !parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a verifier key reads <name>+<8 hex digits>+<base64 key>: " + vkey);
        }
        byte[] typed = StrictBase64.decode(parts[2])
                .orElseThrow(() -> new IllegalArgumentException("the key of " + parts[0] + " is not base64"));
        if (typed.length != 33 || typed[0] != type) {
            throw new IllegalArgumentException("the key of " + parts[0] + " is not an Ed25519 key of signature type 0x0" + type);
        }
        byte[] publicKey = Arrays.copyOfRange(typed, 1, 33);
        if (!HexFormat.of().toHexDigits(keyId(parts[0], type, publicKey)).equals(parts[1])) {
            throw new IllegalArgumentException("the key id of " + parts[0] + " does not match its key");
        }
        return Map.entry(parts[0], publicKey);
    }

    /** Bouncy Castle's view of a 32-byte public key, refusing bytes that are not a point of the curve. */
    static Ed25519PublicKeyParameters publicKey(byte[] publicKey) {
        if (publicKey == null || publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        try {
            return new Ed25519PublicKeyParameters(publicKey, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
    }

    static boolean verifies(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
