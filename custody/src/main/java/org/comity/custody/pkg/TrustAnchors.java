package org.comity.custody.pkg;

import java.util.Optional;
import org.comity.custody.checkpoint.NoteVerifier;

/**
 * Keys the person verifying already trusts, from outside the package (the producing state's trust
 * list, a letter from its central authority). Without them a verifier can only say the package is
 * consistent with the keys it names itself; with them, that those keys are the right ones.
 *
 * @param nodeKeyId the RFC 7638 thumbprint of the producing node's signing key
 * @param ledgerKey the producing node's ledger key (a note verifier key)
 */
public record TrustAnchors(Optional<String> nodeKeyId, Optional<NoteVerifier> ledgerKey) {

    public static TrustAnchors none() {
        return new TrustAnchors(Optional.empty(), Optional.empty());
    }

    public TrustAnchors withNodeKey(String kid) {
        return new TrustAnchors(Optional.of(kid), ledgerKey);
    }

    public TrustAnchors withLedgerKey(NoteVerifier key) {
        return new TrustAnchors(nodeKeyId, Optional.of(key));
    }
}
