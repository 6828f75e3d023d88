package org.comity.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.pkg.PackageRejected;
import org.comity.custody.pkg.PackageVerifier;
import org.comity.custody.pkg.Progress;
import org.comity.custody.pkg.TrustAnchors;
import org.comity.custody.pkg.VerificationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code comity verify PACKAGE}: checks an evidence package offline and prints the report a lawyer
 * reads. Exit codes: 0 intact, 1 a check failed (the report names it), 2 the file cannot be read as
 * a package (it says why).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check an evidence package offline: the node's signature, every file's fingerprint, each item's chain of custody "
                + "across the nodes it passed through, and each node's ledger proofs and witnesses.",
                "Exit codes: 0 intact, 1 a check failed, 2 not a readable evidence package."})
final class VerifyCommand implements Callable<Integer> {

    /** A day: beyond that, a receipt dated before its transfer says more about the record than about clocks. */
    static final int MAX_CLOCK_SKEW_MINUTES = 24 * 60;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PACKAGE", description = "the evidence package (.zip)")
    Path file;

    @Option(names = "--html", paramLabel = "FILE", description = "also write the report as a self-contained web page")
    Path html;

    @Option(names = "--pdf", paramLabel = "FILE", description = "also write the report as a PDF")
    Path pdf;

    @Option(names = "--progress", description = "show progress on standard error even when it is not a terminal")
    boolean progress;

    @Option(names = "--node-key", paramLabel = "KID",
            description = "the producing node's signing key id (RFC 7638 thumbprint) as its state publishes it; the package must be signed with it")
    String nodeKey;

    @Option(names = "--ledger-key", paramLabel = "VKEY",
            description = "a node's ledger key (vkey) as its state publishes it; repeat it for each node whose ledger the package holds")
    List<String> ledgerKeys;

    @Option(names = "--clock-skew", paramLabel = "MINUTES", defaultValue = "5",
            description = "how far two nodes' clocks may differ: a receipt may be dated this much before its transfer (default: ${DEFAULT-VALUE})")
    int clockSkewMinutes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrustAnchors anchors = TrustAnchors.none();
        if (nodeKey != null) {
            anchors = anchors.withNodeKey(nodeKey);
        }
        for (String ledgerKey : ledgerKeys == null ? List.<String>of() : ledgerKeys) {
            try {
                anchors = anchors.withLedgerKey(NoteVerifier.parse(ledgerKey));
            } catch (IllegalArgumentException e) {
                err.println("comity verify: --ledger-key " + ledgerKey + " cannot be used: " + e.getMessage());
                return 2;
            }
        }
        if (clockSkewMinutes < 0 || clockSkewMinutes > MAX_CLOCK_SKEW_MINUTES) {
            err.println("comity verify: --clock-skew is a number of minutes from 0 to " + MAX_CLOCK_SKEW_MINUTES);
            return 2;
        }
        Optional<ProgressLine> line = progress || Terminal.stderrIsInteractive() ? Optional.of(new ProgressLine(err)) : Optional.empty();
        VerificationReport report;
        try {
            report = PackageVerifier.verify(file, anchors, Duration.ofMinutes(clockSkewMinutes), line.isPresent() ? line.get() : p -> {});
        } catch (PackageRejected e) {
            line.ifPresent(ProgressLine::end);
            err.println("comity verify: " + file + " cannot be checked: " + e.describe() + ".");
            err.println("It is not a readable Comity evidence package (" + e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + "). Ask the sender for the package again; do not rely on its contents.");
            return 2;
        }
        line.ifPresent(ProgressLine::end);
        TextReport.print(report, file.toString(), out);
        try {
            if (html != null || pdf != null) {
                String page = HtmlReport.render(report, file.toString());
                if (html != null) {
                    Files.writeString(html, page, StandardCharsets.UTF_8);
                    out.println("Report written to " + html);
                }
                if (pdf != null) {
                    PdfReport.write(page, pdf);
                    out.println("Report written to " + pdf);
                }
            }
        } catch (IOException e) {
            err.println("comity verify: the report could not be written: " + e.getMessage());
            return 2;
        }
        out.flush();
        return report.verdict() == VerificationReport.Verdict.INTACT ? 0 : 1;
    }

    /** One line on standard error, rewritten as the hashing goes on. */
    static final class ProgressLine implements Consumer<Progress> {
        private final PrintWriter err;
        private int lastPercent = -1;

        ProgressLine(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void accept(Progress p) {
            int percent = (int) (p.fraction() * 100);
            if (percent != lastPercent) {
                lastPercent = percent;
                err.print(String.format(Locale.ROOT, "\rChecking fingerprints: %3d%% (%s of %s)", percent, ReportFacts.size(p.bytesDone()).split(" \\(")[0],
                        ReportFacts.size(p.bytesTotal()).split(" \\(")[0]));
                err.flush();
            }
        }

        void end() {
            if (lastPercent >= 0) {
                err.println();
                err.flush();
            }
        }
    }
}
