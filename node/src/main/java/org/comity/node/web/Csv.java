package org.comity.node.web;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Rows of comma-separated values (RFC 4180: CRLF line ends, a field in double quotes when it holds a
 * comma, a quote or a line break, quotes doubled). A field that a spreadsheet would run as a formula
 * (starting with {@code = + - @}, a tab or a carriage return) is written with a leading apostrophe,
 * so opening an export never runs what someone typed into a name or a reason (CWE-1236); a number
 * is written as it is, negative ones too.
 */
public final class Csv {

    private Csv() {}

    /** Writes one row; a null field is empty. */
    public static void row(Appendable out, Object... fields) {
        try {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(fields[i]));
            }
            out.append("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One field as it stands in a row; null is empty. */
    public static String cell(Object field) {
        if (field == null) {
            return "";
        }
        String text = field.toString();
        String value = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(field instanceof Number) ? "'" + text : text;
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
