package org.comity.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.LedgerRef;
import org.comity.custody.manifest.ManifestItem;
import org.comity.custody.pkg.ItemStory;

/** How the reports write times, sizes and the like, the same in text, HTML and PDF. */
final class ReportFacts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ReportFacts() {}

    static String time(Instant at) {
        return TIME.format(at);
    }

    /** Bytes in full, with the size a person reads beside them: 3,000 bytes; 549,755,813,888 bytes (512.0 GiB). */
    static String size(long bytes) {
        String exact = String.format(Locale.ROOT, "%,d bytes", bytes);
        if (bytes < 1024) {
            return exact;
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return exact + String.format(Locale.ROOT, " (%.1f %s)", value, units[unit]);
    }

    static String carried(ManifestItem item) {
        return item.path().map(p -> "included as " + p).orElse("not included: only its fingerprint is given");
    }

    /** A ledger as a reader identifies it: the node, its state, and the key to compare with the one the state publishes. */
    static String ledger(LedgerRef ledger) {
        return "of node " + ledger.node().id() + " (" + ledger.node().name() + "), state " + ledger.node().state() + ", key " + ledger.key().vkey();
    }

    /** The nodes an item passed through, when more than one: ", through nodes XB -> XA". */
    static String route(ItemStory story) {
        if (story.handOvers().isEmpty()) {
            return "";
        }
        StringBuilder route = new StringBuilder(", through nodes ").append(story.handOvers().getFirst().sent().node());
        story.handOvers().forEach(h -> route.append(" -> ").append(h.received().node()));
        return route.toString();
    }

    /** Where a step was recorded: "entry 5 of XB's ledger". */
    static String entry(EvidenceManifest manifest, ItemStory.Step step) {
        String node = manifest.ledger(step.ledger()).map(l -> l.node().id()).orElse(step.ledger());
        return "entry " + step.ledgerIndex() + " of " + node + "'s ledger";
    }
}
