package org.comity.custody.event;

/**
 * A custody event with its place in a node's ledger: entry {@code index} of the Merkle log whose
 * origin is {@code ledger}, the entry being the event's canonical bytes. An exhibit that passes from
 * one node to another has events in both nodes' ledgers.
 *
 * @param ledger the origin of the ledger that holds the event (docs/formats/ledger.md), such as
 *     {@code xb.comity.example/comity/ledger}
 */
public record LoggedEvent(String ledger, long index, CustodyEvent event) {

    public LoggedEvent {
        if (ledger == null || ledger.isBlank()) {
            throw new IllegalArgumentException("a logged event names its ledger's origin");
        }
        if (index < 0) {
            throw new IllegalArgumentException("a ledger index is not negative");
        }
        if (event == null) {
            throw new IllegalArgumentException("a logged event has an event");
        }
    }
}
