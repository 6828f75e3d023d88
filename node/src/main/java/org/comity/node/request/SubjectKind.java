package org.comity.node.request;

/** What a subject of the request is. */
public enum SubjectKind {
    PERSON,
    ORGANISATION,
    ACCOUNT,
    DEVICE,
    DOMAIN
}
