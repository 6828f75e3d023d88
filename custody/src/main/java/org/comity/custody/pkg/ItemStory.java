package org.comity.custody.pkg;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.manifest.ManifestItem;

/**
 * The life of one item as its package tells it: what was collected, how, and every hand it passed
 * through, in ledger order. Only events that could be read are in it; the checks say whether to believe them.
 */
public record ItemStory(ManifestItem item, List<Step> steps) {

    public ItemStory {
        steps = List.copyOf(steps);
    }

    /**
     * One step: when, what, who (and for which authority), where, with what, why, under what
     * authority, and at which ledger index it was recorded.
     */
    public record Step(Instant at, String action, String actor, String role, String authority, String node, String state, String tool,
            String reason, Optional<String> legalAuthority, long ledgerIndex) {

        static Step of(long index, CustodyEvent e) {
            return new Step(e.at(), e.action().json(), e.actor().name(), e.actor().role(), e.actor().authorityName(), e.node(), e.state(),
                    e.tool().name() + " " + e.tool().version(), e.reason(),
                    e.authority().map(a -> a.instrument() + ", " + a.reference()), index);
        }
    }
}
