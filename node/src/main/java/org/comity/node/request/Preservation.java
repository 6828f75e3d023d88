package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/**
 * The preservation track: preserved until when, extended how often, and whether a request for the
 * data has followed (which keeps the data preserved pending its decision, Budapest Art. 29(7)).
 */
public record Preservation(PreservationStatus status, Instant until, int extensions, UUID followUp) {

    public static final Preservation NONE = new Preservation(PreservationStatus.NONE, null, 0, null);

    public boolean active() {
        return status == PreservationStatus.PRESERVED;
    }
}
