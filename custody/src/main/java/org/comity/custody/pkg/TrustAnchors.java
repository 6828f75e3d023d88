package org.comity.custody.pkg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.comity.custody.checkpoint.NoteVerifier;

/**
 * Keys the person verifying already trusts, from outside the package (the states' trust list, a
 * letter from a central authority). Without them a verifier can only say the package is consistent
 * with the keys it names itself; with them, that those keys are the right ones.
 *
 * @param nodeKeyId the RFC 7638 thumbprint of the producing node's signing key
 * @param ledgerKeys ledger keys (note verifier keys), each naming its ledger by its key name, the
 *     ledger's origin; at most one per ledger. Keys of ledgers the package does not have are not used.
 */
public record TrustAnchors(Optional<String> nodeKeyId, List<NoteVerifier> ledgerKeys) {

    public TrustAnchors {
        ledgerKeys = List.copyOf(ledgerKeys);
        if (ledgerKeys.stream().map(NoteVerifier::name).distinct().count() != ledgerKeys.size()) {
            throw new IllegalArgumentException("one trusted key per ledger: two keys are given for one ledger");
        }
    }

    public static TrustAnchors none() {
        return new TrustAnchors(Optional.empty(), List.of());
    }

    public TrustAnchors withNodeKey(String kid) {
        return new TrustAnchors(Optional.of(kid), ledgerKeys);
    }

    /** These anchors and the key of one more ledger. @throws IllegalArgumentException if a key of that ledger is already trusted */
    public TrustAnchors withLedgerKey(NoteVerifier key) {
        List<NoteVerifier> keys = new ArrayList<>(ledgerKeys);
        keys.add(key);
        return new TrustAnchors(nodeKeyId, keys);
    }

    /** The key trusted for the ledger of this origin, if any. */
    public Optional<NoteVerifier> ledgerKey(String origin) {
        return ledgerKeys.stream().filter(k -> k.name().equals(origin)).findFirst();
    }
}
