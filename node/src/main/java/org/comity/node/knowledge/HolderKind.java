package org.comity.node.knowledge;

/** Who holds the data sought. */
public enum HolderKind {
    /** A service provider: hosting, e-mail, messaging, access, cloud. */
    SERVICE_PROVIDER,
    /** An entity providing domain name registration services: registrar or registry. */
    REGISTRAR,
    /** A public authority of the other state (police files, registers). */
    PUBLIC_AUTHORITY
}
