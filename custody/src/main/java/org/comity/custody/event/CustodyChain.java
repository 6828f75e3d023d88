package org.comity.custody.event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The continuity a court looks for in one exhibit's custody events, taken in ledger order: each
 * event names the hash of the one before, time never runs backwards, the chain starts where the
 * exhibit entered the node's hands (acquired, or received from elsewhere), nothing follows its
 * disposal, and where one event says what hash came out and the next what went in, they agree.
 */
public final class CustodyChain {

    private CustodyChain() {}

    /** Every break in the chain of {@code events}, which are one exhibit's events in ledger order; empty when it is unbroken. */
    public static List<ChainBreak> breaks(List<CustodyEvent> events) {
        List<ChainBreak> breaks = new ArrayList<>();
        if (events.isEmpty()) {
            breaks.add(new ChainBreak(0, new UUID(0, 0), "the exhibit has no custody events"));
            return breaks;
        }
        CustodyEvent first = events.getFirst();
        if (first.action() != CustodyAction.ACQUIRE && first.action() != CustodyAction.RECEIVE) {
            breaks.add(new ChainBreak(1, first.id(), "the first event is " + first.action().json()
                    + ", not the exhibit's acquisition or its receipt from elsewhere"));
        }
        if (first.previous().isPresent()) {
            breaks.add(new ChainBreak(1, first.id(), "the first event names a previous event that is not in the chain"));
        }
        Set<UUID> ids = new HashSet<>();
        ids.add(first.id());
        for (int i = 1; i < events.size(); i++) {
            CustodyEvent before = events.get(i - 1);
            CustodyEvent event = events.get(i);
            int position = i + 1;
            if (!event.exhibit().equals(first.exhibit())) {
                breaks.add(new ChainBreak(position, event.id(), "the event concerns another exhibit (" + event.exhibit() + ")"));
            }
            if (!ids.add(event.id())) {
                breaks.add(new ChainBreak(position, event.id(), "the event appears twice"));
            }
            if (!event.previous().equals(Optional.of(before.sha256()))) {
                breaks.add(new ChainBreak(position, event.id(), "the event does not name the event before it (" + before.action().json() + " at "
                        + before.at() + ") as its previous one"));
            }
            if (event.at().isBefore(before.at())) {
                breaks.add(new ChainBreak(position, event.id(), "the event is dated " + event.at() + ", before the event ahead of it (" + before.at() + ")"));
            }
            if (before.action() == CustodyAction.DISPOSE) {
                breaks.add(new ChainBreak(position, event.id(), "the event follows the exhibit's disposal"));
            }
            if (before.outputSha256().isPresent() && event.inputSha256().isPresent() && !before.outputSha256().equals(event.inputSha256())) {
                breaks.add(new ChainBreak(position, event.id(), "the event received bytes with hash " + event.inputSha256().get()
                        + ", but the event before it produced " + before.outputSha256().get()));
            }
        }
        return breaks;
    }

    /** The hash of the exhibit's bytes as its chain last recorded them: the latest output hash, or else the latest input hash. */
    public static Optional<String> lastKnownSha256(List<CustodyEvent> events) {
        for (CustodyEvent event : events.reversed()) {
            if (event.outputSha256().isPresent()) {
                return event.outputSha256();
            }
            if (event.inputSha256().isPresent()) {
                return event.inputSha256();
            }
        }
        return Optional.empty();
    }
}
