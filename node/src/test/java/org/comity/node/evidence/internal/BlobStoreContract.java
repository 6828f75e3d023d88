package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.comity.node.evidence.BlobStore;
import org.comity.node.evidence.BlobStore.IntegrityException;
import org.comity.node.evidence.BlobStore.StoredBlob;
import org.comity.node.platform.Sha256;
import org.junit.jupiter.api.Test;

/**
 * The vault's contract ({@link BlobStore}), run as it is against every store: the filesystem store
 * and the S3 store against a real S3-compatible server. A subclass supplies a fresh, empty store per
 * test and a look at what the store keeps underneath (ciphertext, debris), to check what the API
 * alone cannot show.
 */
abstract class BlobStoreContract {

    static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final int MIB = 1024 * 1024;

    /** A fresh store over empty storage, for each test. */
    abstract BlobStore store() throws Exception;

    /** How many blobs are visible in the storage (complete objects under content keys). */
    abstract long storedCount() throws Exception;

    /** What a put that a crash cut short leaves: a temp file, or an unfinished multipart upload and a temp object. */
    abstract void leaveCrashDebris() throws Exception;

    abstract long debrisCount() throws Exception;

    /** The stored bytes of a blob, as they are at rest. */
    abstract byte[] raw(String sha256) throws Exception;

    /** Replaces the stored bytes of a blob (an attacker, or a bad disk). */
    abstract void replaceRaw(String sha256, byte[] bytes) throws Exception;

    /** The arguments that make {@link FlatMemoryProbe} build this kind of store, in a JVM of its own. */
    abstract List<String> probeArguments() throws Exception;

    @Test
    void smallEmptyAndMultiMegabyteContentComeBackByTheirSha256() throws Exception {
        BlobStore store = store();
        byte[] large = random(12 * MIB + 12_345, 1);
        StoredBlob hello = store.put(bytes("hello"), 100);
        StoredBlob empty = store.put(new ByteArrayInputStream(new byte[0]), 100);
        StoredBlob big = store.put(new ByteArrayInputStream(large), 20 * MIB);

        assertThat(hello).isEqualTo(new StoredBlob(HELLO_SHA256, 5));
        assertThat(empty).isEqualTo(new StoredBlob(EMPTY_SHA256, 0));
        assertThat(big).isEqualTo(new StoredBlob(Sha256.hex(large), large.length));
        assertThat(read(store, HELLO_SHA256, 0)).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(read(store, EMPTY_SHA256, 0)).isEmpty();
        assertThat(read(store, big.sha256(), 0)).isEqualTo(large);
        assertThat(store.size(big.sha256())).hasValue(large.length);
        assertThat(store.size(EMPTY_SHA256)).hasValue(0);
        assertThat(store.exists(HELLO_SHA256)).isTrue();
    }

    @Test
    void theSameContentTwiceIsStoredOnce() throws Exception {
        BlobStore store = store();
        StoredBlob first = store.put(bytes("hello"), 100);
        StoredBlob second = store.put(bytes("hello"), 100);
        assertThat(second).isEqualTo(first);
        assertThat(storedCount()).isEqualTo(1);
    }

    @Test
    void contentOverTheLimitLeavesNothingBehind() throws Exception {
        BlobStore store = store();
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[1000]), 999)).isInstanceOf(BlobStore.TooLargeException.class);
        // Large enough to have started a multipart upload in the S3 store before the limit is passed.
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(random(12 * MIB, 2)), 11 * MIB))
                .isInstanceOf(BlobStore.TooLargeException.class);
        assertThat(storedCount()).isZero();
        assertThat(debrisCount()).isZero();
    }

    @Test
    void unknownOrMalformedKeysFindNothing() throws Exception {
        BlobStore store = store();
        assertThat(store.open("0".repeat(64))).isEmpty();
        assertThat(store.open("../../etc/passwd")).isEmpty();
        assertThat(store.open(HELLO_SHA256.toUpperCase())).isEmpty();
        assertThat(store.size("0".repeat(64))).isEmpty();
        assertThat(store.exists("../x")).isFalse();
        assertThat(store.delete("0".repeat(64))).isFalse();
    }

    @Test
    void readingFromAnOffsetReturnsTheRestAndAnOffsetPastTheEndIsRefused() throws Exception {
        BlobStore store = store();
        byte[] content = random(3 * MIB + 77, 3);
        String key = store.put(new ByteArrayInputStream(content), 10 * MIB).sha256();
        for (int offset : new int[] {0, 1, 4000, 4096, MIB - 1, MIB + 17, 2 * MIB + 5, content.length - 1, content.length}) {
            assertThat(read(store, key, offset)).as("from %d", offset).isEqualTo(Arrays.copyOfRange(content, offset, content.length));
        }
        assertThatThrownBy(() -> store.open(key, content.length + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(key, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentPutsOfTheSameContentLeaveOneCompleteBlob() throws Exception {
        BlobStore store = store();
        byte[] content = random(6 * MIB, 4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<StoredBlob>> puts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                puts.add(pool.submit((Callable<StoredBlob>) () -> store.put(new ByteArrayInputStream(content), 10 * MIB)));
            }
            for (Future<StoredBlob> put : puts) {
                assertThat(put.get(60, TimeUnit.SECONDS).sha256()).isEqualTo(Sha256.hex(content));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(read(store, Sha256.hex(content), 0)).isEqualTo(content);
        assertThat(storedCount()).isEqualTo(1);
        assertThat(debrisCount()).isZero();
    }

    @Test
    void whatACrashLeavesIsNeverVisibleAndIsRemoved() throws Exception {
        BlobStore store = store();
        store.put(bytes("hello"), 100);
        leaveCrashDebris();
        assertThat(debrisCount()).isPositive();
        assertThat(storedCount()).isEqualTo(1);
        assertThat(store.removeAbandoned(Instant.now().minusSeconds(3600))).as("debris younger than the limit stays").isZero();
        assertThat(store.removeAbandoned(Instant.now().plusSeconds(5))).isPositive();
        assertThat(debrisCount()).isZero();
        assertThat(read(store, HELLO_SHA256, 0)).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCiphertextAtRestDoesNotContainThePlaintext() throws Exception {
        BlobStore store = store();
        String marker = "SUBSCRIBER-RECORD-4711 ".repeat(2000);
        String key = store.put(bytes(marker), MIB).sha256();
        String atRest = new String(raw(key), StandardCharsets.ISO_8859_1);
        assertThat(atRest).doesNotContain("SUBSCRIBER-RECORD");
        assertThat(raw(key).length).isGreaterThan(marker.length());
    }

    @Test
    void aCiphertextMovedUnderAnotherKeyFailsToOpen() throws Exception {
        BlobStore store = store();
        String a = store.put(bytes("evidence A"), 100).sha256();
        String b = store.put(bytes("evidence B"), 100).sha256();
        replaceRaw(b, raw(a));
        assertThatThrownBy(() -> read(store, b, 0)).isInstanceOf(IntegrityException.class).hasMessageContaining(b);
        assertThatThrownBy(() -> store.size(b)).isInstanceOf(IntegrityException.class);
        assertThat(read(store, a, 0)).isEqualTo("evidence A".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void alteredCiphertextFailsWithoutReturningWrongBytes() throws Exception {
        BlobStore store = store();
        byte[] content = random(3 * MIB, 5);
        String key = store.put(new ByteArrayInputStream(content), 10 * MIB).sha256();
        byte[] original = raw(key);

        byte[] flipped = original.clone();
        flipped[2 * MIB + 100] ^= 0x01; // two MiB in: everything before it is returned, nothing after
        replaceRaw(key, flipped);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThatThrownBy(() -> {
            try (InputStream in = store.open(key).orElseThrow()) {
                in.transferTo(got);
            }
        }).isInstanceOf(IntegrityException.class).hasMessageContaining(key);
        assertThat(got.size()).isLessThanOrEqualTo(2 * MIB);
        assertThat(got.toByteArray()).isEqualTo(Arrays.copyOf(content, got.size()));

        byte[] trailer = original.clone();
        trailer[trailer.length - 20] ^= 0x01;
        replaceRaw(key, trailer);
        assertThatThrownBy(() -> read(store, key, 0)).isInstanceOf(IntegrityException.class);

        byte[] truncated = Arrays.copyOf(original, original.length - 1000);
        replaceRaw(key, truncated);
        assertThatThrownBy(() -> read(store, key, 0)).isInstanceOf(IntegrityException.class);

        // The body cut short with the genuine trailer put back after it.
        byte[] spliced = new byte[original.length - 1000];
        System.arraycopy(original, 0, spliced, 0, spliced.length - 200);
        System.arraycopy(original, original.length - 200, spliced, spliced.length - 200, 200);
        replaceRaw(key, spliced);
        assertThatThrownBy(() -> read(store, key, 0)).isInstanceOf(IntegrityException.class);
    }

    @Test
    void aDeletedBlobIsGone() throws Exception {
        BlobStore store = store();
        String key = store.put(bytes("dispose of me"), 100).sha256();
        assertThat(store.delete(key)).isTrue();
        assertThat(store.exists(key)).isFalse();
        assertThat(store.open(key)).isEmpty();
        assertThat(store.delete(key)).isFalse();
        assertThat(storedCount()).isZero();
    }

    /**
     * Memory stays flat: a 512 MiB stream, generated as it is read, is stored and read back in a JVM
     * whose heap is 64 MiB, so holding the content (or a large share of it) would fail there.
     */
    @Test
    void half_a_gibibyte_goesThroughA64MibHeap() throws Exception {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), FlatMemoryProbe.class.getName(), String.valueOf(512L * MIB)));
        command.addAll(probeArguments());
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream out = probe.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("stored and read back " + 512L * MIB + " bytes");
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] random(int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        return out;
    }

    static byte[] read(BlobStore store, String key, long offset) throws IOException {
        try (InputStream in = store.open(key, offset).orElseThrow(() -> new AssertionError("no blob " + key))) {
            return in.readAllBytes();
        }
    }
}
