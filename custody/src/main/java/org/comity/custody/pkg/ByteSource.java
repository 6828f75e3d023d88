package org.comity.custody.pkg;

import java.io.IOException;
import java.io.InputStream;

/** Opens an item's bytes for one pass, so a package can be written from a file or blob store without holding it in memory. */
@FunctionalInterface
public interface ByteSource {

    /** A new stream over the whole item; the writer closes it. */
    InputStream open() throws IOException;
}
