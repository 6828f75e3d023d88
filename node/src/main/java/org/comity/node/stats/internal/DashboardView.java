package org.comity.node.stats.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.comity.node.directory.State;
import org.comity.node.request.Instrument;
import org.springframework.context.MessageSource;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The figures as the page shows them: every cell translated, numbers kept as numbers for the chart,
 * and, for people who may see requests, a link from a count to the list of the requests behind it.
 */
final class DashboardView {

    /** One cell: its text, whether it is a number (the chart's data), and where it leads (or null). */
    record Cell(String text, boolean number, String href) {}

    /**
     * One figure on the page.
     *
     * @param chart the Chart.js type the script draws (bar or line)
     */
    record Figure(String slug, String title, String chart, List<String> headers, List<List<Cell>> rows) {}

    private final MessageSource messages;
    private final Locale locale;
    private final Map<String, String> stateNames;
    private final Map<String, String> citations;

    DashboardView(MessageSource messages, Locale locale, List<State> states, List<Instrument> instruments) {
        this.messages = messages;
        this.locale = locale;
        this.stateNames = states.stream().collect(Collectors.toMap(State::code, State::name, (a, b) -> a));
        this.citations = instruments.stream().collect(Collectors.toMap(Instrument::id, Instrument::citation, (a, b) -> a));
    }

    Figure figure(org.comity.node.stats.internal.Figure figure, Table table, Filter filter, boolean drill) {
        List<String> headers = table.columns().stream()
                .map(c -> c.equals("key") ? text("stats.figure." + figure.slug) : text("stats.col." + c)).toList();
        List<List<Cell>> rows = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                Object v = row.get(i);
                String column = table.columns().get(i);
                if (v instanceof Number n) {
                    cells.add(new Cell(format(n), true, drill ? link(figure, row, column, filter) : null));
                } else {
                    cells.add(new Cell(label(figure, column, v == null ? "" : v.toString()), false, null));
                }
            }
            rows.add(cells);
        }
        String chart = figure == org.comity.node.stats.internal.Figure.PERIOD ? "line" : "bar";
        return new Figure(figure.slug, text("stats.figure." + figure.slug), chart, headers, rows);
    }

    /** The orders-by-provider table of the annual report. */
    Figure providers(Table table) {
        List<List<Cell>> rows = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            String name = row.getFirst().toString();
            rows.add(List.of(new Cell(name.isEmpty() ? "—" : name, false, null), new Cell(format((Number) row.get(1)), true, null),
                    new Cell(format((Number) row.get(2)), true, null)));
        }
        return new Figure("provider", text("stats.figure.provider"), "bar",
                List.of(text("stats.figure.provider"), text("stats.col.incoming"), text("stats.col.outgoing")), rows);
    }

    /**
     * On a statistics node: the combined figures of the states whose nodes published, one row per
     * state, node and year. Cells under the threshold were never sent, so each sum is "at least".
     */
    Figure byState(List<AggregateReport> reports) {
        List<List<Cell>> rows = new ArrayList<>();
        for (AggregateReport r : reports) {
            long in = sum(r, "INCOMING", null);
            long out = sum(r, "OUTGOING", null);
            long executed = sum(r, null, "EXECUTED");
            long refused = sum(r, null, "REFUSED");
            String ack = r.times().stream().filter(t -> t.direction().equals("INCOMING") && t.measure().equals("ACKNOWLEDGE"))
                    .map(t -> String.valueOf(Math.round(t.medianSeconds() / 36.0) / 100.0)).findFirst().orElse("—");
            rows.add(List.of(new Cell(stateNames.getOrDefault(r.state(), r.state()) + " (" + r.state() + ")", false, null),
                    new Cell(r.node(), false, null), new Cell(Integer.toString(r.year()), false, null),
                    new Cell(Long.toString(in), true, null), new Cell(Long.toString(out), true, null),
                    new Cell(Long.toString(executed), true, null), new Cell(Long.toString(refused), true, null),
                    new Cell(ack, !ack.equals("—"), null)));
        }
        return new Figure("states", text("stats.figure.states"), "bar", List.of(text("stats.col.state"), text("stats.col.node"),
                text("stats.report.year"), text("stats.col.incoming"), text("stats.col.outgoing"), text("stats.outcome.EXECUTED"),
                text("stats.outcome.REFUSED"), text("stats.col.ack_median_hours")), rows);
    }

    private static long sum(AggregateReport r, String direction, String outcome) {
        return r.cells().stream().filter(c -> direction == null || c.direction().equals(direction))
                .filter(c -> outcome == null || c.outcome().equals(outcome)).mapToLong(AggregateReport.Cell::requests).sum();
    }

    private String format(Number n) {
        return n instanceof Double || n instanceof Float ? String.valueOf(n) : Long.toString(n.longValue());
    }

    /** The text of a dimension's value in the reader's language. */
    String label(org.comity.node.stats.internal.Figure figure, String column, String value) {
        if (value.isEmpty()) {
            return "—";
        }
        Function<String, String> key = switch (column) {
            case "direction" -> v -> "stats.direction." + v;
            case "measure" -> v -> "stats.measure." + v;
            case "key" -> switch (figure) {
                case TYPE -> v -> "stats.type." + v;
                case CATEGORY -> v -> "data.category." + v;
                case URGENCY -> v -> "urgency." + v;
                case OUTCOME -> v -> "stats.outcome." + v;
                case REFUSAL_GROUND -> v -> "ground." + v;
                default -> null;
            };
            default -> null;
        };
        if (key != null) {
            return messages.getMessage(key.apply(value), null, value, locale);
        }
        if (column.equals("key") && figure == org.comity.node.stats.internal.Figure.PARTNER) {
            return stateNames.getOrDefault(value, value) + " (" + value + ")";
        }
        if (column.equals("key") && figure == org.comity.node.stats.internal.Figure.INSTRUMENT) {
            return citations.getOrDefault(value, value);
        }
        return value;
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, locale);
    }

    /**
     * The request list showing exactly the requests a count stands for, when the list can express
     * it: its box, partner, instrument, type, urgency, status, deadline and months of submission
     * (the page's filters carried along). None when the figure is not a count of that kind.
     */
    static String link(org.comity.node.stats.internal.Figure figure, List<Object> row, String column, Filter filter) {
        String box;
        String key = row.getFirst() == null ? "" : row.getFirst().toString();
        if (column.equals("incoming") || column.equals("outgoing")) {
            box = column.equals("incoming") ? "INBOX" : "OUTBOX";
        } else if (figure == org.comity.node.stats.internal.Figure.OVERDUE && column.equals("overdue")) {
            box = key.equals("INCOMING") ? "INBOX" : "OUTBOX";
        } else {
            return null;
        }
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/requests").queryParam("box", box);
        String partner = filter.partner();
        String instrument = filter.instrument();
        String type = filter.type();
        String month = null;
        switch (figure) {
            case PERIOD -> month = key; // YYYY-MM, the month of submission (UTC), as the list's filter reads it
            case PARTNER -> partner = key;
            case INSTRUMENT -> instrument = key;
            case TYPE -> type = key;
            case URGENCY -> b.queryParam("urgency", key);
            case OUTCOME -> {
                if (!key.equals("REFUSED") && !key.equals("WITHDRAWN")) {
                    return null; // executed requests may since be closed: the list cannot show exactly these
                }
                b.queryParam("status", key);
            }
            case OVERDUE -> b.queryParam("deadline", "OVERDUE");
            default -> {
                return null;
            }
        }
        if (partner != null && !partner.isEmpty()) {
            b.queryParam("partner", partner);
        }
        if (instrument != null) {
            b.queryParam("instrument", instrument);
        }
        if (type != null) {
            b.queryParam("type", type);
        }
        if (month != null) {
            b.queryParam("submittedFrom", month).queryParam("submittedTo", month);
        } else {
            if (filter.from() != null) {
                b.queryParam("submittedFrom", filter.from());
            }
            if (filter.to() != null) {
                b.queryParam("submittedTo", filter.to());
            }
        }
        return b.encode().build().toUriString();
    }
}
