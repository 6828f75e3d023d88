package org.comity.node.platform;

/** What a user may do. A user belongs to one authority and may hold several roles. */
public enum Role {
    /** Manages authorities, users and tokens of this node; reads no case content. */
    ADMIN,
    /** Receives, checks, routes and answers requests for a state. */
    CENTRAL_AUTHORITY,
    /** Prosecutor, investigating judge or investigator: drafts requests and receives evidence. */
    JUDICIAL_AUTHORITY,
    /** The 24/7 unit reachable around the clock for preservation and emergencies. */
    POINT_OF_CONTACT,
    /** A provider's compliance officer: receives preservation requests and orders. */
    SERVICE_PROVIDER,
    /** Reads statistics, never personal data. */
    ANALYST,
    /** Reads what the authority sees, changes nothing; reads the audit trail. */
    AUDITOR;

    /** Roles that handle requests: draft, answer, route, execute. */
    public boolean handlesRequests() {
        return this == CENTRAL_AUTHORITY || this == JUDICIAL_AUTHORITY || this == POINT_OF_CONTACT || this == SERVICE_PROVIDER;
    }

    /**
     * Roles that write and send requests in their state's name. A service provider answers orders
     * and requests addressed to it; it never issues one.
     */
    public boolean draftsRequests() {
        return this == CENTRAL_AUTHORITY || this == JUDICIAL_AUTHORITY || this == POINT_OF_CONTACT;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
