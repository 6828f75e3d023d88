package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.comity.node.evidence.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store's contract, on the file system. */
class FilesystemBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void bytesComeBackByTheirSha256AndAreStoredOnce() throws Exception {
        FilesystemBlobStore store = new FilesystemBlobStore(root);
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
        BlobStore.StoredBlob first = store.put(new ByteArrayInputStream(content), 100);
        BlobStore.StoredBlob second = store.put(new ByteArrayInputStream(content), 100);
        assertThat(first.sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(second).isEqualTo(first);
        assertThat(first.size()).isEqualTo(5);
        try (InputStream in = store.open(first.sha256()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }

    @Test
    void tooManyBytesLeaveNothingBehind() throws Exception {
        FilesystemBlobStore store = new FilesystemBlobStore(root);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[1000]), 999)).isInstanceOf(BlobStore.TooLargeException.class);
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).count()).isZero();
        }
    }

    @Test
    void unknownOrMalformedKeysFindNothing() throws Exception {
        FilesystemBlobStore store = new FilesystemBlobStore(root);
        assertThat(store.open("0".repeat(64))).isEmpty();
        assertThat(store.open("../../etc/passwd")).isEmpty();
        assertThat(store.exists("../x")).isFalse();
    }
}
