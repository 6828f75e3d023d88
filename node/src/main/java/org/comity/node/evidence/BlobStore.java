package org.comity.node.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed storage for bytes: a blob's key is the SHA-256 of its content, so storing the
 * same bytes twice stores them once, and a key names exactly one content.
 *
 * <p>{@link #put} reads the stream to its end and returns only once the bytes are durable (written,
 * flushed to disk, and moved into place atomically): a blob that is visible is complete. It fails
 * with {@link TooLargeException} once more than {@code maxBytes} arrive, leaving nothing behind.
 * {@link #open} returns empty for an unknown key; the caller closes the stream.
 */
public interface BlobStore {

    StoredBlob put(InputStream content, long maxBytes) throws IOException;

    Optional<InputStream> open(String sha256) throws IOException;

    boolean exists(String sha256);

    /** What was stored: its key (SHA-256, lower-case hex) and size. */
    record StoredBlob(String sha256, long size) {}

    /** More bytes arrived than the caller allows. */
    final class TooLargeException extends IOException {
        public TooLargeException(long maxBytes) {
            super("content exceeds " + maxBytes + " bytes");
        }
    }
}
