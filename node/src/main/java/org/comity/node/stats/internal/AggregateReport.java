package org.comity.node.stats.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.comity.custody.json.FieldException;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonFields;

/**
 * What a node publishes to a statistics node: one state's anonymized aggregates for one year
 * (docs/formats/statistics.md). Only counts of requests, by direction, partner state, request type
 * and outcome, and times whose count is large enough; every published number stands for at least
 * {@link #THRESHOLD} requests. A cell under the threshold is left out, and no total is published,
 * so nothing left out can be computed back from what is published.
 */
record AggregateReport(String node, String state, int year, Instant generatedAt, List<Cell> cells, List<Time> times) {

    static final String SCHEMA = "comity.statistics-aggregate/1";
    /** The smallest count a published number may stand for (statistical disclosure control). */
    static final int THRESHOLD = 5;
    /** A report is small: a few thousand cells at most. */
    static final int MAX_CHARS = 1 << 20;
    static final int MAX_CELLS = 20_000;

    private static final Pattern NODE = Pattern.compile("[A-Z0-9-]{2,32}");
    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");
    private static final Pattern WORD = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    record Cell(String direction, String partner, String type, String outcome, long requests) {}

    record Time(String direction, String measure, long count, long medianSeconds, long p90Seconds) {}

    AggregateReport {
        cells = List.copyOf(cells);
        times = List.copyOf(times);
    }

    /** The report as a JSON value, ready for canonical serialization. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("node", node);
        m.put("state", state);
        m.put("year", year);
        m.put("generatedAt", JsonFields.instantText(generatedAt));
        m.put("threshold", THRESHOLD);
        m.put("cells", cells.stream().map(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("direction", c.direction());
            if (!c.partner().isEmpty()) {
                x.put("partner", c.partner());
            }
            x.put("type", c.type());
            x.put("outcome", c.outcome());
            x.put("requests", c.requests());
            return x;
        }).toList());
        m.put("times", times.stream().map(t -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("direction", t.direction());
            x.put("measure", t.measure());
            x.put("count", t.count());
            x.put("medianSeconds", t.medianSeconds());
            x.put("p90Seconds", t.p90Seconds());
            return x;
        }).toList());
        return m;
    }

    /**
     * Reads a report strictly: only this format's fields, each of its type and shape, and every
     * number at or above the threshold. Anything else throws {@link FieldException} (or
     * {@link org.comity.custody.json.JsonException} for text that is not JSON), naming what is wrong.
     */
    static AggregateReport parse(String text) {
        JsonFields r = JsonFields.of(Json.parseObject(text, MAX_CHARS), "", Set.of("schema", "node", "state", "year", "generatedAt",
                "threshold", "cells", "times"));
        if (!SCHEMA.equals(r.string("schema", 64))) {
            throw r.problem("schema", "must be " + SCHEMA);
        }
        String node = r.matching("node", NODE, "a node id");
        String state = r.matching("state", STATE, "a two-letter state code");
        long year = r.whole("year", 2000);
        if (year > 2200) {
            throw r.problem("year", "must be at most 2200");
        }
        Instant generatedAt = r.instant("generatedAt");
        if (r.whole("threshold", 0) < THRESHOLD) {
            throw r.problem("threshold", "must be at least " + THRESHOLD);
        }
        List<Cell> cells = r.objects("cells", MAX_CELLS, Set.of("direction", "partner", "type", "outcome", "requests"), c -> new Cell(
                direction(c), c.has("partner") ? c.matching("partner", STATE, "a two-letter state code") : "",
                c.matching("type", WORD, "a request type"), c.matching("outcome", WORD, "an outcome"), atLeastThreshold(c, "requests")));
        List<Time> times = r.objects("times", 16, Set.of("direction", "measure", "count", "medianSeconds", "p90Seconds"), t -> new Time(
                direction(t), t.matching("measure", WORD, "a measure"), atLeastThreshold(t, "count"), t.whole("medianSeconds", 0),
                t.whole("p90Seconds", 0)));
        return new AggregateReport(node, state, (int) year, generatedAt, cells, times);
    }

    private static String direction(JsonFields f) {
        String d = f.string("direction", 16);
        if (!d.equals("INCOMING") && !d.equals("OUTGOING")) {
            throw f.problem("direction", "must be INCOMING or OUTGOING");
        }
        return d;
    }

    private static long atLeastThreshold(JsonFields f, String field) {
        return f.whole(field, THRESHOLD);
    }
}
