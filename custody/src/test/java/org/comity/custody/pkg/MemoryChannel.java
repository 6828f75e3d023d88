package org.comity.custody.pkg;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/** A seekable channel over a byte array, so tests write and read packages without touching the disk. */
final class MemoryChannel implements SeekableByteChannel {

    private byte[] bytes;
    private int size;
    private int position;

    MemoryChannel() {
        this(new byte[0]);
    }

    MemoryChannel(byte[] content) {
        this.bytes = content.clone();
        this.size = content.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public int read(ByteBuffer dst) {
        if (position >= size) {
            return -1;
        }
        int n = Math.min(dst.remaining(), size - position);
        dst.put(bytes, position, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        if (position + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + n));
        }
        src.get(bytes, position, n);
        position += n;
        size = Math.max(size, position);
        return n;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        position = (int) Math.min(newPosition, Integer.MAX_VALUE);
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        size = (int) Math.min(size, newSize);
        return this;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
