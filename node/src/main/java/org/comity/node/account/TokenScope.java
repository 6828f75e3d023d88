package org.comity.node.account;

/** What an API token allows: READ for GET requests, WRITE for everything else as well. */
public enum TokenScope {
    READ,
    WRITE
}
