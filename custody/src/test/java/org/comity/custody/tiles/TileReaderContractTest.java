package org.comity.custody.tiles;

import java.nio.file.NoSuchFileException;
import java.util.List;
import org.comity.custody.merkle.HashSource;
import org.comity.custody.merkle.HashSourceContract;
import org.comity.custody.merkle.MemoryLog;

/** A tile reader keeps the {@link HashSource} contract over the tiles a log serves. */
class TileReaderContractTest extends HashSourceContract {

    @Override
    protected HashSource sourceOf(List<byte[]> entries) {
        MemoryLog log = MemoryLog.empty();
        entries.forEach(log::append);
        long size = log.size();
        return TileReader.of(path -> Tile.parsePath(path).filter(t -> t.index() * Tile.WIDTH + t.width() <= Tiles.hashCount(t.level(), size))
                .map(t -> Tiles.content(log, t)).orElseThrow(() -> new NoSuchFileException(path)), size);
    }
}
