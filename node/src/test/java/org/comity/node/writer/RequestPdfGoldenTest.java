package org.comity.node.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The writer's PDFs, printed in English, Arabic and Chinese, rasterized with {@code pdftoppm}
 * (poppler-utils) and compared with the approved images in
 * {@code src/test/resources/org/comity/node/writer/golden/}: tolerant of anti-aliasing (a pixel
 * counts as different only past a channel difference of 64, and up to 0.5% of pixels may differ),
 * strict about glyphs (every glyph the PDF shows must be a real glyph of its embedded font, never
 * glyph 0, the .notdef box).
 *
 * <p>To approve new images after an intended change of layout or fonts, run
 * {@code ./mvnw -pl node test -Djazzer.skip -Dtest=RequestPdfGoldenTest -Dcomity.approve=true},
 * look at the PNGs it wrote, and commit them.
 */
class RequestPdfGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/org/comity/node/writer/golden");
    static final int DPI = 50;
    static final int CHANNEL_TOLERANCE = 64;
    static final double MAX_DIFFERENT = 0.005;

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "ar", "zh", "en-ar"})
    void printsAsApprovedWithEveryGlyphInItsFont(String name) throws Exception {
        List<Sheet> sheets = new ArrayList<>();
        for (String language : name.split("-")) {
            sheets.add(SampleSheets.of(language));
        }
        byte[] pdf = RequestPdf.bundled().render(sheets);

        GlyphCount glyphs = glyphs(pdf);
        assertThat(glyphs.shown).as("glyphs shown").isGreaterThan(200);
        assertThat(glyphs.notdef).as("glyphs that are .notdef boxes").isZero();
        assertThat(glyphs.unembedded).as("fonts not embedded").isEmpty();

        List<BufferedImage> pages = rasterize(pdf, name);
        for (int i = 0; i < pages.size(); i++) {
            Path approved = GOLDEN.resolve(name + "-" + (i + 1) + ".png");
            if (Boolean.getBoolean("comity.approve")) {
                Files.createDirectories(GOLDEN);
                ImageIO.write(pages.get(i), "png", approved.toFile());
                continue;
            }
            assertThat(approved).as("approved image (run with -Dcomity.approve=true to create it)").exists();
            BufferedImage expected = ImageIO.read(approved.toFile());
            assertThat(difference(expected, pages.get(i))).as("share of pixels that differ from " + approved).isLessThanOrEqualTo(MAX_DIFFERENT);
        }
        if (!Boolean.getBoolean("comity.approve")) {
            assertThat(GOLDEN.resolve(name + "-" + (pages.size() + 1) + ".png")).as("no approved page is missing from the print").doesNotExist();
        }
    }

    @Test
    void arabicIsShapedNotPrintedAsIsolatedLetters() throws Exception {
        // Shaped Arabic shows the joining forms: glyphs the font maps from U+FE70..U+FEFF. Unshaped text
        // would show only the isolated letters of U+0600..U+06FF. (In PDFBox's embedding, a glyph's code
        // in the content stream is its id in the original font.)
        Set<Integer> joiningForms = new HashSet<>();
        try (var in = RequestPdf.class.getResourceAsStream("/fonts/NotoNaskhArabic-Regular.ttf")) {
            var font = new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(in));
            for (int cp = 0xFE70; cp <= 0xFEFF; cp++) {
                int gid = font.getUnicodeCmapLookup().getGlyphId(cp);
                if (gid != 0) {
                    joiningForms.add(gid);
                }
            }
        }
        Set<Integer> shown = new HashSet<>();
        try (PDDocument doc = Loader.loadPDF(RequestPdf.bundled().render(List.of(SampleSheets.of("ar"))))) {
            new PDFTextStripper() {
                @Override
                protected void showGlyph(Matrix matrix, PDFont font, int code, Vector displacement) throws IOException {
                    if (font.getName().contains("NotoNaskhArabic") && joiningForms.contains(code)) {
                        shown.add(code);
                    }
                    super.showGlyph(matrix, font, code, displacement);
                }
            }.getText(doc);
        }
        assertThat(shown).as("distinct joining forms printed").hasSizeGreaterThan(20);
    }

    @Test
    void chineseNamesOutsideGb2312AndTraditionalCharactersPrint() throws Exception {
        // 镕 (in a well-known name) and 堃 are outside GB 2312; 臺灣 and 證據 are traditional; 𠀀 (Extension B) is in no font of the node.
        assertThat(Files.isReadable(Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")))
                .as("Chinese beyond GB 2312 needs Debian's fonts-droid-fallback: apt-get install fonts-droid-fallback (.ci/run installs it)").isTrue();
        String text = "朱镕基 王堃 臺灣 證據";
        assertThat(RequestPdf.bundled().unprintable(text)).isEmpty();
        assertThat(RequestPdf.bundled().unprintable("\uD840\uDC00")).containsExactly(0x20000);
        byte[] pdf = RequestPdf.bundled().render(List.of(new Sheet("zh", "请求 " + text, text, List.of(), text, text)));
        GlyphCount glyphs = glyphs(pdf);
        assertThat(glyphs.notdef).as("glyphs that are .notdef boxes").isZero();
        assertThat(glyphs.unembedded).isEmpty();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("朱镕基").contains("臺灣");
        }
    }

    @Test
    void aCharacterNoFontCanDrawIsRefusedNotPrintedAsABox() {
        Sheet withEmoji = new Sheet("en", "Request \uD83D\uDE00", "x", List.of(), "x", "x");
        assertThatThrownBy(() -> RequestPdf.bundled().render(List.of(withEmoji)))
                .isInstanceOf(RequestPdf.UnprintableText.class)
                .hasMessageContaining("U+1F600");
    }

    // --- Helpers ----------------------------------------------------------------------------------

    record GlyphCount(int shown, int notdef, Set<String> unembedded) {}

    static GlyphCount glyphs(byte[] pdf) throws IOException {
        int[] counts = new int[2];
        Set<String> unembedded = new HashSet<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void showGlyph(Matrix matrix, PDFont font, int code, Vector displacement) throws IOException {
                    counts[0]++;
                    if (!font.isEmbedded()) {
                        unembedded.add(font.getName());
                    }
                    if (font instanceof PDType0Font type0 && type0.getDescendantFont().codeToGID(code) == 0) {
                        counts[1]++;
                    }
                    super.showGlyph(matrix, font, code, displacement);
                }
            };
            stripper.getText(doc);
        }
        return new GlyphCount(counts[0], counts[1], unembedded);
    }

    List<BufferedImage> rasterize(byte[] pdf, String name) throws Exception {
        Path file = work.resolve(name + ".pdf");
        Files.write(file, pdf);
        Process p = new ProcessBuilder("pdftoppm", "-r", String.valueOf(DPI), "-png", file.toString(), work.resolve(name).toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("pdftoppm (poppler-utils) finished").isTrue();
        assertThat(p.exitValue()).as("pdftoppm: " + new String(p.getInputStream().readAllBytes())).isZero();
        List<BufferedImage> pages = new ArrayList<>();
        try (var files = Files.list(work)) {
            for (Path png : files.filter(f -> f.getFileName().toString().startsWith(name + "-") && f.toString().endsWith(".png")).sorted().toList()) {
                pages.add(ImageIO.read(png.toFile()));
            }
        }
        assertThat(pages).as("pages rasterized").isNotEmpty();
        return pages;
    }

    /** The share of pixels whose colour differs by more than the tolerance in any channel; 1 when the sizes differ. */
    static double difference(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return 1;
        }
        long different = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    if (Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF)) > CHANNEL_TOLERANCE) {
                        different++;
                        break;
                    }
                }
            }
        }
        return (double) different / ((long) a.getWidth() * a.getHeight());
    }

}
