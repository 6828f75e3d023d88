package org.comity.node.ledger.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.checkpoint.Witness;
import org.comity.custody.trust.TrustList;
import org.comity.node.directory.Federation;
import org.comity.node.platform.ComityProperties;
import org.springframework.stereotype.Component;

/**
 * The other nodes whose ledgers this node witnesses and who witness this node's: the trusted nodes
 * (trust list and pinned peers) that publish a ledger key. A node's ledger key, under the ledger's
 * origin, both signs its checkpoints and cosigns its peers'.
 */
@Component
class Peers {

    /** A trusted node's ledger: where it is, its origin, and its key as log and as witness. */
    record PeerLedger(String nodeId, URI endpoint, NoteVerifier logKey) {
        String origin() {
            return logKey.name();
        }

        Witness witness() {
            return Witness.of(logKey.name(), logKey.publicKey());
        }
    }

    private final Federation federation;
    private final String self;

    Peers(Federation federation, ComityProperties properties) {
        this.federation = federation;
        this.self = properties.node().id();
    }

    List<PeerLedger> all() {
        return federation.trusted().map(TrustList::nodes).orElse(List.of()).stream()
                .filter(n -> !n.id().equals(self) && n.ledger() != null)
                .map(n -> new PeerLedger(n.id(), n.endpoint(), NoteVerifier.parse(n.ledger())))
                .toList();
    }

    Optional<PeerLedger> byOrigin(String origin) {
        return all().stream().filter(p -> p.origin().equals(origin)).findFirst();
    }

    Optional<PeerLedger> byNode(String nodeId) {
        return all().stream().filter(p -> p.nodeId().equals(nodeId)).findFirst();
    }
}
