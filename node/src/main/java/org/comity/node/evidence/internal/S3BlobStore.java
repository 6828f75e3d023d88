package org.comity.node.evidence.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.comity.node.evidence.BlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Sealed blobs ({@link SealedBlob}) as objects {@code <prefix>vault/<sha256>} in one bucket.
 *
 * <p>A blob that fits in one part is hashed and encrypted in memory and written with one PUT under
 * its key (a PUT is atomic). A larger one is streamed as a multipart upload under a temporary key
 * {@code <prefix>incoming/<uuid>} (memory: one part), completed, then copied server-side to its key,
 * known only at the end, and the temporary object deleted: an object under a content key is always
 * complete. A failure aborts the multipart upload; what a crash leaves under {@code incoming/}
 * (objects or unfinished uploads) is removed by {@link #removeAbandoned}.
 */
final class S3BlobStore implements BlobStore, AutoCloseable {

    /** S3 allows at most 10,000 parts; the part size grows with the largest content a put accepts. */
    private static final int MAX_PARTS = 10_000;
    private static final long MAX_PART_BYTES = 512L * 1024 * 1024;
    private static final long MAX_COPY_BYTES = 5L * 1024 * 1024 * 1024;
    private static final long COPY_PART_BYTES = 1024L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final VaultCipher cipher;
    private final long partBytes;
    private final boolean checksums;

    /**
     * @param partBytes the smallest part of a multipart upload (S3: at least 5 MiB)
     * @param checksums whether to send CRC32 checksums with every part (S3 and most servers support them)
     */
    S3BlobStore(S3Client s3, String bucket, String prefix, VaultCipher cipher, long partBytes, boolean checksums) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.cipher = cipher;
        this.partBytes = partBytes;
        this.checksums = checksums;
    }

    @Override
    public StoredBlob put(InputStream content, long maxBytes) throws IOException {
        long partSize = Math.min(MAX_PART_BYTES, Math.max(partBytes, ceilDiv(maxBytes, MAX_PARTS - 1)));
        try (Parts parts = new Parts((int) partSize)) {
            StoredBlob stored = SealedBlob.write(cipher, content, maxBytes, parts);
            String key = keyOf(stored.sha256());
            if (!parts.multipart()) {
                s3.putObject(b -> b.bucket(bucket).key(key), parts.body());
                return stored;
            }
            String temp = parts.complete();
            try {
                if (!exists(stored.sha256())) {
                    copy(temp, key, parts.total());
                }
            } finally {
                s3.deleteObject(b -> b.bucket(bucket).key(temp));
            }
            return stored;
        } catch (SdkException e) {
            throw new IOException("the S3 blob store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<InputStream> open(String sha256, long offset) throws IOException {
        Optional<Tail> tail = tail(sha256);
        if (tail.isEmpty()) {
            return Optional.empty();
        }
        SealedBlob.Trailer trailer = SealedBlob.trailer(cipher, sha256, tail.get().bytes(), tail.get().total());
        return Optional.of(SealedBlob.read(cipher, sha256, trailer, new RangeChannel(keyOf(sha256), trailer.ciphertextLength()), offset));
    }

    @Override
    public OptionalLong size(String sha256) throws IOException {
        Optional<Tail> tail = tail(sha256);
        if (tail.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(SealedBlob.trailer(cipher, sha256, tail.get().bytes(), tail.get().total()).size());
    }

    @Override
    public boolean exists(String sha256) {
        if (!valid(sha256)) {
            return false;
        }
        try {
            s3.headObject(b -> b.bucket(bucket).key(keyOf(sha256)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new UncheckedIOException(new IOException("the S3 blob store failed: " + e.getMessage(), e));
        }
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        if (!exists(sha256)) {
            return false;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(keyOf(sha256)));
            return true;
        } catch (SdkException e) {
            throw new IOException("the S3 blob store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int removeAbandoned(Instant startedBefore) throws IOException {
        String incoming = prefix + "incoming/";
        int removed = 0;
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(incoming)).uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(startedBefore)) {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                    removed++;
                }
            }
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(incoming)).contents()) {
                if (object.lastModified().isBefore(startedBefore)) {
                    s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
                    removed++;
                }
            }
        } catch (SdkException e) {
            throw new IOException("the S3 blob store failed: " + e.getMessage(), e);
        }
        return removed;
    }

    private record Tail(byte[] bytes, long total) {}

    /** The last bytes of a stored blob and its whole length, in one ranged GET. */
    private Optional<Tail> tail(String sha256) throws IOException {
        if (!valid(sha256)) {
            return Optional.empty();
        }
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(keyOf(sha256))
                .range("bytes=-" + SealedBlob.TAIL_BYTES))) {
            byte[] bytes = in.readAllBytes();
            String range = in.response().contentRange();
            long total = range != null && range.contains("/") ? Long.parseLong(range.substring(range.indexOf('/') + 1).strip()) : bytes.length;
            return Optional.of(new Tail(bytes, total));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("the S3 blob store failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("the S3 blob store failed: " + e.getMessage(), e);
        }
    }

    /** Server-side copy: one request up to 5 GiB, a multipart copy beyond. */
    private void copy(String from, String to, long length) {
        if (length <= MAX_COPY_BYTES) {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
            return;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(to)).uploadId();
        try {
            List<CompletedPart> done = new ArrayList<>();
            int number = 1;
            for (long start = 0; start < length; start += COPY_PART_BYTES, number++) {
                long end = Math.min(length, start + COPY_PART_BYTES) - 1;
                int n = number;
                String range = "bytes=" + start + "-" + end;
                String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to)
                        .uploadId(uploadId).partNumber(n).copySourceRange(range)).copyPartResult().eTag();
                done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(to).uploadId(uploadId).multipartUpload(m -> m.parts(done)));
        } catch (RuntimeException e) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(to).uploadId(uploadId));
            throw e;
        }
    }

    /** Releases the client's connections when the node stops. */
    @Override
    public void close() {
        s3.close();
    }

    private String keyOf(String sha256) {
        return prefix + "vault/" + sha256;
    }

    private static boolean valid(String sha256) {
        return sha256 != null && SealedBlob.SHA256.matcher(sha256).matches();
    }

    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }

    /**
     * Collects the sealed bytes in one part's worth of memory; when a part is full it starts (once) a
     * multipart upload under a temporary key and sends the part.
     */
    private final class Parts extends OutputStream {
        private final int partSize;
        private byte[] buffer = new byte[64 * 1024];
        private int filled;
        private long total;
        private String tempKey;
        private String uploadId;
        private final List<CompletedPart> done = new ArrayList<>();
        private boolean completed;

        Parts(int partSize) {
            this.partSize = partSize;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == partSize) {
                    send();
                }
                if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(partSize, (long) buffer.length * 2));
                }
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                total += n;
                off += n;
                len -= n;
            }
        }

        boolean multipart() {
            return uploadId != null;
        }

        long total() {
            return total;
        }

        RequestBody body() {
            byte[] held = buffer;
            int length = filled;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(held, 0, length), length, "application/octet-stream");
        }

        private void send() throws IOException {
            try {
                if (uploadId == null) {
                    tempKey = prefix + "incoming/" + UUID.randomUUID();
                    uploadId = s3.createMultipartUpload(b -> {
                        b.bucket(bucket).key(tempKey);
                        if (checksums) {
                            b.checksumAlgorithm(ChecksumAlgorithm.CRC32);
                        }
                    }).uploadId();
                }
                int number = done.size() + 1;
                UploadPartResponse sent = s3.uploadPart(b -> {
                    b.bucket(bucket).key(tempKey).uploadId(uploadId).partNumber(number).contentLength((long) filled);
                    if (checksums) {
                        b.checksumAlgorithm(ChecksumAlgorithm.CRC32);
                    }
                }, body());
                done.add(CompletedPart.builder().partNumber(number).eTag(sent.eTag()).checksumCRC32(sent.checksumCRC32()).build());
                filled = 0;
            } catch (SdkException e) {
                throw new IOException("the S3 blob store failed: " + e.getMessage(), e);
            }
        }

        /** Sends the last part and completes the upload; returns the temporary key. */
        String complete() throws IOException {
            if (filled > 0) {
                send();
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(tempKey).uploadId(uploadId).multipartUpload(m -> m.parts(done)));
            completed = true;
            return tempKey;
        }

        /** Aborts an upload that did not complete, so no part lingers. */
        @Override
        public void close() {
            buffer = null;
            if (uploadId != null && !completed) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(tempKey).uploadId(uploadId));
                } catch (SdkException e) {
                    // removeAbandoned() aborts it later
                }
            }
        }
    }

    /**
     * The ciphertext of one object as a seekable channel: sequential reads share one ranged GET,
     * a jump opens another from the new position.
     */
    private final class RangeChannel implements SeekableByteChannel {
        private final String key;
        private final long size;
        private long position;
        private ResponseInputStream<GetObjectResponse> stream;
        private long streamPosition = -1;
        private boolean open = true;

        RangeChannel(String key, long size) {
            this.key = key;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            if (position >= size) {
                return -1;
            }
            try {
                if (stream == null || streamPosition != position) {
                    release();
                    long from = position;
                    stream = s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + from + "-" + (size - 1)));
                    streamPosition = position;
                }
                int total = 0;
                while (dst.hasRemaining() && position < size) {
                    int want = (int) Math.min(dst.remaining(), size - position);
                    int n;
                    if (dst.hasArray()) {
                        n = stream.read(dst.array(), dst.arrayOffset() + dst.position(), want);
                        if (n > 0) {
                            dst.position(dst.position() + n);
                        }
                    } else {
                        byte[] chunk = new byte[Math.min(want, 64 * 1024)];
                        n = stream.read(chunk);
                        if (n > 0) {
                            dst.put(chunk, 0, n);
                        }
                    }
                    if (n < 0) {
                        break;
                    }
                    position += n;
                    streamPosition += n;
                    total += n;
                }
                return total == 0 ? -1 : total;
            } catch (IOException e) {
                release();
                throw new SealedBlob.StorageException(e);
            } catch (SdkException e) {
                release();
                throw new SealedBlob.StorageException(new IOException("the S3 blob store failed: " + e.getMessage(), e));
            }
        }

        private void release() {
            if (stream != null) {
                stream.abort();
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // aborted: nothing to drain
                }
                stream = null;
            }
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
            release();
        }
    }
}
