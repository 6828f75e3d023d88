package org.comity.custody.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.SecureRandom;
import java.text.ParseException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 private key (a node's or a directory's), its public JWK, and signing with it. */
public final class SigningKey {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final OctetKeyPair jwk;
    private final Ed25519PrivateKeyParameters privateKey;

    private SigningKey(OctetKeyPair jwk) {
        if (!Curve.Ed25519.equals(jwk.getCurve()) || !jwk.isPrivate()) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        this.jwk = jwk;
        this.privateKey = new Ed25519PrivateKeyParameters(jwk.getDecodedD(), 0);
    }

    public static SigningKey generate() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(RANDOM);
        OctetKeyPair bare = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(key.generatePublicKey().getEncoded()))
                .d(Base64URL.encode(key.getEncoded())).keyUse(KeyUse.SIGNATURE).build();
        try {
            return new SigningKey(new OctetKeyPair.Builder(bare).keyIDFromThumbprint().build());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a private key written by {@link #toPrivateJson()}. */
    public static SigningKey fromPrivateJson(String json) {
        try {
            return new SigningKey(OctetKeyPair.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a private Ed25519 JWK", e);
        }
    }

    public String kid() {
        return jwk.getKeyID();
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** The public half, safe to publish. */
    public OctetKeyPair publicJwk() {
        return jwk.toPublicJWK();
    }

    /** The private JWK as JSON: a secret, to be sealed before it is stored. */
    public String toPrivateJson() {
        return jwk.toJSONString();
    }

    @Override
    public String toString() {
        return "SigningKey[" + kid() + "]"; // never the private part
    }
}
