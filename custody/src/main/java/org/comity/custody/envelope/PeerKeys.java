package org.comity.custody.envelope;

import com.nimbusds.jose.jwk.OctetKeyPair;
import java.time.Instant;
import java.util.Optional;

/**
 * The signing keys of the nodes this node trusts (from the trust list and pinned peers).
 * Implementations answer only keys valid at the given instant; a revoked key is never answered.
 */
@FunctionalInterface
public interface PeerKeys {

    Optional<PeerKey> signingKey(String kid, Instant at);

    /** A trusted node's public signing key. */
    record PeerKey(String nodeId, OctetKeyPair key) {}
}
