package org.comity.node.stats.internal;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.comity.node.platform.PdfFont;

/**
 * The annual report as a PDF, rendered from XHTML by openhtmltopdf (as the CLI's custody report and
 * the Request Writer's requests). Its fonts are the node's ({@link PdfFont}: Noto Sans, Noto Naskh
 * Arabic and Droid Sans Fallback, under the SIL Open Font and Apache licences), embedded in the file,
 * so Latin, Cyrillic, Arabic (shaped and right to left through ICU) and Chinese print the same on
 * every node.
 */
final class ReportPdf {

    /** Font families the report's CSS names, in fallback order, with their bundled files and weights. */
    static final List<PdfFont> FONTS = List.of(
            PdfFont.bundled("Noto Sans", "NotoSans-Regular.ttf", 400),
            PdfFont.bundled("Noto Sans", "NotoSans-Bold.ttf", 700),
            PdfFont.bundled("Noto Naskh Arabic", "NotoNaskhArabic-Regular.ttf", 400),
            PdfFont.bundled("Noto Naskh Arabic", "NotoNaskhArabic-Bold.ttf", 700),
            PdfFont.chinese(400),
            PdfFont.chinese(700));

    private ReportPdf() {}

    static void write(String xhtml, boolean rightToLeft, OutputStream out) throws IOException {
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
        builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
        builder.defaultTextDirection(rightToLeft ? BaseRendererBuilder.TextDirection.RTL : BaseRendererBuilder.TextDirection.LTR);
        for (PdfFont font : FONTS) {
            builder.useFont(() -> new ByteArrayInputStream(font.bytes()), font.family(), font.weight(), BaseRendererBuilder.FontStyle.NORMAL, true);
        }
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        builder.run();
    }
}
