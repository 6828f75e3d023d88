package org.comity.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.ManifestItem;
import org.comity.custody.pkg.EvidencePackage;
import org.comity.custody.pkg.EvidencePackageReader;
import org.comity.custody.pkg.PackageRejected;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code comity inspect PACKAGE}: lists what a package says it holds, without checking anything (that is {@code verify}). */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"List an evidence package's items and custody events without checking them (use verify to check).",
                "Exit codes: 0 listed, 2 not a readable evidence package."})
final class InspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PACKAGE", description = "the evidence package (.zip)")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EvidencePackage pkg;
        try {
            pkg = EvidencePackageReader.readWithoutHashing(file);
        } catch (PackageRejected e) {
            spec.commandLine().getErr().println("comity inspect: " + file + " cannot be read: " + e.describe() + ".");
            return 2;
        }
        EvidenceManifest m = pkg.manifest();
        Map<UUID, String> lines = events(pkg);
        out.println("Evidence package " + m.id() + " (NOT VERIFIED: run comity verify to check it)");
        out.println("  produced by node " + m.producerNode().id() + " (" + m.producerNode().name() + ") on " + ReportFacts.time(m.createdAt()));
        m.ledgers().forEach(l -> out.println("  ledger " + ReportFacts.ledger(l)));
        out.println("  request " + m.request().reference() + " under " + m.request().instrument());
        for (ManifestItem item : m.items()) {
            out.println();
            out.println("  " + item.fileName() + "  " + item.mediaType() + "  " + ReportFacts.size(item.size()) + "  " + item.bytes().json());
            out.println("    " + item.description());
            out.println("    exhibit " + item.exhibit() + ", SHA-256 " + item.sha256());
            item.custody().forEach(ref -> out.println("    [" + m.ledger(ref.ledger()).map(l -> l.node().id()).orElse("?") + " " + ref.index() + "] "
                    + lines.getOrDefault(ref.id(), "event " + ref.id() + " (not readable)")));
        }
        out.flush();
        return 0;
    }

    /** A one-line summary of each event that reads, by id. */
    private static Map<UUID, String> events(EvidencePackage pkg) {
        return pkg.text(org.comity.custody.pkg.PackageLayout.EVENTS).orElse("").lines().map(line -> {
            try {
                Object json = org.comity.custody.json.Json.parseObject(line, 100_000).get("event");
                return org.comity.custody.event.CustodyEvent.fromJson(json);
            } catch (RuntimeException | org.comity.custody.event.CustodyFormatException e) {
                return null;
            }
        }).filter(e -> e != null).collect(Collectors.toMap(e -> e.id(), e -> ReportFacts.time(e.at()) + "  " + e.action().json() + " by "
                + e.actor().name() + " (" + e.actor().authorityName() + ") at node " + e.node(), (a, b) -> a));
    }
}
