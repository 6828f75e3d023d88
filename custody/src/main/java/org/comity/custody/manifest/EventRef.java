package org.comity.custody.manifest;

import java.util.UUID;
import org.comity.custody.json.FieldException;

/**
 * One custody event of an item as the manifest pins it: its id, the ledger that holds it (by
 * origin), its index there and the SHA-256 of its canonical bytes, so the signature over the
 * manifest covers every event of every node's ledger.
 */
public record EventRef(UUID id, String ledger, long index, String sha256) {

    public EventRef {
        if (id == null || index < 0) {
            throw new FieldException("custody", "an event reference has an id and a ledger index");
        }
        Manifests.text("custody.ledger", ledger, 300);
        Manifests.sha256("custody.sha256", sha256);
    }
}
