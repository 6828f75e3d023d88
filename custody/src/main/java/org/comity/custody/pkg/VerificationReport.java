package org.comity.custody.pkg;

import java.util.List;
import org.comity.custody.manifest.EvidenceManifest;

/**
 * What {@link PackageVerifier} found: every check with its outcome, the verdict, and the story of
 * each item. The package is INTACT only when no check failed.
 */
public record VerificationReport(EvidenceManifest manifest, Verdict verdict, List<Check> checks, List<ItemStory> items) {

    public enum Verdict {
        /** Every check passed: the package is as the producing node signed it, and its custody record holds together. */
        INTACT,
        /** At least one check failed: see which. */
        BROKEN
    }

    public VerificationReport {
        checks = List.copyOf(checks);
        items = List.copyOf(items);
    }

    static VerificationReport of(EvidenceManifest manifest, List<Check> checks, List<ItemStory> items) {
        boolean failed = checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
        return new VerificationReport(manifest, failed ? Verdict.BROKEN : Verdict.INTACT, checks, items);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> c.status() == Check.Status.FAIL).toList();
    }

    /** The nodes whose ledgers the package holds, as a report says them: "XA", "XB and XA", "XC, XB and XA". */
    public String ledgerNodes() {
        return inWords(manifest.ledgers().stream().map(l -> l.node().id()).toList());
    }

    static String inWords(List<String> names) {
        return names.size() < 2 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }
}
