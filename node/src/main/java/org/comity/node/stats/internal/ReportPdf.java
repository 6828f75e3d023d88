package org.comity.node.stats.internal;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The annual report as a PDF, rendered from XHTML by openhtmltopdf (as the CLI's custody report).
 * Its fonts are embedded in the file, read at run time from the machine's Noto and Droid fonts when
 * they are installed (Debian's fonts-noto-core and fonts-droid-fallback, under the SIL Open Font and
 * Apache licences): Latin, Cyrillic, Arabic (shaped and right to left through ICU) and Chinese. On a
 * machine without them, PDFBox's own Liberation Sans sets the Latin and Cyrillic text and other
 * scripts are missing; the HTML report has no such limit.
 */
final class ReportPdf {

    /** Font families the report's CSS names, in fallback order, and where each is looked for. */
    static final List<Font> FONTS = List.of(
            new Font("Noto Sans", List.of("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")),
            new Font("Noto Naskh Arabic", List.of("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
                    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf")),
            new Font("Droid Sans Fallback", List.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
                    "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf")));

    record Font(String family, List<String> paths) {}

    private ReportPdf() {}

    static void write(String xhtml, boolean rightToLeft, OutputStream out) throws IOException {
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
        builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
        builder.defaultTextDirection(rightToLeft ? BaseRendererBuilder.TextDirection.RTL : BaseRendererBuilder.TextDirection.LTR);
        for (Font font : FONTS) {
            font.paths().stream().map(Path::of).filter(Files::isReadable).findFirst().ifPresent(file -> {
                for (int weight : new int[] {400, 700}) {
                    builder.useFont(file.toFile(), font.family(), weight, BaseRendererBuilder.FontStyle.NORMAL, true);
                }
            });
        }
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        builder.run();
    }
}
