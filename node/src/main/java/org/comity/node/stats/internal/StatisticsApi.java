package org.comity.node.stats.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.web.Csv;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code /api/v1/statistics} (bearer tokens) and the same downloads under {@code /statistics} for the
 * browser: every figure as JSON and CSV, all figures at once, and the facts as a streamed CSV.
 */
@RestController
@Tag(name = "Statistics", description = "Figures derived from requests' events: counts, times, deadlines, backlog")
class StatisticsApi {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Statistics statistics;

    StatisticsApi(Statistics statistics) {
        this.statistics = statistics;
    }

    /** Every figure, as the dashboard shows it. */
    record Overview(String state, Map<String, String> filter, Map<String, Table> figures) {}

    @GetMapping(path = "/api/v1/statistics", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every figure of your state's requests, filtered by period (YYYY-MM), partner state, instrument and type")
    Overview all(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String partner, @RequestParam(required = false) String instrument,
            @RequestParam(required = false) String type) {
        Filter filter = Statistics.filter(actor, from, to, partner, instrument, type);
        Map<String, Table> figures = new LinkedHashMap<>();
        statistics.all(actor, filter).forEach((f, t) -> figures.put(f.slug, t));
        return new Overview(actor.stateCode(), describe(filter), figures);
    }

    @GetMapping(path = {"/api/v1/statistics/figures/{figure}", "/statistics/figures/{figure}.json"}, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One figure as JSON: its columns and rows")
    Table one(@AuthenticationPrincipal Actor actor, @PathVariable String figure, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String partner,
            @RequestParam(required = false) String instrument, @RequestParam(required = false) String type) {
        return statistics.one(actor, figure(figure), Statistics.filter(actor, from, to, partner, instrument, type));
    }

    @GetMapping(path = {"/api/v1/statistics/figures/{figure}.csv", "/statistics/figures/{figure}.csv"})
    @Operation(summary = "One figure as CSV (RFC 4180)")
    ResponseEntity<StreamingResponseBody> csv(@AuthenticationPrincipal Actor actor, @PathVariable String figure,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String partner, @RequestParam(required = false) String instrument,
            @RequestParam(required = false) String type) {
        Figure f = figure(figure);
        Table table = statistics.one(actor, f, Statistics.filter(actor, from, to, partner, instrument, type));
        return download("statistics-" + actor.stateCode() + "-" + f.slug + ".csv", out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            Csv.row(w, table.columns().toArray());
            for (var row : table.rows()) {
                Csv.row(w, row.toArray());
            }
            w.flush();
        });
    }

    @GetMapping(path = {"/api/v1/statistics/facts.csv", "/statistics/facts.csv"})
    @Operation(summary = "One line per request and direction (streamed); central authority officers of the state only")
    ResponseEntity<StreamingResponseBody> facts(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String partner,
            @RequestParam(required = false) String instrument, @RequestParam(required = false) String type) {
        Filter filter = Statistics.filter(actor, from, to, partner, instrument, type);
        if (!Statistics.mayReadFacts(actor)) {
            throw ComityException.forbidden("The facts name requests: only a central authority officer of the state may export them.");
        }
        return download("statistics-" + actor.stateCode() + "-facts.csv", out -> statistics.facts(actor, filter, out));
    }

    private static ResponseEntity<StreamingResponseBody> download(String name, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    static Figure figure(String slug) {
        return Figure.bySlug(slug).orElseThrow(() -> ComityException.notFound("Figure"));
    }

    static Map<String, String> describe(Filter f) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("from", f.from() == null ? null : f.from().toString());
        m.put("to", f.to() == null ? null : f.to().toString());
        m.put("partner", f.partner());
        m.put("instrument", f.instrument());
        m.put("type", f.type());
        return m;
    }
}
