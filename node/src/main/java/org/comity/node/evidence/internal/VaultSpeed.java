package org.comity.node.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How fast this machine's disk takes evidence into the vault, beside a plain copy of the same file
 * forced to disk: the full store path (SHA-256 while reading, Tink streaming encryption, write,
 * fsync, atomic rename) against read, write, fsync. Run by {@code ./comity bench vault}; an
 * operator can run it on a node's own disk the same way. Prints one line per run: kind, bytes, seconds.
 */
public final class VaultSpeed {

    private VaultSpeed() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: VaultSpeed <folder on the vault's disk> <bytes> <runs>");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        long size = Long.parseLong(args[1]);
        int runs = Integer.parseInt(args[2]);
        Path source = dir.resolve("source.bin");
        write(source, size);
        // The source is read once before the runs, so both paths read it from the page cache alike.
        try (InputStream in = Files.newInputStream(source)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        FilesystemBlobStore store = new FilesystemBlobStore(dir.resolve("vault"), VaultCipher.generate());
        store.put(Files.newInputStream(dir.resolve("source.bin")), Long.MAX_VALUE); // warms the JIT on the path measured
        for (int run = 0; run < runs; run++) {
            Path copy = dir.resolve("copy.bin");
            long t0 = System.nanoTime();
            copyAndSync(source, copy);
            report("copy", size, System.nanoTime() - t0);
            Files.delete(copy);
            deleteTree(dir.resolve("vault"));
            store = new FilesystemBlobStore(dir.resolve("vault"), VaultCipher.generate());
            t0 = System.nanoTime();
            try (InputStream in = Files.newInputStream(source)) {
                store.put(in, Long.MAX_VALUE);
            }
            report("store", size, System.nanoTime() - t0);
        }
        deleteTree(dir);
    }

    private static void report(String kind, long bytes, long nanos) {
        System.out.printf(Locale.ROOT, "%s %d %.6f%n", kind, bytes, nanos / 1e9);
    }

    /** The reference: what any copy of evidence to disk costs, with a 1 MiB buffer, forced to disk at the end. */
    static void copyAndSync(Path from, Path to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
            }
            out.force(true);
        }
    }

    private static void write(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(4);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (long left = size; left > 0; ) {
                buffer.clear();
                while (buffer.remaining() >= 8) {
                    buffer.putLong(random.nextLong());
                }
                buffer.flip();
                buffer.limit((int) Math.min(buffer.limit(), left));
                left -= buffer.remaining();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            out.force(true);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
