package org.comity.node.writer;

import java.util.List;

/** The XHTML openhtmltopdf lays out for a list of sheets: every text escaped, each sheet in its own direction. */
final class SheetHtml {

    private static final String CSS = """
            @page { size: A4; margin: 18mm 18mm 20mm 18mm;
              @bottom-center { content: counter(page) " / " counter(pages); font-family: 'Noto Sans'; font-size: 8pt; color: #555; } }
            body { font-family: 'Noto Sans', 'Noto Naskh Arabic', 'Droid Sans Fallback'; font-size: 10pt; line-height: 1.45; color: #111; }
            .sheet + .sheet { page-break-before: always; }
            .sheet[dir=rtl] { font-family: 'Noto Naskh Arabic', 'Noto Sans', 'Droid Sans Fallback'; text-align: right; }
            .sheet[dir=rtl] .literal { text-align: right; }
            .sheet[lang=zh] { font-family: 'Noto Sans', 'Droid Sans Fallback', 'Noto Naskh Arabic'; }
            h1 { font-size: 16pt; margin: 0 0 2mm 0; font-weight: 700; }
            .subtitle { color: #333; margin: 0 0 6mm 0; }
            h2 { font-size: 11.5pt; font-weight: 700; border-bottom: 0.6pt solid #777; margin: 5mm 0 2mm 0; padding-bottom: 1mm; }
            .label { font-weight: 700; font-size: 9pt; color: #333; margin-top: 2mm; }
            .value { white-space: pre-wrap; }
            .literal { direction: ltr; unicode-bidi: embed; }
            .sign-off { margin-top: 8mm; padding: 3mm; border: 0.8pt solid #333; }
            .footer { margin-top: 4mm; font-size: 8pt; color: #555; }
            """;

    private SheetHtml() {}

    static String of(List<Sheet> sheets) {
        StringBuilder out = new StringBuilder(8_192);
        Sheet first = sheets.getFirst();
        out.append("<!DOCTYPE html>\n<html lang=\"").append(esc(first.language())).append("\" dir=\"").append(first.rightToLeft() ? "rtl" : "ltr")
                .append("\"><head><meta charset=\"utf-8\"/><title>").append(esc(first.title())).append("</title><style>").append(CSS)
                .append("</style></head><body>");
        for (Sheet s : sheets) {
            String dir = s.rightToLeft() ? "rtl" : "ltr";
            out.append("<div class=\"sheet\" lang=\"").append(esc(s.language())).append("\" dir=\"").append(dir).append("\">");
            out.append("<h1>").append(esc(s.title())).append("</h1>");
            out.append("<p class=\"subtitle\">").append(esc(s.subtitle())).append("</p>");
            for (Sheet.Section section : s.sections()) {
                out.append("<h2>").append(esc(section.heading())).append("</h2>");
                for (Sheet.Entry e : section.entries()) {
                    out.append("<div class=\"label\">").append(esc(e.label())).append("</div>");
                    out.append(e.literal() ? "<div class=\"value literal\" dir=\"ltr\">" : "<div class=\"value\">")
                            .append(esc(e.value().isBlank() ? "—" : e.value())).append("</div>");
                }
            }
            out.append("<div class=\"sign-off\">").append(esc(s.signOff())).append("</div>");
            out.append("<div class=\"footer\">").append(esc(s.footer())).append("</div>");
            out.append("</div>");
        }
        return out.append("</body></html>").toString();
    }

    /** XML-escaped, with the characters XML 1.0 forbids dropped. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (cp == '\n' || cp == '\t' || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF && (cp < 0xD800 || cp > 0xDFFF))) {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
