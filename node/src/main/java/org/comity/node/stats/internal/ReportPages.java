package org.comity.node.stats.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import org.comity.node.platform.Actor;
import org.comity.node.web.Formats;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** The annual report: a page, a PDF of the same figures, and JSON for the API. */
@Controller
class ReportPages {

    private final AnnualReport reports;
    private final TemplateEngine templates;
    private final Clock clock;
    private final Formats formats;

    ReportPages(AnnualReport reports, TemplateEngine templates, Clock clock, Formats formats) {
        this.reports = reports;
        this.templates = templates;
        this.clock = clock;
        this.formats = formats;
    }

    private int year(Integer year) {
        return year != null ? year : clock.instant().atZone(ZoneOffset.UTC).getYear();
    }

    @GetMapping("/statistics/report")
    String page(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) Integer year, Locale locale, Model model) {
        model.addAttribute("report", reports.report(actor, year(year), locale));
        return "stats/report";
    }

    @GetMapping(path = "/api/v1/statistics/report", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    AnnualReport.Report json(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) Integer year, Locale locale) {
        return reports.report(actor, year(year), locale);
    }

    @GetMapping(path = {"/statistics/report.pdf", "/api/v1/statistics/report.pdf"})
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) Integer year, Locale locale)
            throws IOException {
        AnnualReport.Report report = reports.report(actor, year(year), locale);
        boolean rtl = "ar".equals(locale.getLanguage());
        Context context = new Context(locale);
        context.setVariable("report", report);
        context.setVariable("lang", locale.getLanguage());
        context.setVariable("dir", rtl ? "rtl" : "ltr");
        context.setVariable("generated", formats.at(report.generatedAt()));
        String xhtml = templates.process("stats/report-pdf", context);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        ReportPdf.write(xhtml, rtl, pdf);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statistics-" + actor.stateCode() + "-" + report.year() + ".pdf\"")
                .body(pdf.toByteArray());
    }
}
