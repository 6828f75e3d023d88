package org.comity.custody.manifest;

import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.json.FieldException;

/**
 * One node's custody ledger as a package relies on it (docs/formats/ledger.md): its origin, the
 * note key that signs its checkpoints (whose key name is the origin), the node that keeps it, and
 * the witnesses expected to cosign its checkpoints with how many of them must.
 */
public record LedgerRef(String origin, NoteVerifier key, NodeRef node, WitnessPolicy witnesses) {

    public LedgerRef {
        Manifests.text("origin", origin, 300);
        if (key == null || node == null || witnesses == null) {
            throw new FieldException("ledgers", "a ledger names its key, its node and its witnesses");
        }
        if (!key.name().equals(origin)) {
            throw new FieldException("vkey", "must be the key of ledger " + origin + " (a ledger key's name is its origin), not of " + key.name());
        }
    }

    /** What a reader of this ledger trusts: its origin, its key, and its witnesses with their quorum. */
    public LogPolicy policy() {
        return LogPolicy.of(origin, key).withWitnesses(witnesses.witnesses(), witnesses.quorum());
    }
}
