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

    /** What this node trusts now: the trust list in force joined by the pinned peers it does not name. */
    Optional<TrustList> trusted();

    /** The peers pinned by an administrator, as they described themselves. */
    java.util.List<TrustList.NodeEntry> pinned();

    /**
     * Pins a peer from its own description ({@code /.well-known/comity-node.json}); the administrator
     * confirms the signing key id obtained out of band. A 422 when the description is invalid, names
     * no such key, or clashes with what is trusted already. Audited.
     */
    TrustList.NodeEntry pin(Actor actor, String description, String confirmedSigningKid);

    void unpin(Actor actor, String nodeId);

    /** How to reach a trusted node now: its endpoint and its newest valid encryption key. */
    Optional<Peer> peer(String nodeId);

    record Peer(String id, java.net.URI endpoint, com.nimbusds.jose.jwk.ECKey encryptionKey) {}
}
