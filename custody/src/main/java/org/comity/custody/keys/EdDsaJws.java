package org.comity.custody.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.OctetKeyPair;

/** The one way Comity formats sign and check compact JWS: EdDSA (Ed25519), a kid and a typ. */
public final class EdDsaJws {

    private EdDsaJws() {}

    /** Signs {@code payload} as a compact JWS with header {@code {"alg":"EdDSA","kid":…,"typ":…}}. */
    public static String sign(SigningKey key, JOSEObjectType type, byte[] payload) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.kid()).type(type).build(), new Payload(payload));
            jws.sign(new Ed25519JwsSigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /**
     * Signs {@code payload} as a compact JWS with a detached payload (RFC 7515, appendix F):
     * {@code header..signature}, the signing input being the usual base64url of header and payload.
     * For a signature kept beside the bytes it covers, such as an evidence manifest's.
     */
    public static String signDetached(SigningKey key, JOSEObjectType type, byte[] payload) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.kid()).type(type).build(), new Payload(payload));
            jws.sign(new Ed25519JwsSigner(key));
            return jws.serialize(true);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** Reads a detached compact JWS over {@code payload}; empty when it is not one (its payload part must be empty). */
    public static java.util.Optional<JWSObject> parseDetached(String compact, byte[] payload) {
        if (compact == null || compact.length() > 16_384 || !compact.matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(JWSObject.parse(compact, new Payload(payload)));
        } catch (java.text.ParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether the header has this format's shape: alg EdDSA, the given typ, a kid, no crit. */
    public static boolean hasShape(JWSObject jws, JOSEObjectType type) {
        JWSHeader h = jws.getHeader();
        return JWSAlgorithm.EdDSA.equals(h.getAlgorithm()) && type.equals(h.getType()) && h.getKeyID() != null && h.getCriticalParams() == null;
    }

    /** Whether {@code publicKey} made the signature; a malformed signature is simply not valid. */
    public static boolean verifies(JWSObject jws, OctetKeyPair publicKey) {
        try {
            return jws.verify(new Ed25519JwsVerifier(publicKey));
        } catch (JOSEException e) {
            return false;
        }
    }
}
