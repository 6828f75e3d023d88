package org.comity.custody.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.util.Set;

/** Lets Nimbus sign EdDSA (Ed25519) with Bouncy Castle instead of its optional Tink dependency. */
public final class Ed25519JwsSigner implements JWSSigner {

    private final SigningKey key;
    private final JCAContext jca = new JCAContext();

    public Ed25519JwsSigner(SigningKey key) {
        this.key = key;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) && !JWSAlgorithm.Ed25519.equals(header.getAlgorithm())) {
            throw new JOSEException("only EdDSA");
        }
        return Base64URL.encode(key.sign(signingInput));
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
