package org.comity.node.account.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.comity.node.account.AuditQuery;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.Page;
import org.comity.node.web.FieldErrors;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail page: filters by person, action, target, outcome and days (UTC, inclusive). */
@Controller
class AuditPages {

    private static final int PAGE_SIZE = 50;
    private final AuditView audit;
    private final Directory directory;
    private final MessageSource messages;

    AuditPages(AuditView audit, Directory directory, MessageSource messages) {
        this.audit = audit;
        this.directory = directory;
        this.messages = messages;
    }

    @GetMapping("/audit")
    String trail(@AuthenticationPrincipal Actor actor, @RequestParam(name = "actor", required = false) String actorName,
            @RequestParam(required = false) String action, @RequestParam(required = false) String target,
            @RequestParam(required = false) AuditQuery.Outcome outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
        AuditQuery query = new AuditQuery(AuditApi.blankToNull(actorName), AuditApi.blankToNull(action), AuditApi.blankToNull(target), outcome,
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("query", query);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("outcomes", AuditQuery.Outcome.values());
        model.addAttribute("authorities", directory.authorities().stream()
                .collect(java.util.stream.Collectors.toMap(a -> a.id(), a -> a.name(), (a, b) -> a)));
        try {
            model.addAttribute("results", audit.search(actor, query));
            model.addAttribute("errors", FieldErrors.none());
        } catch (ComityException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            model.addAttribute("results", new Page<>(java.util.List.of(), 0, PAGE_SIZE, false));
            model.addAttribute("errors", FieldErrors.of(e.fieldProblems(), messages, locale));
        }
        return "account/audit";
    }

    /** The page's filters, every matching entry, as CSV (the same export as the API's). */
    @GetMapping(path = "/audit/export.csv")
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> export(
            @AuthenticationPrincipal Actor actor, @RequestParam(name = "actor", required = false) String actorName,
            @RequestParam(required = false) String action, @RequestParam(required = false) String target,
            @RequestParam(required = false) AuditQuery.Outcome outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return AuditApi.csv(audit, actor, new AuditQuery(AuditApi.blankToNull(actorName), AuditApi.blankToNull(action),
                AuditApi.blankToNull(target), outcome, from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), 0, AuditQuery.MAX_SIZE));
    }
}
