package org.comity.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.LedgerRef;
import org.comity.custody.manifest.ManifestItem;
import org.comity.custody.manifest.NodeRef;
import org.comity.custody.pkg.Check;
import org.comity.custody.pkg.ItemStory;
import org.comity.custody.pkg.VerificationReport;

/**
 * The verification report as plain text for a terminal: the package and the nodes whose ledgers it
 * holds, each item's story across those nodes, each check, the verdict.
 */
final class TextReport {

    private TextReport() {}

    static void print(VerificationReport report, String file, PrintWriter out) {
        EvidenceManifest m = report.manifest();
        NodeRef producer = m.producerNode();
        out.println("Evidence package " + file);
        out.println("  package id   " + m.id());
        out.println("  produced by  node " + producer.id() + " (" + producer.name() + "), state " + producer.state() + ", on "
                + ReportFacts.time(m.createdAt()));
        out.println("  answering    request " + m.request().reference() + " under " + m.request().instrument());
        out.println("               from " + m.request().requesting().authority() + " (" + m.request().requesting().state() + ") to "
                + m.request().requested().authority() + " (" + m.request().requested().state() + ")");
        for (LedgerRef ledger : m.ledgers()) {
            out.println("  ledger       " + ReportFacts.ledger(ledger));
        }
        out.println();
        out.println("WHAT WAS COLLECTED, BY WHOM, WHEN, AND EVERY HAND IT PASSED THROUGH");
        int n = 0;
        for (ItemStory story : report.items()) {
            ManifestItem item = story.item();
            out.println();
            out.println(++n + ". " + item.description());
            out.println("   file        " + item.fileName() + " (" + item.mediaType() + "), " + ReportFacts.size(item.size()));
            out.println("   in package  " + ReportFacts.carried(item));
            out.println("   SHA-256     " + item.sha256());
            out.println("   acquired    " + ReportFacts.time(item.acquisition().acquiredAt()) + " by " + item.acquisition().examiner() + " with "
                    + item.acquisition().tool().name() + " " + item.acquisition().tool().version() + " (" + item.acquisition().method() + ")");
            out.println("   source      " + item.acquisition().source());
            out.println("   custody     exhibit " + item.exhibit() + ReportFacts.route(story));
            ItemStory.Step before = null;
            for (ItemStory.Step s : story.steps()) {
                if (before != null && !before.ledger().equals(s.ledger())) {
                    out.println("     -- handed over from node " + before.node() + " to node " + s.node() + " --");
                }
                out.println("     " + ReportFacts.time(s.at()) + "  " + s.action().toUpperCase(Locale.ROOT) + " by " + s.actor() + " (" + s.role()
                        + ", " + s.authority() + ") at node " + s.node() + " (" + s.state() + ") with " + s.tool());
                out.println("       why: " + s.reason() + s.legalAuthority().map(a -> "; under " + a).orElse("") + "  [" + ReportFacts.entry(m, s) + "]");
                before = s;
            }
        }
        out.println();
        out.println("CHECKS");
        for (Check c : report.checks()) {
            out.println(String.format("  %-4s  %s: %s", c.status(), c.subject(), c.message()));
        }
        out.println();
        out.println(verdict(report));
        out.flush();
    }

    static String verdict(VerificationReport report) {
        if (report.verdict() == VerificationReport.Verdict.INTACT) {
            EvidenceManifest m = report.manifest();
            String ledgers = m.ledgers().size() == 1 ? "its ledger" : "the ledgers of nodes " + report.ledgerNodes();
            return "VERDICT: INTACT. Every check passed: the package is as node " + m.producerNode().id()
                    + " signed it, and the custody of every item is recorded, unbroken, in " + ledgers + ".";
        }
        return "VERDICT: BROKEN. " + report.failures().size() + " check" + (report.failures().size() == 1 ? "" : "s") + " failed: "
                + String.join("; ", report.failures().stream().map(c -> c.subject() + " (" + c.message() + ")").limit(5).toList())
                + (report.failures().size() > 5 ? "; and more above" : "") + ".";
    }
}
