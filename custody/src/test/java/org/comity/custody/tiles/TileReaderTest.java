package org.comity.custody.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.comity.custody.merkle.ConsistencyProofs;
import org.comity.custody.merkle.InclusionProofs;
import org.comity.custody.merkle.MemoryLog;
import org.comity.custody.merkle.ProofRejected;
import org.comity.custody.merkle.TreeHash;
import org.junit.jupiter.api.Test;

/**
 * A log of 70,000 entries served as tiles from memory, as a log would serve them over HTTP: the
 * reader rebuilds from tiles the same root and proofs as the log computes directly, fetching only
 * what it needs, and a damaged tile shows.
 */
class TileReaderTest {

    static final int SIZE = 70_000;
    static final MemoryLog LOG = MemoryLog.empty();
    static final List<byte[]> ENTRIES = new ArrayList<>();

    static {
        for (int i = 0; i < SIZE; i++) {
            byte[] entry = ("{\"seq\":" + i + ",\"type\":\"custody.sealed\"}").getBytes(StandardCharsets.UTF_8);
            ENTRIES.add(entry);
            LOG.append(entry);
        }
    }

    final Set<String> fetched = new LinkedHashSet<>();

    /**
     * Serves what a log of {@code current} leaves must: its full tiles and bundles, and the partial
     * ones no full one has replaced yet (of sizes it published checkpoints for; here, any size).
     */
    TileFetcher server(long current) {
        return path -> {
            fetched.add(path);
            if (Tile.parsePath(path).filter(t -> serves(t, current)).isPresent()) {
                return Tiles.content(LOG, Tile.parsePath(path).orElseThrow());
            }
            Tile bundle = Tile.parseEntriesPath(path).filter(t -> serves(t, current)).orElseThrow(() -> new NoSuchFileException(path));
            long first = bundle.index() * Tile.WIDTH;
            return Tiles.entryBundle(ENTRIES.subList((int) first, (int) first + bundle.width()));
        };
    }

    static boolean serves(Tile tile, long current) {
        long count = Tiles.hashCount(tile.level(), current);
        return tile.isPartial() ? tile.index() == count / Tile.WIDTH && tile.width() <= count % Tile.WIDTH : tile.index() < count / Tile.WIDTH;
    }

    @Test
    void theRootFromTilesIsTheLogsAndNeedsOnlyTheThreePartialTiles() throws Exception {
        TileReader reader = TileReader.of(server(SIZE), SIZE);
        assertThat(reader.root()).isEqualTo(LOG.root());
        // 70,000 = 65,536 + 4,096 + 256 + 64 + 32 + 16: one hash of level 2, two of level 1, three runs of level-0 hashes.
        assertThat(fetched).containsExactly("tile/2/000.p/1", "tile/1/001.p/17", "tile/0/273.p/112");
    }

    @Test
    void proofsFromTilesAreTheLogsOwn() throws Exception {
        TileReader reader = TileReader.of(server(SIZE), SIZE);
        byte[] root = LOG.root();
        List<Long> indexes = new ArrayList<>(LongStream.range(0, SIZE).filter(i -> i % 997 == 0).boxed().toList());
        indexes.addAll(List.of(255L, 256L, 65_535L, 65_536L, 69_631L, 69_632L, 69_887L, 69_888L, 69_999L));
        for (long index : indexes) {
            List<byte[]> proof = reader.inclusionProof(index);
            assertThat(proof).as("leaf %d", index).containsExactlyElementsOf(InclusionProofs.prove(LOG, index, SIZE));
            InclusionProofs.verify(index, SIZE, TreeHash.leaf(ENTRIES.get((int) index)), proof, root);
        }
        for (long size1 : List.of(1L, 256L, 1_000L, 65_536L, 69_888L, 69_999L, 70_000L)) {
            List<byte[]> proof = reader.consistencyProof(size1);
            assertThat(proof).as("from %d", size1).containsExactlyElementsOf(ConsistencyProofs.prove(LOG, size1, SIZE));
            ConsistencyProofs.verify(size1, SIZE, proof, TreeHash.root(LOG, size1), root);
        }
        assertThat(fetched.stream().filter(p -> p.startsWith("tile/0/")).count()).as("level-0 tiles fetched").isLessThanOrEqualTo(indexes.size() + 2);
    }

    @Test
    void anOlderCheckpointIsReadFromFullTilesOnceItsPartialOnesAreGone() throws Exception {
        // At 69,000 leaves level 0 ended in tile/0/269.p/136; the log, now at 70,000, serves tile/0/269 instead.
        TileReader reader = TileReader.of(server(SIZE), 69_000);
        assertThat(reader.root()).isEqualTo(TreeHash.root(LOG, 69_000));
        assertThat(fetched).contains("tile/0/269.p/136", "tile/0/269", "tile/1/001.p/13");
        assertThat(reader.entries(269)).hasSize(136).first().isEqualTo(ENTRIES.get(269 * 256));
    }

    @Test
    void entriesComeInBundlesCheckedAgainstTheirLeafHashes() throws Exception {
        TileReader reader = TileReader.of(server(SIZE), SIZE);
        assertThat(reader.entries(0)).containsExactlyElementsOf(ENTRIES.subList(0, 256));
        assertThat(reader.entries(273)).containsExactlyElementsOf(ENTRIES.subList(69_888, SIZE));
        TileFetcher swapped = path -> path.equals("tile/entries/005")
                ? Tiles.entryBundle(ENTRIES.subList(5 * 256 + 1, 6 * 256 + 1)) : server(SIZE).fetch(path);
        assertThatThrownBy(() -> TileReader.of(swapped, SIZE).entries(5)).isInstanceOf(TileRejected.class)
                .hasMessage("entry 0 of tile/entries/005 does not hash to its leaf in tile/0/005");
    }

    @Test
    void aDamagedTileShowsInTheRootOrTheProof() throws Exception {
        TileFetcher flipped = path -> {
            byte[] content = server(SIZE).fetch(path);
            if (path.equals("tile/1/000")) {
                content[40] ^= 1; // hash 1 of level 1: the subtree of leaves 256 to 511
            }
            return content;
        };
        TileReader reader = TileReader.of(flipped, SIZE);
        assertThat(reader.root()).isEqualTo(LOG.root()); // the root does not read that tile...
        List<byte[]> proof = reader.inclusionProof(0); // ...but the proof of leaf 0 does, and no longer verifies
        assertThatThrownBy(() -> InclusionProofs.verify(0, SIZE, TreeHash.leaf(ENTRIES.get(0)), proof, LOG.root()))
                .isInstanceOf(ProofRejected.class);

        TileFetcher truncated = path -> {
            byte[] content = server(SIZE).fetch(path);
            return path.equals("tile/1/001.p/17") ? Arrays.copyOf(content, 16 * 32) : content;
        };
        assertThatThrownBy(() -> TileReader.of(truncated, SIZE).root()).isInstanceOf(TileRejected.class)
                .hasMessage("tile/1/001.p/17 is 512 bytes, not the 544 of 17 hashes");
        assertThatThrownBy(() -> TileReader.of(path -> {
            throw new NoSuchFileException(path);
        }, SIZE).root()).isInstanceOf(NoSuchFileException.class);
    }
}
