package org.comity.node.stats.internal;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.util.Map;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Publishing a state's aggregates ({@code POST /api/v1/statistics/publications}, and the dashboard's
 * button) and, on a statistics node, receiving them ({@code POST /federation/v1/statistics}, signed by
 * the sending node's key, no session or token).
 */
@Controller
class AggregateApi {

    private final Aggregates aggregates;
    private final java.time.Clock clock;

    AggregateApi(Aggregates aggregates, java.time.Clock clock) {
        this.aggregates = aggregates;
        this.clock = clock;
    }

    private int year(Integer year) {
        return year != null ? year : clock.instant().atZone(ZoneOffset.UTC).getYear();
    }

    @PostMapping(path = "/api/v1/statistics/publications", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    @Operation(summary = "Publish your state's anonymized aggregates for a year to the statistics node (the directory's, or the configured one)")
    Aggregates.Published publish(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) Integer year) {
        return aggregates.publish(actor, year(year));
    }

    @PostMapping("/statistics/publications")
    String publishFromPage(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) Integer year) {
        Aggregates.Published p = aggregates.publish(actor, year(year));
        return "redirect:/statistics?published=" + p.cells();
    }

    @GetMapping(path = "/api/v1/statistics/received", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    @Operation(summary = "On a statistics node: the newest aggregate report of each node, state and year received, as sent")
    java.util.List<Map<String, Object>> received(@AuthenticationPrincipal Actor actor) {
        if (!Statistics.mayRead(actor)) {
            throw ComityException.forbidden("Statistics are for analysts, central authorities, auditors and administrators.");
        }
        if (aggregates.acceptance() == Aggregates.Acceptance.NONE) {
            throw ComityException.notFound("Statistics node");
        }
        return aggregates.received().stream().map(AggregateReport::toJson).toList();
    }

    @PostMapping(path = "/federation/v1/statistics", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> receive(@RequestHeader(name = Aggregates.SIGNATURE_HEADER, required = false) String signature,
            InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(AggregateReport.MAX_CHARS + 1);
        if (bytes.length > AggregateReport.MAX_CHARS) {
            throw new ComityException(413, "too-large", "A statistics report is at most 1 MiB.");
        }
        AggregateReport report = aggregates.receive(bytes, signature);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("node", report.node(), "state", report.state(), "year", report.year()));
    }
}
