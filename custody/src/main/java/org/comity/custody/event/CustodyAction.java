package org.comity.custody.event;

import java.util.Locale;
import java.util.Optional;

/** What happened to an exhibit in one custody event; written in JSON in lower case ({@code acquire}). */
public enum CustodyAction {
    /** First collected: seized, imaged, downloaded or produced by a provider. */
    ACQUIRE,
    /** Sealed against change: hashed, encrypted at rest, bagged. */
    SEAL,
    /** Put into the node's evidence vault. */
    UPLOAD,
    /** Sent to another node or authority: the last event of the exhibit in the sender's part of its chain. */
    TRANSFER,
    /**
     * Received from another node or authority: the first event of an exhibit in the receiver's ledger,
     * naming the sender's transfer as its previous event when that came through Comity.
     */
    RECEIVE,
    /** Its hash checked against the recorded one. */
    VERIFY,
    /** Opened, viewed or downloaded by someone. */
    ACCESS,
    /** Put into an evidence package or otherwise exported. */
    EXPORT,
    /** Destroyed or released at the end of its retention: nothing may follow. */
    DISPOSE;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action as a report tells it: acquired, sealed, transferred, received. */
    public String pastTense() {
        return switch (this) {
            case ACQUIRE -> "acquired";
            case SEAL -> "sealed";
            case UPLOAD -> "uploaded";
            case TRANSFER -> "transferred";
            case RECEIVE -> "received";
            case VERIFY -> "verified";
            case ACCESS -> "accessed";
            case EXPORT -> "exported";
            case DISPOSE -> "disposed of";
        };
    }

    public static Optional<CustodyAction> fromJson(String text) {
        for (CustodyAction action : values()) {
            if (action.json().equals(text)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
