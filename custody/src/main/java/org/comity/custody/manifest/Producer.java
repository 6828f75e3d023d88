package org.comity.custody.manifest;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.json.FieldException;

/**
 * The node that produced a package: its id, name and state, its custody ledger (origin and the
 * ledger's note key, which signs checkpoints) and the Ed25519 key that signs the manifest (a public
 * JWK whose key id is its RFC 7638 thumbprint, as the trust list publishes it).
 */
public record Producer(String node, String name, String state, String ledgerOrigin, NoteVerifier ledgerKey, OctetKeyPair signingKey) {

    public Producer {
        Manifests.nodeId("producer.node", node);
        Manifests.text("producer.name", name, 300);
        Manifests.state("producer.state", state);
        Manifests.text("producer.ledger.origin", ledgerOrigin, 300);
        if (ledgerKey == null) {
            throw new FieldException("producer.ledger.vkey", "is required");
        }
        if (signingKey == null || !Curve.Ed25519.equals(signingKey.getCurve()) || signingKey.isPrivate() || signingKey.getKeyID() == null) {
            throw new FieldException("producer.signingKey", "must be a public Ed25519 JWK with a kid");
        }
        signingKey = Manifests.publicJwk(signingKey);
    }
}
