package org.comity.custody.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.comity.custody.keys.SigningKey;

/**
 * A witness's private key (signature type 0x04) under its name: what cosigns a checkpoint once the
 * witness has checked it is consistent with all it saw before. That check is the witness's; this
 * only signs.
 */
public final class Cosigner {

    private final String name;
    private final Ed25519PrivateKey key;
    private final Witness witness;

    private Cosigner(String name, Ed25519PrivateKey key) {
        this.name = NoteKeys.requireName(name);
        this.key = key;
        this.witness = Witness.of(name, key.publicKey());
    }

    public static Cosigner generate(String name) {
        return new Cosigner(name, Ed25519PrivateKey.generate());
    }

    /** From the 32-byte private seed (RFC 8032). */
    public static Cosigner fromSeed(String name, byte[] seed) {
        return new Cosigner(name, Ed25519PrivateKey.fromSeed(seed));
    }

    /**
     * With a node's signing key. The key must not also cosign under another name: the cosignature
     * message does not include the witness's name (the spec's rule for Ed25519 cosigners).
     */
    public static Cosigner of(String name, SigningKey key) {
        return new Cosigner(name, Ed25519PrivateKey.of(key));
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return witness.keyId();
    }

    /** The public half, as clients configure it. */
    public Witness witness() {
        return witness;
    }

    /** Cosigns {@code checkpoint} as of {@code at}, truncated to the second. */
    public Cosignature cosign(Checkpoint checkpoint, Instant at) {
        long timestamp = at.getEpochSecond();
        if (timestamp < 0) {
            throw new IllegalArgumentException("a cosignature's time is from the epoch on");
        }
        byte[] signature = key.sign(Cosignature.message(checkpoint, timestamp).getBytes(StandardCharsets.UTF_8));
        return new Cosignature(name, keyId(), timestamp, signature);
    }

    @Override
    public String toString() {
        return "Cosigner[" + witness.vkey() + "]"; // never the private part
    }
}
