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

    /** Nothing measured: for the advisor's decision-table tests and a node without statistics. */
    MeasuredTimes NONE = new MeasuredTimes() {
        @Override
        public Optional<Measured> toExecution(String requestingState, String requestedState, String instrument) {
            return Optional.empty();
        }

        @Override
        public List<Measured> toExecution(String requestedState) {
            return List.of();
        }
    };

    /** Requests of {@code requestingState} to {@code requestedState} under {@code instrument}. */
    Optional<Measured> toExecution(String requestingState, String requestedState, String instrument);

    /** Every instrument measured for requests from this node's states to {@code requestedState}, by instrument id. */
    List<Measured> toExecution(String requestedState);

    /**
     * @param median at most 5 % above the exact median (the statistics keep durations in 5 % buckets)
     * @param requests how many executed requests it is the median of
     */
    record Measured(String instrument, Duration median, long requests) {}
}
