package org.comity.custody.event;

/**
 * A custody event with its place in the node's ledger: entry {@code index} of the Merkle log, whose
 * leaf is the event's canonical bytes.
 */
public record LoggedEvent(long index, CustodyEvent event) {

    public LoggedEvent {
        if (index < 0) {
            throw new IllegalArgumentException("a ledger index is not negative");
        }
        if (event == null) {
            throw new IllegalArgumentException("a logged event has an event");
        }
    }
}
