package org.comity.custody.tiles;

import java.io.IOException;

/**
 * The port through which a {@link TileReader} gets a log's resources: over HTTP from the log's URL
 * prefix, from a directory of a copied log, or from memory in tests.
 */
@FunctionalInterface
public interface TileFetcher {

    /**
     * The whole body of the resource at {@code path}, relative to the log's prefix (such as
     * {@code tile/0/x001/234.p/17} or {@code tile/entries/005}); never null.
     *
     * @throws java.nio.file.NoSuchFileException (or {@link java.io.FileNotFoundException}) when the
     *     log does not serve the path, which for a partial tile may mean the full one replaced it
     * @throws IOException when the resource cannot be had for another reason
     */
    byte[] fetch(String path) throws IOException;
}
