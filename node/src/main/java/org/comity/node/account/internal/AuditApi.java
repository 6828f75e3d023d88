package org.comity.node.account.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.comity.node.account.AuditEntry;
import org.comity.node.account.AuditQuery;
import org.comity.node.platform.Actor;
import org.comity.node.platform.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code /api/v1/audit}: the audit trail for administrators (the node) and auditors (their authority). */
@RestController
@Tag(name = "Audit trail", description = "Who did what, when, from where: every change and every read of sensitive data")
class AuditApi {

    private final AuditView audit;

    AuditApi(AuditView audit) {
        this.audit = audit;
    }

    @GetMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search the audit trail, newest first, a page at a time",
            description = "Administrators read the whole node's trail, auditors what their authority's people did. The search is itself recorded.")
    Page<AuditEntry> search(@AuthenticationPrincipal Actor actor,
            @Parameter(description = "the acting user's name, exactly") @RequestParam(name = "actor", required = false) String actorName,
            @Parameter(description = "an action or its beginning, e.g. request.") @RequestParam(required = false) String action,
            @Parameter(description = "the id of a request, user or token") @RequestParam(required = false) String target,
            @RequestParam(required = false) AuditQuery.Outcome outcome,
            @Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) Instant from,
            @Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) Instant until,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return audit.search(actor, new AuditQuery(blankToNull(actorName), blankToNull(action), blankToNull(target), outcome, from, until, page, size));
    }

    @GetMapping(path = "/api/v1/audit/export.csv", produces = "text/csv")
    @Operation(summary = "Export the audit trail as CSV, newest first, every matching entry",
            description = "The same filters and rights as the search, without paging; streamed. The export is itself recorded (audit.export).")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal Actor actor,
            @Parameter(description = "the acting user's name, exactly") @RequestParam(name = "actor", required = false) String actorName,
            @Parameter(description = "an action or its beginning, e.g. request.") @RequestParam(required = false) String action,
            @Parameter(description = "the id of a request, user or token") @RequestParam(required = false) String target,
            @RequestParam(required = false) AuditQuery.Outcome outcome,
            @Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) Instant from,
            @Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) Instant until) {
        return csv(audit, actor, new AuditQuery(blankToNull(actorName), blankToNull(action), blankToNull(target), outcome, from, until, 0,
                AuditQuery.MAX_SIZE));
    }

    /** Records the export, then streams it as an attachment named after the moment it was taken. */
    static ResponseEntity<StreamingResponseBody> csv(AuditView audit, Actor actor, AuditQuery query) {
        java.util.UUID scope = audit.startExport(actor, query);
        String name = "audit-" + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace(":", "") + ".csv";
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(out -> {
                    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
                    audit.export(scope, query, writer);
                    writer.flush();
                });
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
