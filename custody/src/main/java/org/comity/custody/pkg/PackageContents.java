package org.comity.custody.pkg;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.comity.custody.manifest.Producer;
import org.comity.custody.manifest.RequestRef;

/**
 * Everything a package is written from: who produces it (which of the ledgers is its own, and the
 * key that signs) for which request, the items, and the ledgers whose excerpts prove their custody,
 * in the order the evidence passed through them (the sender's first, the producer's last, by custom).
 */
public record PackageContents(UUID id, Instant createdAt, Producer producer, RequestRef request, List<ItemSource> items,
        List<PackageLedger> ledgers) {

    public PackageContents {
        items = List.copyOf(items);
        ledgers = List.copyOf(ledgers);
    }
}
