package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.comity.node.evidence.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault's contract on the file system, and the sealing of blobs an earlier version kept unencrypted. */
class FilesystemBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path root;

    private final VaultCipher cipher = VaultCipher.generate();

    @Override
    BlobStore store() throws IOException {
        return new FilesystemBlobStore(root, cipher);
    }

    @Override
    long storedCount() throws IOException {
        try (var files = Files.walk(root.resolve("vault"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Override
    void leaveCrashDebris() throws IOException {
        Path half = Files.writeString(root.resolve("incoming").resolve("blob-123.part"), "half a ciphertext");
        Files.setLastModifiedTime(half, FileTime.from(Instant.now().minusSeconds(60)));
    }

    @Override
    long debrisCount() throws IOException {
        try (var files = Files.list(root.resolve("incoming"))) {
            return files.count();
        }
    }

    @Override
    byte[] raw(String sha256) throws IOException {
        return Files.readAllBytes(path(sha256));
    }

    @Override
    void replaceRaw(String sha256, byte[] bytes) throws IOException {
        Files.write(path(sha256), bytes);
    }

    @Override
    List<String> probeArguments() throws IOException {
        return List.of("filesystem", Files.createDirectories(root.resolve("probe")).toString());
    }

    private Path path(String sha256) {
        return root.resolve("vault").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    @Test
    void attachmentsAnEarlierVersionKeptUnencryptedAreSealedAtStartAndStillOpen() throws Exception {
        Path legacy = root.resolve("sha256").resolve("2c").resolve("f2").resolve(HELLO_SHA256);
        Files.createDirectories(legacy.getParent());
        Files.writeString(legacy, "hello");
        Path mislabelled = legacy.resolveSibling("0".repeat(64));
        Files.writeString(mislabelled, "not what the name says");

        FilesystemBlobStore store = new FilesystemBlobStore(root, cipher);
        assertThat(store.migrateLegacy()).isEqualTo(1);

        assertThat(read(store, HELLO_SHA256, 0)).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.exists(legacy)).as("the plaintext copy is gone").isFalse();
        assertThat(new String(raw(HELLO_SHA256), StandardCharsets.ISO_8859_1)).doesNotContain("hello");
        assertThat(Files.exists(mislabelled)).as("a file that does not match its name is left for an administrator").isTrue();
        assertThat(store.exists("0".repeat(64))).isFalse();
        assertThat(store.migrateLegacy()).as("a second start finds nothing left to do").isZero();
    }
}
