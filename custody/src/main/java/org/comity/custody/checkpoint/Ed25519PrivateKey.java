package org.comity.custody.checkpoint;

import java.security.SecureRandom;
import java.util.function.UnaryOperator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.comity.custody.keys.SigningKey;

/** The private half behind a note signer or a cosigner: a node's {@link SigningKey}, or a bare Ed25519 seed. */
final class Ed25519PrivateKey {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] publicKey;
    private final UnaryOperator<byte[]> sign;

    private Ed25519PrivateKey(byte[] publicKey, UnaryOperator<byte[]> sign) {
        this.publicKey = publicKey;
        this.sign = sign;
    }

    static Ed25519PrivateKey generate() {
        byte[] seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
        RANDOM.nextBytes(seed);
        return fromSeed(seed);
    }

    static Ed25519PrivateKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
        }
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed, 0);
        return new Ed25519PrivateKey(key.generatePublicKey().getEncoded(), message -> {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(message, 0, message.length);
            return signer.generateSignature();
        });
    }

    static Ed25519PrivateKey of(SigningKey key) {
        return new Ed25519PrivateKey(key.publicJwk().getDecodedX(), key::sign);
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] sign(byte[] message) {
        return sign.apply(message);
    }
}
