package org.comity.custody.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.util.Set;

/** Lets Nimbus verify EdDSA (Ed25519) with Bouncy Castle. Only the algorithm EdDSA is accepted. */
public final class Ed25519JwsVerifier implements JWSVerifier {

    private final OctetKeyPair publicKey;
    private final JCAContext jca = new JCAContext();

    public Ed25519JwsVerifier(OctetKeyPair publicKey) {
        this.publicKey = publicKey;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) {
        return JWSAlgorithm.EdDSA.equals(header.getAlgorithm())
                && header.getCriticalParams() == null
                && Signatures.valid(publicKey, signedContent, signature.decode());
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }
}
