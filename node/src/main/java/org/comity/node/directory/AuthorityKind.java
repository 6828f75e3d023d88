package org.comity.node.directory;

/** The kinds of authority that send and receive requests (DOMAIN.md, "Who uses it"). */
public enum AuthorityKind {
    CENTRAL_AUTHORITY,
    JUDICIAL_AUTHORITY,
    POINT_OF_CONTACT,
    SERVICE_PROVIDER
}
