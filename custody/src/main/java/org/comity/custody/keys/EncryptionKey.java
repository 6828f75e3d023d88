package org.comity.custody.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;

/** A node's P-256 key for ECDH-ES: peers encrypt envelopes to its public half. */
public final class EncryptionKey {

    private final ECKey jwk;

    private EncryptionKey(ECKey jwk) {
        if (!Curve.P_256.equals(jwk.getCurve()) || !jwk.isPrivate()) {
            throw new IllegalArgumentException("not a private P-256 key");
        }
        this.jwk = jwk;
    }

    public static EncryptionKey generate() {
        try {
            return new EncryptionKey(new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION).keyIDFromThumbprint(true).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static EncryptionKey fromPrivateJson(String json) {
        try {
            return new EncryptionKey(ECKey.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a private P-256 JWK", e);
        }
    }

    public String kid() {
        return jwk.getKeyID();
    }

    public ECKey privateJwk() {
        return jwk;
    }

    public ECKey publicJwk() {
        return jwk.toPublicJWK();
    }

    public String toPrivateJson() {
        return jwk.toJSONString();
    }

    @Override
    public String toString() {
        return "EncryptionKey[" + kid() + "]";
    }
}
