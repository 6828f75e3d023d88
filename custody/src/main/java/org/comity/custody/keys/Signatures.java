package org.comity.custody.keys;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Checking an Ed25519 signature against a public JWK. */
public final class Signatures {

    private Signatures() {}

    public static boolean valid(OctetKeyPair publicKey, byte[] message, byte[] signature) {
        if (!Curve.Ed25519.equals(publicKey.getCurve()) || signature.length != 64) {
            return false;
        }
        byte[] x = publicKey.getDecodedX();
        if (x.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        try {
            verifier.init(false, new Ed25519PublicKeyParameters(x, 0));
        } catch (IllegalArgumentException e) {
            return false;
        }
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
