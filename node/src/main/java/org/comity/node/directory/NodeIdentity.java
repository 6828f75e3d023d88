package org.comity.node.directory;

import java.util.List;
import java.util.Map;
import org.comity.custody.envelope.Keyring;
import org.comity.custody.envelope.PeerKeys;
import org.comity.custody.keys.SigningKey;
import org.comity.node.platform.Actor;

/**
 * This node's keys and the keys of the nodes it trusts. The signing and encryption keys are
 * generated on the first start; a rotation creates new ones and leaves the old ones valid for the
 * configured overlap, so peers holding the previous trust list are not refused meanwhile.
 */
public interface NodeIdentity {

    /** The newest signing key: what this node signs envelopes and receipts with. */
    SigningKey signingKey();

    /** The private encryption keys still valid, by key id. */
    Keyring keyring();

    /** The signing keys of trusted nodes (the trust list in force), valid at the instant asked. */
    PeerKeys peerKeys();

    /** The public JWKs peers may use now: the current keys and those in their overlap. */
    List<Map<String, Object>> publicJwks();

    List<NodeKeyInfo> keys();

    /** New signing and encryption keys; the old ones stay valid for the overlap. Administrators only; audited. */
    List<NodeKeyInfo> rotate(Actor actor);
}
