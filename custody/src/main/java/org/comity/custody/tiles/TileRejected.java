package org.comity.custody.tiles;

import java.io.IOException;
import java.io.Serial;

/** A fetched tile or entry bundle without the shape its path promises: a broken or hostile log, or a damaged copy. */
public final class TileRejected extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    public TileRejected(String detail) {
        super(detail);
    }
}
