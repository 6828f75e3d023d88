package org.comity.custody.envelope;

import com.nimbusds.jose.jwk.ECKey;
import java.util.Optional;

/** This node's private encryption keys by key id: the current one and those still in their overlap after a rotation. */
@FunctionalInterface
public interface Keyring {

    Optional<ECKey> decryptionKey(String kid);
}
