package org.comity.node.stats.internal;

import java.io.IOException;
import java.io.Writer;

/** RFC 4180 CSV, with cells that a spreadsheet would read as a formula made harmless (OWASP CSV injection). */
final class Csv {

    private Csv() {}

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number)) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    static void write(Table t, Writer w) throws IOException {
        w.write(String.join(",", t.columns().stream().map(Csv::cell).toList()));
        w.write("\r\n");
        for (var row : t.rows()) {
            w.write(String.join(",", row.stream().map(Csv::cell).toList()));
            w.write("\r\n");
        }
        w.flush();
    }
}
