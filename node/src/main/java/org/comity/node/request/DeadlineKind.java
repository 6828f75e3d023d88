package org.comity.node.request;

/** The deadlines the legal clock tracks. */
public enum DeadlineKind {
    /** The requested side confirms it has the request. */
    ACKNOWLEDGE,
    /** The requested side accepts or refuses. */
    DECIDE,
    /** The data is preserved (Budapest Art. 29(3): expeditiously; EPOC-PR: without undue delay). */
    PRESERVE,
    /** The order is served on the provider (Protocol Art. 8(6)). */
    SERVE,
    /** The request is executed, the data produced. */
    EXECUTE,
    /** The requesting side answers a request for more information. */
    PROVIDE_INFORMATION,
    /** A preservation ends unless extended or followed by a request for the data. */
    PRESERVATION_EXPIRY,
    /** A postponement reaches the date it was postponed to. */
    POSTPONEMENT_END
}
