package org.comity.custody.tiles;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.comity.custody.merkle.ConsistencyProofs;
import org.comity.custody.merkle.HashSource;
import org.comity.custody.merkle.InclusionProofs;
import org.comity.custody.merkle.TreeHash;

/**
 * A tiled log read by a verifier: the tree of {@code size} leaves as a {@link HashSource} over
 * fetched tiles, so roots and proofs are rebuilt from the few tiles they need. What it reads is
 * only as good as the checkpoint it is checked against: compare {@link #root()} with a verified
 * checkpoint's root, or verify its proofs against that root. Safe for use by several threads.
 *
 * <p>As a {@link HashSource} it reports fetch failures and malformed tiles as
 * {@link UncheckedIOException}; {@link #root()}, {@link #inclusionProof} and
 * {@link #consistencyProof} give them back as {@link IOException}.
 */
public final class TileReader implements HashSource {

    /** Tiles kept: enough for the paths of a proof and a root, 8 KiB each. */
    private static final int CACHED_TILES = 64;
    private final TileFetcher fetcher;
    private final long size;
    private final Map<Tile, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Tile, byte[]> eldest) {
            return size() > CACHED_TILES;
        }
    };

    private TileReader(TileFetcher fetcher, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is not negative");
        }
        this.fetcher = fetcher;
        this.size = size;
    }

    /** A reader of the tree of {@code size} leaves, the size of a checkpoint (which says which partial tiles exist). */
    public static TileReader of(TileFetcher fetcher, long size) {
        return new TileReader(fetcher, size);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] subtreeHash(int level, long index) {
        if (level < 0 || level > 62 || index < 0 || index >= size >>> level) {
            throw new IllegalArgumentException("no complete subtree " + index + " at level " + level + " in a tree of " + size);
        }
        // A subtree of height 8t + r is the root of 2^r consecutive hashes of tile level t.
        int tileLevel = level / Tile.HEIGHT;
        int below = level % Tile.HEIGHT;
        long first = index << below;
        Tile tile = Tiles.tileFor(tileLevel, first, size);
        byte[] content;
        try {
            content = tile(tile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int offset = (int) (first - tile.index() * Tile.WIDTH);
        byte[][] layer = new byte[1 << below][];
        for (int i = 0; i < layer.length; i++) {
            layer[i] = Arrays.copyOfRange(content, (offset + i) * TreeHash.SIZE, (offset + i + 1) * TreeHash.SIZE);
        }
        for (int n = layer.length; n > 1; n /= 2) {
            for (int i = 0; i < n / 2; i++) {
                layer[i] = TreeHash.node(layer[2 * i], layer[2 * i + 1]);
            }
        }
        return layer[0];
    }

    /** The root of the tree, from at most one tile per level. */
    public byte[] root() throws IOException {
        try {
            return TreeHash.root(this, size);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public List<byte[]> inclusionProof(long index) throws IOException {
        try {
            return InclusionProofs.prove(this, index, size);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The proof that this tree extends the tree of its first {@code size1} leaves. */
    public List<byte[]> consistencyProof(long size1) throws IOException {
        try {
            return ConsistencyProofs.prove(this, size1, size);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The entries of bundle {@code bundleIndex} (leaves {@code 256 * bundleIndex} on), each checked
     * against its leaf hash in the level-0 tile: as trustworthy as that tile.
     */
    public List<byte[]> entries(long bundleIndex) throws IOException {
        Tile tile = Tiles.tileFor(0, bundleIndex * Tile.WIDTH, size);
        List<byte[]> entries;
        try {
            entries = Tiles.readEntryBundle(fetcher.fetch(tile.entriesPath()), tile.width());
        } catch (NoSuchFileException | FileNotFoundException gone) {
            if (!tile.isPartial()) {
                throw gone;
            }
            entries = Tiles.readEntryBundle(fetcher.fetch(Tile.full(0, tile.index()).entriesPath()), Tile.WIDTH).subList(0, tile.width());
        }
        byte[] hashes = tile(tile);
        for (int i = 0; i < entries.size(); i++) {
            byte[] expected = Arrays.copyOfRange(hashes, i * TreeHash.SIZE, (i + 1) * TreeHash.SIZE);
            if (!MessageDigest.isEqual(TreeHash.leaf(entries.get(i)), expected)) {
                throw new TileRejected("entry " + i + " of " + tile.entriesPath() + " does not hash to its leaf in " + tile.path());
            }
        }
        return entries;
    }

    /**
     * A tile's hashes, fetched once. A partial tile the log no longer serves (it may drop one once
     * the full tile exists) is read from the start of the full tile, as the spec allows.
     */
    private byte[] tile(Tile tile) throws IOException {
        synchronized (cache) {
            byte[] cached = cache.get(tile);
            if (cached != null) {
                return cached;
            }
        }
        byte[] content;
        try {
            content = checked(tile, fetcher.fetch(tile.path()));
        } catch (NoSuchFileException | FileNotFoundException gone) {
            if (!tile.isPartial()) {
                throw gone;
            }
            Tile full = Tile.full(tile.level(), tile.index());
            content = Arrays.copyOf(checked(full, fetcher.fetch(full.path())), tile.width() * TreeHash.SIZE);
        }
        synchronized (cache) {
            cache.put(tile, content);
        }
        return content;
    }

    private static byte[] checked(Tile tile, byte[] content) throws TileRejected {
        if (content == null || content.length != tile.width() * TreeHash.SIZE) {
            throw new TileRejected(tile.path() + " is " + (content == null ? "missing" : content.length + " bytes") + ", not the "
                    + tile.width() * TreeHash.SIZE + " of " + tile.width() + " hashes");
        }
        return content;
    }
}
