package org.comity.node.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A font the node's PDFs embed (the Request Writer's requests, the statistics report): a file
 * bundled under {@code fonts/} on the class path ({@code fonts/README.md} says what each covers and
 * why), or, for Chinese, Debian's full Droid Sans Fallback when the machine has it.
 *
 * @param family the CSS family the PDF's HTML names
 * @param file where it came from, for messages
 */
public record PdfFont(String family, String file, int weight, byte[] bytes) {

    /** Debian's {@code fonts-droid-fallback}: the font the bundled GB 2312 subset was cut from, with every CJK unified ideograph. */
    static final Path SYSTEM_CHINESE = Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");
    private static final String BUNDLED_CHINESE = "DroidSansFallback-GB2312.ttf";

    public static PdfFont bundled(String family, String file, int weight) {
        return new PdfFont(family, file, weight, bundledBytes(file));
    }

    /**
     * Droid Sans Fallback for Chinese: the system's full font when installed (names and traditional
     * characters outside GB 2312 print), else the bundled GB 2312 subset. The glyphs GB 2312 covers
     * are the same in both, so a PDF that prints with the subset looks the same with the full font.
     */
    public static PdfFont chinese(int weight) {
        return new PdfFont("Droid Sans Fallback", Chinese.FILE, weight, Chinese.BYTES);
    }

    /** Read once, whichever classes print. */
    private static final class Chinese {
        static final String FILE = Files.isReadable(SYSTEM_CHINESE) ? SYSTEM_CHINESE.toString() : BUNDLED_CHINESE;
        static final byte[] BYTES = read();

        private static byte[] read() {
            if (!FILE.equals(BUNDLED_CHINESE)) {
                try {
                    return Files.readAllBytes(SYSTEM_CHINESE);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read " + SYSTEM_CHINESE, e);
                }
            }
            return bundledBytes(BUNDLED_CHINESE);
        }
    }

    private static byte[] bundledBytes(String file) {
        try (InputStream in = PdfFont.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("Bundled font " + file + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
