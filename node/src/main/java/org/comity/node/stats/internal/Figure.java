package org.comity.node.stats.internal;

import java.util.Arrays;
import java.util.Optional;

/** Every figure the dashboard shows and the API exports, by the slug that names it in URLs and files. */
enum Figure {
    PERIOD("period"),
    PARTNER("partner"),
    INSTRUMENT("instrument"),
    TYPE("type"),
    CATEGORY("category"),
    URGENCY("urgency"),
    OUTCOME("outcome"),
    REFUSAL_GROUND("refusal-ground"),
    TIMES("times"),
    DEADLINES("deadlines"),
    BACKLOG("backlog"),
    OVERDUE("overdue"),
    PRESERVATIONS("preservations");

    final String slug;

    Figure(String slug) {
        this.slug = slug;
    }

    /** Counts of requests by one dimension, incoming and outgoing. */
    boolean isCount() {
        return ordinal() <= REFUSAL_GROUND.ordinal();
    }

    static Optional<Figure> bySlug(String slug) {
        return Arrays.stream(values()).filter(f -> f.slug.equals(slug)).findFirst();
    }
}
