package org.comity.custody.tiles;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.comity.custody.merkle.HashSource;
import org.comity.custody.merkle.TreeHash;

/** Which tiles a tree has, what a tile holds, and the entry bundle format (c2sp.org/tlog-tiles). */
public final class Tiles {

    /** Entries in a bundle carry a 16-bit length. */
    public static final int MAX_ENTRY_BYTES = 0xffff;

    private Tiles() {}

    /** How many hashes tile level {@code level} of a tree of {@code size} leaves holds: its complete subtrees of 256^level leaves. */
    public static long hashCount(int level, long size) {
        requireLevel(level);
        return level * Tile.HEIGHT >= Long.SIZE ? 0 : size >>> (level * Tile.HEIGHT);
    }

    /** Full tiles at {@code level} of a tree of {@code size} leaves. */
    public static long fullTiles(int level, long size) {
        return hashCount(level, size) / Tile.WIDTH;
    }

    /** The width of the partial tile at {@code level} (the spec's floor(size / 256^level) mod 256); 0 when there is none. */
    public static int partialWidth(int level, long size) {
        return (int) (hashCount(level, size) % Tile.WIDTH);
    }

    /** The tile, full or partial, that holds hash {@code hashIndex} of {@code level} in a tree of {@code size} leaves. */
    public static Tile tileFor(int level, long hashIndex, long size) {
        long count = hashCount(level, size);
        if (hashIndex < 0 || hashIndex >= count) {
            throw new IllegalArgumentException("a tree of " + size + " has no hash " + hashIndex + " at tile level " + level);
        }
        long index = hashIndex / Tile.WIDTH;
        return new Tile(level, index, (int) Math.min(Tile.WIDTH, count - index * Tile.WIDTH));
    }

    /** What the log serves at {@code tile.path()}: its hashes, 32 bytes each, read from the source's complete subtrees. */
    public static byte[] content(HashSource source, Tile tile) {
        long first = tile.index() * Tile.WIDTH;
        if (first + tile.width() > hashCount(tile.level(), source.size())) {
            throw new IllegalArgumentException(tile.path() + " is not complete in a log of " + source.size());
        }
        ByteBuffer content = ByteBuffer.allocate(tile.width() * TreeHash.SIZE);
        for (int i = 0; i < tile.width(); i++) {
            content.put(source.subtreeHash(tile.level() * Tile.HEIGHT, first + i));
        }
        return content.array();
    }

    /** An entry bundle: each entry as a big-endian 16-bit length and its bytes. */
    public static byte[] entryBundle(List<byte[]> entries) {
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        for (byte[] entry : entries) {
            if (entry.length > MAX_ENTRY_BYTES) {
                throw new IllegalArgumentException("an entry of a bundle is at most " + MAX_ENTRY_BYTES + " bytes");
            }
            bundle.write(entry.length >>> 8);
            bundle.write(entry.length);
            bundle.writeBytes(entry);
        }
        return bundle.toByteArray();
    }

    /** Reads an entry bundle that must hold exactly {@code count} entries and nothing after them. */
    public static List<byte[]> readEntryBundle(byte[] bundle, int count) throws TileRejected {
        List<byte[]> entries = new ArrayList<>(count);
        int at = 0;
        while (entries.size() < count) {
            if (bundle.length - at < 2) {
                throw new TileRejected("the bundle ends after " + entries.size() + " of " + count + " entries");
            }
            int length = (bundle[at] & 0xff) << 8 | bundle[at + 1] & 0xff;
            at += 2;
            if (bundle.length - at < length) {
                throw new TileRejected("entry " + entries.size() + " of the bundle is cut short");
            }
            entries.add(Arrays.copyOfRange(bundle, at, at + length));
            at += length;
        }
        if (at != bundle.length) {
            throw new TileRejected("the bundle holds more than " + count + " entries");
        }
        return entries;
    }

    private static void requireLevel(int level) {
        if (level < 0 || level > 63) {
            throw new IllegalArgumentException("tile levels are 0 to 63");
        }
    }
}
