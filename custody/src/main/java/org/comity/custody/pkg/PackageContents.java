package org.comity.custody.pkg;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.comity.custody.manifest.Producer;
import org.comity.custody.manifest.RequestRef;
import org.comity.custody.manifest.WitnessPolicy;

/** Everything a package is written from: who produces it for which request, the items, and the ledger excerpt that proves their custody. */
public record PackageContents(UUID id, Instant createdAt, Producer producer, WitnessPolicy witnesses, RequestRef request, List<ItemSource> items,
        LedgerExcerpt ledger) {

    public PackageContents {
        items = List.copyOf(items);
    }
}
