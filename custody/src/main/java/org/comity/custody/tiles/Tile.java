package org.comity.custody.tiles;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tile of a tiled log (c2sp.org/tlog-tiles): {@code width} consecutive hashes at tile
 * {@code level}, starting at hash {@code index * 256} of that level. At level 0 the hashes are leaf
 * hashes; at level l each is the root of a complete subtree of 256^l leaves. A tile of 256 hashes
 * is full; the rightmost tiles of a tree are partial.
 *
 * @param level 0 to 63, as the spec allows (a tree of at most 2^63-1 leaves has hashes up to level 7)
 * @param width 1 to 256
 */
public record Tile(int level, long index, int width) {

    /** Hashes in a full tile. */
    public static final int WIDTH = 256;
    /** Tree levels a tile spans: 256 = 2^8. */
    public static final int HEIGHT = 8;

    private static final Pattern PATH = Pattern.compile("tile/(0|[1-9][0-9]?)/((?:x[0-9]{3}/){0,6}[0-9]{3})(?:\\.p/([1-9][0-9]{0,2}))?");
    private static final Pattern ENTRIES_PATH = Pattern.compile("tile/entries/((?:x[0-9]{3}/){0,6}[0-9]{3})(?:\\.p/([1-9][0-9]{0,2}))?");

    public Tile {
        if (level < 0 || level > 63 || index < 0 || width < 1 || width > WIDTH) {
            throw new IllegalArgumentException("no tile " + index + " of width " + width + " at level " + level);
        }
    }

    public static Tile full(int level, long index) {
        return new Tile(level, index, WIDTH);
    }

    public boolean isPartial() {
        return width < WIDTH;
    }

    /** {@code tile/<L>/<N>[.p/<W>]}, relative to the log's prefix. */
    public String path() {
        return "tile/" + level + "/" + encodeIndex(index) + suffix();
    }

    /** {@code tile/entries/<N>[.p/<W>]}: the bundle of the entries whose leaf hashes this level-0 tile holds. */
    public String entriesPath() {
        if (level != 0) {
            throw new IllegalStateException("only level-0 tiles have entry bundles");
        }
        return "tile/entries/" + encodeIndex(index) + suffix();
    }

    private String suffix() {
        return isPartial() ? ".p/" + width : "";
    }

    /**
     * The tile index in 3-digit path elements, all but the last prefixed with {@code x}: 1234067 is
     * {@code x001/x234/067}, so that tiles can be stored as files without a file and a directory
     * sharing a name.
     */
    public static String encodeIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("tile indexes are not negative");
        }
        StringBuilder path = new StringBuilder(String.format("%03d", index % 1000));
        for (long n = index / 1000; n > 0; n /= 1000) {
            path.insert(0, String.format("x%03d/", n % 1000));
        }
        return path.toString();
    }

    /**
     * The tile a request path names, if it names one exactly as {@link #path()} writes it (so not
     * {@code x000/} prefixes, leading zeros or {@code .p/256}); empty otherwise.
     */
    public static Optional<Tile> parsePath(String path) {
        Matcher m = path == null ? null : PATH.matcher(path);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return of(Integer.parseInt(m.group(1)), m.group(2), m.group(3)).filter(t -> t.path().equals(path));
    }

    /** The level-0 tile whose entry bundle a request path names, if it names one exactly; empty otherwise. */
    public static Optional<Tile> parseEntriesPath(String path) {
        Matcher m = path == null ? null : ENTRIES_PATH.matcher(path);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return of(0, m.group(1), m.group(2)).filter(t -> t.entriesPath().equals(path));
    }

    private static Optional<Tile> of(int level, String encodedIndex, String width) {
        long index = 0;
        try {
            for (String element : encodedIndex.replace("x", "").split("/")) {
                index = Math.addExact(Math.multiplyExact(index, 1000), Integer.parseInt(element));
            }
        } catch (ArithmeticException beyondLong) {
            return Optional.empty();
        }
        int w = width == null ? WIDTH : Integer.parseInt(width);
        if (level > 63 || width != null && w >= WIDTH) {
            return Optional.empty(); // a full tile has no .p/ suffix
        }
        return Optional.of(new Tile(level, index, w));
    }
}
