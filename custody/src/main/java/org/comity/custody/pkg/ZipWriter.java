package org.comity.custody.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.CRC32;
import org.comity.custody.keys.Sha256;

/**
 * Writes the one ZIP layout the package format allows (docs/formats/evidence-package.md, "The ZIP
 * container"): stored entries, Zip64 fields on every entry, fixed times and flags, no comments, no
 * gaps. Every byte of the container is thus fixed by the entries' names and contents, so a reader
 * can refuse any other byte, and two ZIP readers cannot see two different packages. An entry's
 * bytes are streamed once: the CRC-32, size and SHA-256 are computed on the way, then written back
 * into its header, which is why the output must be seekable.
 */
final class ZipWriter {

    static final int LOCAL = 0x04034b50;
    static final int CENTRAL = 0x02014b50;
    static final int ZIP64_END = 0x06064b50;
    static final int ZIP64_LOCATOR = 0x07064b50;
    static final int END = 0x06054b50;
    static final short VERSION = 45; // 4.5: Zip64
    static final short FLAGS = 0x0800; // names in UTF-8
    static final short TIME = 0;
    static final short DATE = 0x21; // 1980-01-01, the earliest DOS date: times in a package are in its manifest, not its ZIP
    static final int LOCAL_FIXED = 30;
    static final int LOCAL_EXTRA = 20;
    static final int CENTRAL_FIXED = 46;
    static final int CENTRAL_EXTRA = 28;
    static final int ZIP64_END_SIZE = 56;
    static final int LOCATOR_SIZE = 20;
    static final int END_SIZE = 22;
    static final int MAGIC32 = 0xFFFFFFFF;
    static final short MAGIC16 = (short) 0xFFFF;
    private static final int BUFFER = 1 << 20;
    private static final long PROGRESS_STEP = 8L << 20;

    private final SeekableByteChannel out;
    private final List<Written> entries = new ArrayList<>();
    private long position;

    private ByteBuffer buffer;

    private record Written(byte[] name, int crc, long size, long offset) {}

    ZipWriter(SeekableByteChannel out) throws IOException {
        this.out = out;
        this.position = out.position();
        if (position != 0) {
            throw new IOException("a package starts at the beginning of its file");
        }
    }

    EntryDigest add(String name, byte[] bytes) throws IOException {
        return add(name, Channels.newChannel(new java.io.ByteArrayInputStream(bytes)), n -> {});
    }

    /** Streams one entry; {@code progress} hears the bytes copied so far, about every 8 MiB. */
    EntryDigest add(String name, InputStream in, LongConsumer progress) throws IOException {
        return add(name, Channels.newChannel(in), progress);
    }

    /**
     * Streams one entry from a channel through one direct buffer: the CRC-32, the SHA-256 and the
     * write all read it where the channel put it (a file channel fills it from the page cache with no
     * copy through the heap, which costs a heap-buffer reader about 60% more CPU per byte).
     */
    EntryDigest add(String name, ReadableByteChannel in, LongConsumer progress) throws IOException {
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        long offset = position;
        ByteBuffer header = le(LOCAL_FIXED + encoded.length + LOCAL_EXTRA);
        header.putInt(LOCAL).putShort(VERSION).putShort(FLAGS).putShort((short) 0).putShort(TIME).putShort(DATE)
                .putInt(0) // CRC-32, written back below
                .putInt(MAGIC32).putInt(MAGIC32).putShort((short) encoded.length).putShort((short) LOCAL_EXTRA).put(encoded)
                .putShort((short) 1).putShort((short) 16).putLong(0).putLong(0); // Zip64 sizes, written back below
        write(header.flip());
        CRC32 crc = new CRC32();
        MessageDigest sha = Sha256.digest();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER);
        }
        long size = 0;
        long reported = 0;
        for (int n = in.read(buffer.clear()); n >= 0; n = in.read(buffer.clear())) {
            if (n == 0) {
                continue;
            }
            buffer.flip();
            crc.update(buffer.duplicate());
            sha.update(buffer.duplicate());
            write(buffer);
            size += n;
            if (size - reported >= PROGRESS_STEP) {
                progress.accept(size);
                reported = size;
            }
        }
        progress.accept(size);
        long end = position;
        out.position(offset + 14);
        out.write(le(4).putInt((int) crc.getValue()).flip());
        out.position(offset + LOCAL_FIXED + encoded.length + 4);
        out.write(le(16).putLong(size).putLong(size).flip());
        out.position(end);
        entries.add(new Written(encoded, (int) crc.getValue(), size, offset));
        return new EntryDigest(size, Sha256.hex(sha));
    }

    /** Writes the central directory and the end records; the channel is left for the caller to close. */
    void finish() throws IOException {
        long directory = position;
        for (Written e : entries) {
            ByteBuffer central = le(CENTRAL_FIXED + e.name.length + CENTRAL_EXTRA);
            central.putInt(CENTRAL).putShort(VERSION).putShort(VERSION).putShort(FLAGS).putShort((short) 0).putShort(TIME).putShort(DATE)
                    .putInt(e.crc).putInt(MAGIC32).putInt(MAGIC32).putShort((short) e.name.length).putShort((short) CENTRAL_EXTRA)
                    .putShort((short) 0) // comment length
                    .putShort((short) 0) // disk number
                    .putShort((short) 0) // internal attributes
                    .putInt(0) // external attributes
                    .putInt(MAGIC32).put(e.name)
                    .putShort((short) 1).putShort((short) 24).putLong(e.size).putLong(e.size).putLong(e.offset);
            write(central.flip());
        }
        long directorySize = position - directory;
        long zip64End = position;
        ByteBuffer end = le(ZIP64_END_SIZE + LOCATOR_SIZE + END_SIZE);
        end.putInt(ZIP64_END).putLong(ZIP64_END_SIZE - 12).putShort(VERSION).putShort(VERSION).putInt(0).putInt(0)
                .putLong(entries.size()).putLong(entries.size()).putLong(directorySize).putLong(directory);
        end.putInt(ZIP64_LOCATOR).putInt(0).putLong(zip64End).putInt(1);
        end.putInt(END).putShort((short) 0).putShort((short) 0).putShort(MAGIC16).putShort(MAGIC16).putInt(MAGIC32).putInt(MAGIC32)
                .putShort((short) 0);
        write(end.flip());
    }

    private void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            position += out.write(buffer);
        }
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
