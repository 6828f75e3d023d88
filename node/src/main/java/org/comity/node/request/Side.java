package org.comity.node.request;

/** The two sides of a request. The requested side includes the authority it was routed to for execution. */
public enum Side {
    REQUESTING,
    REQUESTED
}
