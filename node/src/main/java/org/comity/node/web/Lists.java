package org.comity.node.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** List helpers for templates. */
public final class Lists {

    private Lists() {}

    /** Newest first, for timelines. */
    public static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
