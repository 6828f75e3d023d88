package org.comity.custody.manifest;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.comity.custody.json.FieldException;

/**
 * The node that produced a package: which of the package's ledgers is its own (by origin; the
 * manifest's ledger entry names the node) and the Ed25519 key that signs the manifest (a public JWK
 * whose key id is its RFC 7638 thumbprint, as the trust list publishes it).
 */
public record Producer(String ledger, OctetKeyPair signingKey) {

    public Producer {
        Manifests.text("producer.ledger", ledger, 300);
        if (signingKey == null || !Curve.Ed25519.equals(signingKey.getCurve()) || signingKey.isPrivate() || signingKey.getKeyID() == null) {
            throw new FieldException("producer.signingKey", "must be a public Ed25519 JWK with a kid");
        }
        signingKey = Manifests.publicJwk(signingKey);
    }
}
