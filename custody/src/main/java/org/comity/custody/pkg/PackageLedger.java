package org.comity.custody.pkg;

import org.comity.custody.manifest.LedgerRef;

/**
 * One node's ledger in a package: what the manifest says about it (origin, key, node, witnesses and
 * quorum, as the producing node's trust list gives them) and the excerpt of it the package carries
 * (the producer's own, or one a peer sent with the evidence and the producer verified and kept).
 */
public record PackageLedger(LedgerRef ledger, LedgerExcerpt excerpt) {

    public PackageLedger {
        if (ledger == null || excerpt == null) {
            throw new IllegalArgumentException("a package's ledger has its description and its excerpt");
        }
        if (!ledger.origin().equals(excerpt.ledger())) {
            throw new IllegalArgumentException("the excerpt is of ledger " + excerpt.ledger() + ", not " + ledger.origin());
        }
    }
}
