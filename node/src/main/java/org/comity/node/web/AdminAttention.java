package org.comity.node.web;

import java.util.List;

/**
 * What needs an administrator now, shown at the top of every page an administrator opens: a
 * module that can get stuck (the exchange's dead letters, say) says how many and where to look.
 * Each source must answer cheaply: it runs on every page an administrator renders.
 */
public interface AdminAttention {

    /** Only what is wrong now; empty when all is well. */
    List<Item> items();

    /**
     * @param messageKey the message (with {0} for the count) that says what is wrong
     * @param href the page where an administrator deals with it
     */
    record Item(String messageKey, long count, String href) {}
}
