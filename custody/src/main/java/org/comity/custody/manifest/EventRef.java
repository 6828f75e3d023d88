package org.comity.custody.manifest;

import java.util.UUID;
import org.comity.custody.json.FieldException;

/**
 * One custody event of an item as the manifest pins it: its id, its index in the producer's ledger
 * and the SHA-256 of its canonical bytes, so the signature over the manifest covers every event.
 */
public record EventRef(UUID id, long index, String sha256) {

    public EventRef {
        if (id == null || index < 0) {
            throw new FieldException("custody", "an event reference has an id and a ledger index");
        }
        Manifests.sha256("custody.sha256", sha256);
    }
}
