package org.comity.node.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The partial data of unfinished uploads, as files {@code <dir>/<upload id>/<random>.chunk}: the
 * bytes of one PATCH each, sealed with the vault's streaming AEAD under associated data naming the
 * upload and the chunk's offset (a chunk cannot be moved to another upload or position unnoticed).
 *
 * <p>A chunk file is written, closed (which seals its last segment) and forced to disk before the
 * database records it; the database is the truth about which chunks make an upload. A file no row
 * names (a PATCH cut short by a crash, or refused) is debris, removed by {@link #sweep}.
 */
final class ChunkFiles {

    private final Path root;
    private final VaultCipher cipher;

    ChunkFiles(Path root, VaultCipher cipher) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.cipher = cipher;
        Files.createDirectories(this.root);
    }

    Path root() {
        return root;
    }

    /** A chunk being written. Nothing is durable until {@link #seal()} returns. */
    final class Writer implements AutoCloseable {
        final String fileName;
        private final Path file;
        private final FileChannel channel;
        private final OutputStream plaintext;
        private boolean sealed;

        private Writer(UUID upload, long start) throws IOException {
            Path dir = root.resolve(upload.toString());
            Files.createDirectories(dir);
            this.fileName = UUID.randomUUID() + ".chunk";
            this.file = dir.resolve(fileName);
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.plaintext = cipher.encrypt(new Unclosing(Channels.newOutputStream(channel)), aad(upload, start));
        }

        void write(byte[] bytes, int offset, int length) throws IOException {
            plaintext.write(bytes, offset, length);
        }

        /** Finishes the ciphertext and forces it to disk. */
        void seal() throws IOException {
            plaintext.close();
            channel.force(true);
            channel.close();
            sealed = true;
            forceDirectory(file.getParent());
        }

        /** Removes the file: the chunk was refused or could not be recorded. */
        void discard() throws IOException {
            close();
            Files.deleteIfExists(file);
        }

        @Override
        public void close() throws IOException {
            if (!sealed && channel.isOpen()) {
                channel.close();
            }
        }
    }

    Writer create(UUID upload, long start) throws IOException {
        return new Writer(upload, start);
    }

    /** A recorded chunk, in order. */
    record Chunk(long start, long length, String fileName) {}

    /** The plaintext of an upload's chunks one after the other, decrypted as it is read. */
    InputStream read(UUID upload, List<Chunk> chunks) {
        return new Concatenated(upload, chunks.iterator());
    }

    /** Removes an upload's partial data. */
    void delete(UUID upload) throws IOException {
        deleteTree(root.resolve(upload.toString()));
    }

    /**
     * Removes debris: folders of uploads that are no longer receiving, and chunk files no row names
     * that nobody has written to since {@code idleBefore} (a PATCH in progress writes all the time).
     *
     * @param receiving the ids of uploads still receiving, with the chunk files their rows name
     */
    int sweep(java.util.Map<UUID, Set<String>> receiving, Instant idleBefore) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                UUID id;
                try {
                    id = UUID.fromString(dir.getFileName().toString());
                } catch (IllegalArgumentException notOurs) {
                    continue;
                }
                Set<String> named = receiving.get(id);
                if (named == null) {
                    if (Files.getLastModifiedTime(dir).toInstant().isBefore(idleBefore)) {
                        deleteTree(dir);
                        removed++;
                    }
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        if (!named.contains(file.getFileName().toString())
                                && Files.getLastModifiedTime(file).toInstant().isBefore(idleBefore) && Files.deleteIfExists(file)) {
                            removed++;
                        }
                    }
                }
            }
        }
        return removed;
    }

    private static byte[] aad(UUID upload, long start) {
        return ("comity.upload.v1:" + upload + ":" + start).getBytes(StandardCharsets.US_ASCII);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException gone) {
            // already removed
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Not every platform can open a directory for syncing.
        }
    }

    /** Opens each chunk when the one before is used up, so one chunk file is open at a time. */
    private final class Concatenated extends InputStream {
        private final UUID upload;
        private final Iterator<Chunk> next;
        private InputStream current;

        Concatenated(UUID upload, Iterator<Chunk> next) {
            this.upload = upload;
            this.next = next;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                if (current == null) {
                    if (!next.hasNext()) {
                        return -1;
                    }
                    Chunk chunk = next.next();
                    Path file = root.resolve(upload.toString()).resolve(chunk.fileName());
                    current = new Exactly(cipher.decrypt(Files.newInputStream(file), aad(upload, chunk.start())), chunk);
                }
                int n = current.read(b, off, len);
                if (n != -1) {
                    return n;
                }
                current.close();
                current = null;
            }
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
            }
        }
    }

    /** A chunk's plaintext, which must be exactly as long as its row says. */
    private static final class Exactly extends InputStream {
        private final InputStream in;
        private final Chunk chunk;
        private long read;

        Exactly(InputStream in, Chunk chunk) {
            this.in = in;
            this.chunk = chunk;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            if (read > chunk.length() || (n == -1 && read != chunk.length())) {
                throw new IOException("chunk at " + chunk.start() + " holds " + read + " bytes, its record says " + chunk.length());
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Lets the encrypting stream finish its last segment; the channel is forced and closed after. */
    private static final class Unclosing extends java.io.FilterOutputStream {
        Unclosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
