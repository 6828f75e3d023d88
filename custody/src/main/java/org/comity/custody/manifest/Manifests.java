package org.comity.custody.manifest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.time.Instant;
import java.util.regex.Pattern;
import org.comity.custody.json.FieldException;

/** The value rules the manifest's parts share. */
final class Manifests {

    private static final Pattern NODE_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,31}");
    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final long LAST_MILLI = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private Manifests() {}

    static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new FieldException(field, "must be a non-empty text of at most " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
            if (c < 0x20 || c == 0x7f || (Character.isSurrogate(c) && !paired)) {
                throw new FieldException(field, "must not hold control characters or broken Unicode");
            }
            if (paired) {
                i++;
            }
        }
        return value;
    }

    static void nodeId(String field, String value) {
        if (value == null || !NODE_ID.matcher(value).matches()) {
            throw new FieldException(field, "must be a node id such as XA");
        }
    }

    static void state(String field, String value) {
        if (value == null || !STATE.matcher(value).matches()) {
            throw new FieldException(field, "must be a two-letter state code such as XA");
        }
    }

    static void sha256(String field, String value) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new FieldException(field, "must be a SHA-256 digest in 64 lower-case hex digits");
        }
    }

    static void millis(String field, Instant at) {
        if (at.getNano() % 1_000_000 != 0 || at.toEpochMilli() < 0 || at.toEpochMilli() > LAST_MILLI) {
            throw new FieldException(field, "must be a time from 1970 to 9999 in whole milliseconds");
        }
    }

    /** The public key alone (crv, kty, x and kid), whose kid must be its RFC 7638 thumbprint. */
    static OctetKeyPair publicJwk(OctetKeyPair key) {
        try {
            if (!key.computeThumbprint().toString().equals(key.getKeyID())) {
                throw new FieldException("producer.signingKey.kid", "must be the key's RFC 7638 thumbprint");
            }
            return new OctetKeyPair.Builder(Curve.Ed25519, key.getX()).keyID(key.getKeyID()).build();
        } catch (JOSEException e) {
            throw new FieldException("producer.signingKey", "is not an Ed25519 key");
        }
    }

    /** A public Ed25519 JWK from its x and kid. */
    static OctetKeyPair jwk(String x, String kid) {
        Base64URL decoded = new Base64URL(x);
        if (decoded.decode().length != 32 || !Base64URL.encode(decoded.decode()).toString().equals(x)) {
            throw new FieldException("producer.signingKey.x", "must be a 32-byte key in unpadded base64url");
        }
        return publicJwk(new OctetKeyPair.Builder(Curve.Ed25519, decoded).keyID(kid).build());
    }
}
