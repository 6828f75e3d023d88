package org.comity.node.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.comity.node.evidence.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sealed blobs ({@link SealedBlob}) as files under {@code <root>/vault/ab/cd/<sha256>}: encrypted and
 * hashed in one pass into a temp file in {@code <root>/incoming} (same file system), forced to disk,
 * renamed atomically into place under the hash known only at the end, and the directory forced too.
 *
 * <p>Earlier versions kept attachments unencrypted under {@code <root>/sha256/ab/cd/<sha256>};
 * {@link #migrateLegacy()} seals each of them into the vault (checking its hash on the way) and then
 * deletes the plaintext copy, so no evidence stays unencrypted on disk.
 */
final class FilesystemBlobStore implements BlobStore {

    private static final Logger log = LoggerFactory.getLogger(FilesystemBlobStore.class);
    private final Path root;
    private final Path incoming;
    private final Path vault;
    private final VaultCipher cipher;

    FilesystemBlobStore(Path root, VaultCipher cipher) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve("incoming");
        this.vault = this.root.resolve("vault");
        this.cipher = cipher;
        Files.createDirectories(incoming);
        Files.createDirectories(vault);
    }

    @Override
    public StoredBlob put(InputStream content, long maxBytes) throws IOException {
        Path tmp = Files.createTempFile(incoming, "blob-", ".part");
        try {
            StoredBlob stored;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                stored = SealedBlob.write(cipher, content, maxBytes, out);
                channel.force(true);
            }
            Path target = pathOf(stored.sha256());
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try {
                    // rename(2) replaces a file that a concurrent put of the same content moved there first: either is complete.
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    // the same content arrived meanwhile
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the blob folder must be on one file system: " + root, e);
                }
                forceDirectory(target.getParent());
            }
            return stored;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Optional<InputStream> open(String sha256, long offset) throws IOException {
        if (!valid(sha256)) {
            return Optional.empty();
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(pathOf(sha256), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            SealedBlob.Trailer trailer = trailer(sha256, channel);
            return Optional.of(SealedBlob.read(cipher, sha256, trailer, new SealedBlob.Window(channel, trailer.ciphertextLength()), offset));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public OptionalLong size(String sha256) throws IOException {
        if (!valid(sha256)) {
            return OptionalLong.empty();
        }
        try (FileChannel channel = FileChannel.open(pathOf(sha256), StandardOpenOption.READ)) {
            return OptionalLong.of(trailer(sha256, channel).size());
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public boolean exists(String sha256) {
        return valid(sha256) && Files.exists(pathOf(sha256));
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        if (!valid(sha256)) {
            return false;
        }
        Path path = pathOf(sha256);
        boolean deleted = Files.deleteIfExists(path);
        if (deleted) {
            forceDirectory(path.getParent());
        }
        return deleted;
    }

    @Override
    public int removeAbandoned(Instant startedBefore) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(startedBefore) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Seals every unencrypted blob an earlier version left under {@code <root>/sha256} into the vault,
     * then deletes it. A file whose content does not match its name is left where it is and reported.
     *
     * @return how many blobs were migrated
     */
    int migrateLegacy() throws IOException {
        Path legacy = root.resolve("sha256");
        if (!Files.isDirectory(legacy)) {
            return 0;
        }
        int migrated = 0;
        try (var paths = Files.walk(legacy)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (!valid(name)) {
                    continue;
                }
                if (!exists(name)) {
                    StoredBlob stored;
                    try (InputStream in = Files.newInputStream(file)) {
                        stored = put(in, Long.MAX_VALUE);
                    }
                    if (!stored.sha256().equals(name)) {
                        log.error("Unencrypted blob {} does not match its name (content hashes to {}); left in place for an administrator",
                                file, stored.sha256());
                        continue;
                    }
                }
                Files.delete(file);
                forceDirectory(file.getParent());
                migrated++;
            }
        }
        if (migrated > 0) {
            log.info("Sealed {} unencrypted blob(s) of an earlier version into the vault", migrated);
        }
        return migrated;
    }

    private SealedBlob.Trailer trailer(String key, FileChannel channel) throws IOException {
        long total = channel.size();
        int n = (int) Math.min(SealedBlob.TAIL_BYTES, total);
        java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(n);
        long position = total - n;
        while (tail.hasRemaining()) {
            int read = channel.read(tail, position + tail.position());
            if (read < 0) {
                break;
            }
        }
        return SealedBlob.trailer(cipher, key, tail.array(), total);
    }

    private static boolean valid(String sha256) {
        return sha256 != null && SealedBlob.SHA256.matcher(sha256).matches();
    }

    private Path pathOf(String hash) {
        return vault.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    /** Makes a rename or delete itself durable (POSIX: fsync the directory). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Not every platform can open a directory for syncing; the file itself is already on disk.
        }
    }
}
