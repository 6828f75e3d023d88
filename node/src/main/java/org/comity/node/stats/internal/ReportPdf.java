package org.comity.node.stats.internal;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The annual report as a PDF, rendered from XHTML by openhtmltopdf (as the CLI's custody report and
 * the Request Writer's requests). Its fonts are the node's bundled ones (class path {@code /fonts/}:
 * Noto Sans, Noto Naskh Arabic, and the CJK Unified Ideographs of Droid Sans Fallback, under the SIL Open Font
 * and Apache licences), embedded in the file, so Latin, Cyrillic, Arabic (shaped and right to left
 * through ICU) and Chinese print the same on every node, whatever fonts its machine has.
 */
final class ReportPdf {

    /** Font families the report's CSS names, in fallback order, with their bundled files and weights. */
    static final List<Font> FONTS = List.of(
            Font.load("Noto Sans", "NotoSans-Regular.ttf", 400),
            Font.load("Noto Sans", "NotoSans-Bold.ttf", 700),
            Font.load("Noto Naskh Arabic", "NotoNaskhArabic-Regular.ttf", 400),
            Font.load("Noto Naskh Arabic", "NotoNaskhArabic-Bold.ttf", 700),
            Font.load("Droid Sans Fallback", "DroidSansFallback-CJK.ttf", 400),
            Font.load("Droid Sans Fallback", "DroidSansFallback-CJK.ttf", 700));

    record Font(String family, int weight, byte[] bytes) {
        static Font load(String family, String file, int weight) {
            try (InputStream in = ReportPdf.class.getResourceAsStream("/fonts/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("Bundled font " + file + " is missing from the class path");
                }
                return new Font(family, weight, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private ReportPdf() {}

    static void write(String xhtml, boolean rightToLeft, OutputStream out) throws IOException {
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
        builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
        builder.defaultTextDirection(rightToLeft ? BaseRendererBuilder.TextDirection.RTL : BaseRendererBuilder.TextDirection.LTR);
        for (Font font : FONTS) {
            builder.useFont(() -> new ByteArrayInputStream(font.bytes()), font.family(), font.weight(), BaseRendererBuilder.FontStyle.NORMAL, true);
        }
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        builder.run();
    }
}
