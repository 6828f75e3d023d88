package org.comity.custody.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens an item's bytes for one pass, so a package can be written from a file or blob store without holding it in memory. */
@FunctionalInterface
public interface ByteSource {

    /** A new stream over the whole item; the writer closes it. */
    InputStream open() throws IOException;

    /**
     * A new channel over the whole item; the writer closes it. The writer reads through this, into a
     * direct buffer: a source that is a file answers with its {@link FileChannel}, so the bytes go from
     * the page cache to the hash, the CRC and the package without a copy through the Java heap.
     */
    default ReadableByteChannel openChannel() throws IOException {
        return Channels.newChannel(open());
    }

    /** The bytes of a file, read through its {@link FileChannel}. */
    static ByteSource ofFile(Path file) {
        return new ByteSource() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public ReadableByteChannel openChannel() throws IOException {
                return FileChannel.open(file, StandardOpenOption.READ);
            }
        };
    }
}
