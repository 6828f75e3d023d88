package org.comity.node.request;

/** The preservation track of a preservation request, beside its main status. */
public enum PreservationStatus {
    NONE,
    PRESERVED,
    RELEASED,
    EXPIRED
}
