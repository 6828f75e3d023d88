package org.comity.cli;

import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.LedgerRef;
import org.comity.custody.manifest.ManifestItem;
import org.comity.custody.pkg.Check;
import org.comity.custody.pkg.ItemStory;
import org.comity.custody.pkg.VerificationReport;

/**
 * The verification report as one self-contained XHTML page: no scripts, no external resources,
 * styles inline in the head, every value from the package escaped (a package is hostile input).
 * Well-formed XML, so the PDF renderer reads the same page.
 */
final class HtmlReport {

    private HtmlReport() {}

    static String render(VerificationReport report, String file) {
        EvidenceManifest m = report.manifest();
        boolean intact = report.verdict() == VerificationReport.Verdict.INTACT;
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<title>Evidence package ").append(e(m.id().toString())).append("</title><style>")
                .append("body{font-family:'Liberation Sans',Arial,sans-serif;font-size:10pt;margin:2em;color:#111}")
                .append("h1{font-size:16pt}h2{font-size:13pt;margin-top:1.5em}h3{font-size:11pt}")
                .append("table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top}")
                .append(".PASS{color:#05600a}.FAIL{color:#a00000;font-weight:bold}.INFO{color:#333}")
                .append(".verdict{font-size:13pt;padding:8px;border:2px solid}.intact{border-color:#05600a}.broken{border-color:#a00000}")
                .append("code{font-family:'Liberation Sans',monospace;font-size:8.5pt;word-wrap:break-word}")
                .append("</style></head><body>");
        h.append("<h1>Evidence package check</h1>");
        h.append("<p class=\"verdict ").append(intact ? "intact" : "broken").append("\">").append(e(TextReport.verdict(report))).append("</p>");
        h.append("<table>");
        row(h, "File", file);
        row(h, "Package id", m.id().toString());
        row(h, "Produced by", "node " + m.producerNode().id() + " (" + m.producerNode().name() + "), state " + m.producerNode().state() + ", on "
                + ReportFacts.time(m.createdAt()));
        row(h, "Request", m.request().reference() + " under " + m.request().instrument() + ", from " + m.request().requesting().authority() + " ("
                + m.request().requesting().state() + ") to " + m.request().requested().authority() + " (" + m.request().requested().state() + ")");
        row(h, "Node signing key", m.producer().signingKey().getKeyID());
        for (LedgerRef ledger : m.ledgers()) {
            row(h, "Ledger", ReportFacts.ledger(ledger));
        }
        h.append("</table>");
        h.append("<h2>What was collected, by whom, when, and every hand it passed through</h2>");
        int n = 0;
        for (ItemStory story : report.items()) {
            ManifestItem item = story.item();
            h.append("<h3>").append(++n).append(". ").append(e(item.description())).append("</h3><table>");
            row(h, "File", item.fileName() + " (" + item.mediaType() + "), " + ReportFacts.size(item.size()));
            row(h, "In the package", ReportFacts.carried(item));
            h.append("<tr><th>SHA-256</th><td><code>").append(e(item.sha256())).append("</code></td></tr>");
            row(h, "Acquired", ReportFacts.time(item.acquisition().acquiredAt()) + " by " + item.acquisition().examiner() + " with "
                    + item.acquisition().tool().name() + " " + item.acquisition().tool().version() + " (" + item.acquisition().method() + ")");
            row(h, "Source", item.acquisition().source());
            row(h, "Exhibit", item.exhibit() + ReportFacts.route(story));
            h.append("</table><table><tr><th>When</th><th>What</th><th>Who</th><th>Where, with what</th><th>Why, under what authority</th><th>Ledger</th></tr>");
            ItemStory.Step before = null;
            for (ItemStory.Step s : story.steps()) {
                if (before != null && !before.ledger().equals(s.ledger())) {
                    h.append("<tr><td colspan=\"6\"><b>").append(e("Handed over from node " + before.node() + " to node " + s.node())).append("</b></td></tr>");
                }
                before = s;
                h.append("<tr><td>").append(e(ReportFacts.time(s.at()))).append("</td><td>").append(e(s.action())).append("</td><td>")
                        .append(e(s.actor() + " (" + s.role() + ", " + s.authority() + ")")).append("</td><td>")
                        .append(e("node " + s.node() + " (" + s.state() + "), " + s.tool())).append("</td><td>")
                        .append(e(s.reason() + s.legalAuthority().map(a -> "; under " + a).orElse(""))).append("</td><td>")
                        .append(e(ReportFacts.entry(m, s))).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<h2>Checks</h2><table><tr><th>Result</th><th>What</th><th>Finding</th></tr>");
        for (Check c : report.checks()) {
            h.append("<tr><td class=\"").append(c.status()).append("\">").append(c.status()).append("</td><td>").append(e(c.subject()))
                    .append("</td><td>").append(e(c.message())).append("</td></tr>");
        }
        h.append("</table></body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th>").append(e(label)).append("</th><td>").append(e(value)).append("</td></tr>");
    }

    /** Escapes text for HTML and XML alike, and drops characters XML cannot carry. */
    static String e(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c == '\t' || c == '\n' || c >= 0x20 && c != 0x7f && !(c >= 0xd800 && c <= 0xdfff) && c != 0xfffe && c != 0xffff) {
                        out.appendCodePoint(c);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        });
        return out.toString();
    }
}
