package org.comity.node.platform;

import java.util.List;

/** One page of a list, and whether another follows. */
public record Page<T>(List<T> items, int page, int size, boolean hasNext) {}
