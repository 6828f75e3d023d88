package org.comity.node.knowledge;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long this node's requests to a state took, as its statistics measured them: the median time
 * from submission to execution of the requests under one instrument. A figure is given only over at
 * least {@link #MINIMUM} executed requests, the threshold under which published statistics leave a
 * cell out. Implemented by the statistics module; the channel advisor prefers it to a profile's figure
 * and to its rule's default, and a country profile shows it beside the figures entered by hand.
 */
public interface MeasuredTimes {

    int MINIMUM = 5;

    /**
     * Requests of {@code requestingState} to {@code requestedState}, one figure per instrument with
     * enough of them, by instrument id; empty when either state is null. Callers show a state's
     * figures only to its own users.
     */
    List<Measured> toExecution(String requestingState, String requestedState);

    /** The figure of one instrument among {@code measured}. */
    static Optional<Measured> of(List<Measured> measured, String instrument) {
        return measured.stream().filter(m -> m.instrument().equals(instrument)).findFirst();
    }

    /**
     * @param median at most 5 % above the exact median (the statistics keep durations in 5 % buckets)
     * @param requests how many executed requests it is the median of
     */
    record Measured(String instrument, Duration median, long requests) {}
}
