package org.comity.node.request.internal;

import org.springframework.stereotype.Component;

/** Lets tests outside this package run the legal clock's pass by hand. */
@Component
public class DeadlineWatchAccess {

    private final DeadlineWatch watch;

    DeadlineWatchAccess(DeadlineWatch watch) {
        this.watch = watch;
    }

    public int runOnce() {
        return watch.runOnce();
    }
}
