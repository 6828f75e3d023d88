package org.comity.custody.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tile and entry bundle paths, and which tiles a tree has, as c2sp.org/tlog-tiles writes them. */
class TilesTest {

    @Test
    void tileIndexesAreWrittenInThreeDigitElementsAsTheSpecShows() {
        assertThat(Tile.encodeIndex(1234067)).isEqualTo("x001/x234/067"); // the spec's example
        assertThat(Tile.encodeIndex(0)).isEqualTo("000");
        assertThat(Tile.encodeIndex(999)).isEqualTo("999");
        assertThat(Tile.encodeIndex(1000)).isEqualTo("x001/000");
        assertThat(Tile.encodeIndex(Long.MAX_VALUE)).isEqualTo("x009/x223/x372/x036/x854/x775/807");
        assertThat(Tile.full(0, 1234067).path()).isEqualTo("tile/0/x001/x234/067");
        assertThat(new Tile(2, 5, 17).path()).isEqualTo("tile/2/005.p/17");
        assertThat(new Tile(0, 1234067, 112).entriesPath()).isEqualTo("tile/entries/x001/x234/067.p/112");
        assertThat(Tile.full(0, 273).entriesPath()).isEqualTo("tile/entries/273");
        assertThatThrownBy(() -> Tile.full(1, 0).entriesPath()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void requestPathsAreReadBackOnlyInTheirOneForm() {
        for (Tile tile : List.of(Tile.full(0, 0), new Tile(0, 1234067, 8), Tile.full(63, Long.MAX_VALUE), new Tile(1, 1, 255))) {
            assertThat(Tile.parsePath(tile.path())).contains(tile);
            if (tile.level() == 0) {
                assertThat(Tile.parseEntriesPath(tile.entriesPath())).contains(tile);
            }
        }
        for (String path : List.of("tile/0/1234067", "tile/0/x001/x234/67", "tile/0/x000/001", "tile/00/000", "tile/64/000", "tile/0/000.p/0",
                "tile/0/000.p/256", "tile/0/000.p/08", "tile/0/000/", "/tile/0/000", "tile/0/000.p/", "tile/0/x1/000", "tile/-1/000",
                "tile/0/x009/x223/x372/x036/x854/x775/808", "tile/0/x999/x999/x999/x999/x999/x999/999", "tile/entries/000", "", "tile/0/\u0660\u0660\u0660")) {
            assertThat(Tile.parsePath(path)).as(path).isEqualTo(Optional.empty());
        }
        assertThat(Tile.parseEntriesPath("tile/entries/x001/000.p/3")).contains(new Tile(0, 1000, 3));
        assertThat(Tile.parseEntriesPath("tile/0/000")).isEmpty();
        assertThat(Tile.parseEntriesPath("tile/entries/000.p/256")).isEmpty();
    }

    @Test
    void aTreeOf70000LeavesHasTheTilesTheSpecLists() {
        // "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1 tile,
        // one partial level 1 tile of width 17, and one partial level 2 tile of width 1"
        assertThat(Tiles.fullTiles(0, 70_000)).isEqualTo(273);
        assertThat(Tiles.partialWidth(0, 70_000)).isEqualTo(112);
        assertThat(Tiles.fullTiles(1, 70_000)).isEqualTo(1);
        assertThat(Tiles.partialWidth(1, 70_000)).isEqualTo(17);
        assertThat(Tiles.fullTiles(2, 70_000)).isZero();
        assertThat(Tiles.partialWidth(2, 70_000)).isEqualTo(1);
        assertThat(Tiles.hashCount(3, 70_000)).isZero();
        // "a tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1"
        assertThat(Tiles.fullTiles(0, 256)).isEqualTo(1);
        assertThat(Tiles.partialWidth(0, 256)).isZero();
        assertThat(Tiles.partialWidth(1, 256)).isEqualTo(1);
        assertThat(Tiles.hashCount(63, Long.MAX_VALUE)).isZero();
        assertThat(Tiles.tileFor(1, 270, 70_000)).isEqualTo(new Tile(1, 1, 17));
        assertThatThrownBy(() -> Tiles.tileFor(1, 273, 70_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entryBundlesAreLengthPrefixedAndReadExactly() throws Exception {
        byte[] bundle = Tiles.entryBundle(List.of(new byte[0], new byte[] {7}, new byte[300]));
        assertThat(bundle).hasSize(2 + 3 + 302).startsWith(0, 0, 0, 1, 7, 1, 44);
        assertThat(Tiles.readEntryBundle(bundle, 3)).satisfiesExactly(e -> assertThat(e).isEmpty(), e -> assertThat(e).containsExactly(7),
                e -> assertThat(e).hasSize(300));
        assertThatThrownBy(() -> Tiles.readEntryBundle(bundle, 2)).isInstanceOf(TileRejected.class);
        assertThatThrownBy(() -> Tiles.readEntryBundle(bundle, 4)).isInstanceOf(TileRejected.class);
        assertThatThrownBy(() -> Tiles.readEntryBundle(java.util.Arrays.copyOf(bundle, bundle.length - 1), 3)).isInstanceOf(TileRejected.class);
        assertThatThrownBy(() -> Tiles.entryBundle(List.of(new byte[65_536]))).isInstanceOf(IllegalArgumentException.class);
    }
}
