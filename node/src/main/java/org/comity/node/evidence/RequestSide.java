package org.comity.node.evidence;

/** The side of a request an item of evidence belongs to: the side that asked for it, or the side that answers. */
public enum RequestSide {
    REQUESTING,
    REQUESTED
}
