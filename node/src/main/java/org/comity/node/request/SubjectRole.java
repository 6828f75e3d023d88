package org.comity.node.request;

/** The part a subject plays in the case. */
public enum SubjectRole {
    SUSPECT,
    VICTIM,
    WITNESS,
    ACCOUNT_HOLDER,
    OTHER
}
