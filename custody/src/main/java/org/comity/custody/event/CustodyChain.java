package org.comity.custody.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The continuity a court looks for in one exhibit's custody events, in chain order, across the
 * ledgers of the nodes it passed through (docs/formats/evidence-package.md, "The chain of custody of
 * one exhibit"): the chain starts where the exhibit entered Comity (acquired, or received from
 * outside); each later event names the hash of the one before; it moves from one node's ledger to
 * another's only from a transfer to its receipt; within one ledger the entries and times follow the
 * chain; across a hand-over the receipt is not dated before the transfer, give or take the clock
 * skew between two nodes; nothing follows disposal; and where one event says what hash came out and
 * the next what went in, they agree.
 */
public final class CustodyChain {

    /** How far two nodes' clocks may disagree at a hand-over: a receipt may be dated this much before its transfer. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    private CustodyChain() {}

    /** As {@link #breaks(List, Duration)}, allowing {@link #DEFAULT_CLOCK_SKEW} at a hand-over. */
    public static List<ChainBreak> breaks(List<LoggedEvent> chain) {
        return breaks(chain, DEFAULT_CLOCK_SKEW);
    }

    /**
     * Every break in {@code chain}, one exhibit's events in chain order (for events of one ledger,
     * ledger order); empty when it is unbroken.
     *
     * @param clockSkew how much earlier than its transfer a receipt recorded by another node may be dated
     */
    public static List<ChainBreak> breaks(List<LoggedEvent> chain, Duration clockSkew) {
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("a clock skew is not negative");
        }
        List<ChainBreak> breaks = new ArrayList<>();
        if (chain.isEmpty()) {
            breaks.add(new ChainBreak(0, new UUID(0, 0), "the exhibit has no custody events"));
            return breaks;
        }
        start(chain.getFirst().event(), breaks);
        Set<UUID> ids = new HashSet<>();
        ids.add(chain.getFirst().event().id());
        for (int i = 1; i < chain.size(); i++) {
            LoggedEvent before = chain.get(i - 1);
            LoggedEvent here = chain.get(i);
            CustodyEvent event = here.event();
            Problems problems = new Problems(breaks, i + 1, event.id());
            if (!event.exhibit().equals(chain.getFirst().event().exhibit())) {
                problems.add("the event concerns another exhibit (" + event.exhibit() + ")");
            }
            if (!ids.add(event.id())) {
                problems.add("the event appears twice");
            }
            if (!event.previous().equals(Optional.of(before.event().sha256()))) {
                problems.add("the event does not name the event before it (" + before.event().action().json() + " at " + before.event().at()
                        + ") as its previous one");
            }
            if (here.ledger().equals(before.ledger())) {
                withinOneLedger(before, here, problems);
            } else {
                handOver(before, here, clockSkew, problems);
            }
            if (before.event().action() == CustodyAction.DISPOSE) {
                problems.add("the event follows the exhibit's disposal");
            }
            Optional<String> out = before.event().outputSha256();
            if (out.isPresent() && event.inputSha256().isPresent() && !out.equals(event.inputSha256())) {
                problems.add("the event received bytes with hash " + event.inputSha256().get() + ", but the event before it produced " + out.get());
            }
        }
        return breaks;
    }

    /** The hash of the exhibit's bytes as its chain last recorded them: the latest output hash, or else the latest input hash. */
    public static Optional<String> lastKnownSha256(List<LoggedEvent> chain) {
        for (LoggedEvent logged : chain.reversed()) {
            CustodyEvent event = logged.event();
            if (event.outputSha256().isPresent()) {
                return event.outputSha256();
            }
            if (event.inputSha256().isPresent()) {
                return event.inputSha256();
            }
        }
        return Optional.empty();
    }

    private static void start(CustodyEvent first, List<ChainBreak> breaks) {
        if (first.action() != CustodyAction.ACQUIRE && first.action() != CustodyAction.RECEIVE) {
            breaks.add(new ChainBreak(1, first.id(), "the first event is " + first.action().json()
                    + ", not the exhibit's acquisition or its receipt from elsewhere"));
        }
        if (first.previous().isPresent()) {
            breaks.add(new ChainBreak(1, first.id(), first.action() == CustodyAction.RECEIVE
                    ? "the receipt names the transfer it follows (" + first.previous().get() + "), but that transfer is not in the chain"
                    : "the first event names a previous event that is not in the chain"));
        }
    }

    /** One node's clock and one ledger's order: entries and times follow the chain, and a transfer ends this node's part. */
    private static void withinOneLedger(LoggedEvent before, LoggedEvent here, Problems problems) {
        CustodyEvent event = here.event();
        if (before.event().action() == CustodyAction.TRANSFER) {
            problems.add("the event follows a transfer in the same ledger: after a transfer the chain continues only with its receipt in "
                    + "another node's ledger");
        } else if (event.action() == CustodyAction.RECEIVE) {
            problems.add("a receipt within the chain must follow a transfer recorded in another node's ledger, not "
                    + before.event().action().json() + " in the same ledger");
        }
        if (here.index() <= before.index()) {
            problems.add("the event is entry " + here.index() + " of the ledger, not after the event before it (entry " + before.index() + ")");
        }
        if (event.at().isBefore(before.event().at())) {
            problems.add("the event is dated " + event.at() + ", before the event ahead of it (" + before.event().at() + ")");
        }
    }

    /** From one node's ledger to another's: only a transfer followed by its receipt, dated no earlier than the transfer less the skew. */
    private static void handOver(LoggedEvent before, LoggedEvent here, Duration clockSkew, Problems problems) {
        CustodyEvent sent = before.event();
        CustodyEvent received = here.event();
        if (sent.action() != CustodyAction.TRANSFER || received.action() != CustodyAction.RECEIVE) {
            problems.add("the chain passes from node " + sent.node() + "'s ledger to node " + received.node() + "'s with " + sent.action().json()
                    + " then " + received.action().json() + "; it may pass only from a transfer to its receipt");
        }
        if (received.at().isBefore(sent.at().minus(clockSkew))) {
            problems.add("the receipt is dated " + received.at() + ", before the transfer (" + sent.at() + ") by more than the "
                    + words(clockSkew) + " two nodes' clocks may differ");
        }
    }

    private static String words(Duration skew) {
        long seconds = skew.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + (seconds == 60 ? " minute" : " minutes") : seconds + (seconds == 1 ? " second" : " seconds");
    }

    /** The breaks found at one position of the chain. */
    private record Problems(List<ChainBreak> breaks, int position, UUID event) {
        void add(String problem) {
            breaks.add(new ChainBreak(position, event, problem));
        }
    }
}
