package org.comity.custody.pkg;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.manifest.ManifestItem;

/**
 * The life of one item as its package tells it: what was collected, how, and every hand it passed
 * through, in chain order across the nodes' ledgers. Only events that could be read are in it; the
 * checks say whether to believe them.
 */
public record ItemStory(ManifestItem item, List<Step> steps) {

    public ItemStory {
        steps = List.copyOf(steps);
    }

    /** Where the item passed from one node to another: a transfer and the receipt that follows it in another node's ledger. */
    public List<HandOver> handOvers() {
        List<HandOver> handOvers = new ArrayList<>();
        for (int i = 1; i < steps.size(); i++) {
            if (!steps.get(i).ledger().equals(steps.get(i - 1).ledger())) {
                handOvers.add(new HandOver(steps.get(i - 1), steps.get(i)));
            }
        }
        return handOvers;
    }

    /**
     * One step: when, what, who (and for which authority), where, with what, why, under what
     * authority, and where it was recorded (the ledger's origin and the entry's index).
     */
    public record Step(Instant at, String action, String actor, String role, String authority, String node, String state, String tool,
            String reason, Optional<String> legalAuthority, String ledger, long ledgerIndex) {

        static Step of(LoggedEvent logged) {
            var e = logged.event();
            return new Step(e.at(), e.action().json(), e.actor().name(), e.actor().role(), e.actor().authorityName(), e.node(), e.state(),
                    e.tool().name() + " " + e.tool().version(), e.reason(),
                    e.authority().map(a -> a.instrument() + ", " + a.reference()), logged.ledger(), logged.index());
        }
    }

    /** The item leaving one node's ledger ({@code sent}, a transfer when the chain holds) and entering another's ({@code received}). */
    public record HandOver(Step sent, Step received) {}
}
