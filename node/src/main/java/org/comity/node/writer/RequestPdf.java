package org.comity.node.writer;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.bidi.support.ICUBreakers;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.comity.node.platform.PdfFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * Prints {@link Sheet}s as one PDF through openhtmltopdf, with its fonts ({@link PdfFont}: bundled
 * under {@code fonts/}, Chinese from the system's full font when installed) embedded (subset) so
 * that Latin, Cyrillic, Arabic and Chinese print the same on every node. Arabic is shaped and reordered by ICU4J before layout, because PDFBox applies no
 * OpenType shaping. A sheet with a character none of the fonts can draw is refused instead of
 * printed with an empty box. Thread-safe: each render builds its own document.
 */
public final class RequestPdf {

    private static final RequestPdf BUNDLED = new RequestPdf(List.of(
            PdfFont.bundled("Noto Sans", "NotoSans-Regular.ttf", 400),
            PdfFont.bundled("Noto Sans", "NotoSans-Bold.ttf", 700),
            PdfFont.bundled("Noto Naskh Arabic", "NotoNaskhArabic-Regular.ttf", 400),
            PdfFont.bundled("Noto Naskh Arabic", "NotoNaskhArabic-Bold.ttf", 700),
            PdfFont.chinese(400)));

    private final List<PdfFont> fonts;
    private final List<TrueTypeFont> coverage = new ArrayList<>();

    private RequestPdf(List<PdfFont> fonts) {
        this.fonts = fonts;
        for (PdfFont f : fonts) {
            try {
                coverage.add(new TTFParser().parse(new RandomAccessReadBuffer(f.bytes())));
            } catch (IOException e) {
                throw new UncheckedIOException("Font " + f.file() + " is unreadable", e);
            }
        }
    }

    /** The renderer with the bundled fonts. */
    public static RequestPdf bundled() {
        return BUNDLED;
    }

    /**
     * Renders the sheets one after the other, each from a new page, in its own direction.
     *
     * @throws UnprintableText when a sheet holds characters no bundled font can draw
     */
    public byte[] render(List<Sheet> sheets) {
        if (sheets.isEmpty()) {
            throw new IllegalArgumentException("Nothing to print");
        }
        for (Sheet s : sheets) {
            SortedSet<Integer> missing = unprintable(s.allText());
            if (!missing.isEmpty()) {
                throw new UnprintableText(missing);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
        builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
        builder.useUnicodeLineBreaker(new ICUBreakers.ICULineBreaker(Locale.forLanguageTag(sheets.getFirst().language())));
        builder.defaultTextDirection(sheets.getFirst().rightToLeft() ? TextDirection.RTL : TextDirection.LTR);
        for (PdfFont f : fonts) {
            byte[] bytes = f.bytes();
            builder.useFont(() -> new ByteArrayInputStream(bytes), f.family(), f.weight(), FontStyle.NORMAL, true);
        }
        builder.withHtmlContent(SheetHtml.of(sheets), null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The code points of {@code text} that no bundled font has a glyph for (spaces and format characters need none). */
    public SortedSet<Integer> unprintable(String text) {
        SortedSet<Integer> out = new TreeSet<>();
        text.codePoints().distinct().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT || cp == 0xA0) {
                return;
            }
            if (coverage.stream().noneMatch(f -> glyph(f, cp) != 0)) {
                out.add(cp);
            }
        });
        return out;
    }

    private static int glyph(TrueTypeFont font, int codePoint) {
        try {
            return font.getUnicodeCmapLookup().getGlyphId(codePoint);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Characters the bundled fonts cannot draw, named so a user can replace them. */
    public static final class UnprintableText extends RuntimeException {
        private final transient SortedSet<Integer> codePoints;

        UnprintableText(SortedSet<Integer> codePoints) {
            super("No font of the PDF can print " + describe(codePoints));
            this.codePoints = codePoints;
        }

        public SortedSet<Integer> codePoints() {
            return codePoints;
        }

        /** "U+1F600 (😀), U+2A6D6 (𪛖)", at most ten. */
        public static String describe(SortedSet<Integer> codePoints) {
            return String.join(", ", codePoints.stream().limit(10)
                    .map(cp -> String.format(Locale.ROOT, "U+%04X (%s)", cp, Character.toString(cp))).toList());
        }
    }
}
