package org.comity.custody.pkg;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.comity.custody.keys.EdDsaJws;
import org.comity.custody.keys.SigningKey;

/**
 * The detached signature over {@code manifest.json}: a compact JWS (RFC 7515) with an empty payload
 * part (appendix F), header {@code {"alg":"EdDSA","kid":<node key thumbprint>,"typ":"comity-manifest+jws"}},
 * signed by the producing node's Ed25519 key over the manifest's exact bytes. The file holds the
 * compact form alone, without a newline.
 */
public final class ManifestSignature {

    public static final JOSEObjectType TYPE = new JOSEObjectType("comity-manifest+jws");

    private ManifestSignature() {}

    public static String sign(byte[] manifest, SigningKey nodeKey) {
        return EdDsaJws.signDetached(nodeKey, TYPE, manifest);
    }

    /** Empty when {@code signature} is the node key's signature over exactly these bytes; otherwise what is wrong, in words. */
    public static Optional<String> problem(byte[] signature, byte[] manifest, OctetKeyPair nodeKey) {
        String compact = new String(signature, StandardCharsets.UTF_8);
        Optional<JWSObject> parsed = EdDsaJws.parseDetached(compact, manifest);
        if (parsed.isEmpty()) {
            return Optional.of("the signature file is not a detached compact JWS");
        }
        JWSObject jws = parsed.get();
        if (!EdDsaJws.hasShape(jws, TYPE)) {
            return Optional.of("the signature is not of the form the format fixes (EdDSA, typ comity-manifest+jws, a kid)");
        }
        if (!jws.getHeader().getKeyID().equals(nodeKey.getKeyID())) {
            return Optional.of("the signature names key " + jws.getHeader().getKeyID() + ", not the producing node's key " + nodeKey.getKeyID());
        }
        // One spelling only: base64url with spare bits set would decode to the same signature.
        String[] parts = compact.split("\\.", -1);
        if (!Base64URL.encode(jws.getSignature().decode()).toString().equals(parts[2])
                || !Base64URL.encode(jws.getHeader().toBase64URL().decode()).toString().equals(parts[0])) {
            return Optional.of("the signature is not in canonical base64url");
        }
        if (!EdDsaJws.verifies(jws, nodeKey)) {
            return Optional.of("the signature does not match the manifest: the manifest was changed after it was signed, or signed by another key");
        }
        return Optional.empty();
    }
}
