package org.comity.cli;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The same report as a PDF, rendered from the HTML page by openhtmltopdf. Its Latin, Greek and
 * Cyrillic text is set in Liberation Sans, which PDFBox ships and which is embedded in the file, so
 * the PDF needs no font from the machine it is made or read on.
 */
final class PdfReport {

    /** Inside the PDFBox jar, where it serves as PDFBox's own fallback font. */
    static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    /** Kept here so the setting lives as long as the class: java.util.logging holds loggers weakly. */
    private static final java.util.logging.Logger PDFBOX_LOG = java.util.logging.Logger.getLogger("org.apache.pdfbox");

    private PdfReport() {}

    /** The libraries' own chatter (font fallbacks, timings) is not for a lawyer's terminal; failures still surface as exceptions. */
    private static synchronized void quietly() {
        PDFBOX_LOG.setLevel(java.util.logging.Level.OFF);
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
        if (!(org.apache.pdfbox.pdmodel.font.FontMappers.instance() instanceof BundledFontMapper)) {
            org.apache.pdfbox.pdmodel.font.FontMappers.set(new BundledFontMapper());
        }
    }

    static void write(String html, Path target) throws IOException {
        if (PdfReport.class.getResource(FONT) == null) {
            throw new IOException("the report font is missing from this build of comity");
        }
        quietly();
        try (OutputStream out = Files.newOutputStream(target)) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            for (int weight : new int[] {400, 700}) {
                // One face for both weights: bold text stays legible rather than falling back to a font that may lack its glyphs.
                builder.useFont(PdfReport::font, "Liberation Sans", weight, com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
            }
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        }
    }

    private static InputStream font() {
        return PdfReport.class.getResourceAsStream(FONT);
    }
}
