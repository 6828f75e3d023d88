package org.comity.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.comity.custody.manifest.ManifestItem;

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
}
