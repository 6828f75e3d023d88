package org.comity.node.directory;

import java.util.Optional;
import org.comity.custody.trust.TrustList;
import org.comity.node.platform.Actor;

/** The trust list in force: the federation's states, nodes, keys, authorities and 24/7 contacts. */
public interface Federation {

    Optional<TrustList> inForce();

    /**
     * Accepts a signed trust list if a configured directory key signed it and its serial is newer
     * than the one in force; otherwise a 422 naming the reason, and nothing changes. Audited either way.
     */
    TrustList accept(Actor actor, String signed);

    /** How to reach a node of the trust list now: its endpoint and its newest valid encryption key. */
    Optional<Peer> peer(String nodeId);

    record Peer(String id, java.net.URI endpoint, com.nimbusds.jose.jwk.ECKey encryptionKey) {}
}
