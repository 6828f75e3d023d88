package org.comity.node.directory;

import java.time.Instant;

/** One of this node's keys, public facts only: which, for what, and when it is valid. */
public record NodeKeyInfo(String kid, String use, Instant notBefore, Instant notAfter, boolean current) {

    public boolean validAt(Instant at) {
        return !notBefore.isAfter(at) && (notAfter == null || notAfter.isAfter(at));
    }
}
