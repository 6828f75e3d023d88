package org.comity.node.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The evidence vault's storage: bytes of any size, content-addressed and encrypted at rest.
 *
 * <p>A blob's key is the SHA-256 of its <em>plaintext</em> (lower-case hex), so storing the same
 * bytes twice stores them once and a key names exactly one content. Implementations encrypt what
 * they keep and bind each stored ciphertext to its key, so a blob moved or copied under another
 * key, or altered, fails to open with {@link IntegrityException} instead of returning wrong bytes.
 *
 * <ul>
 *   <li>{@link #put} reads the stream to its end while hashing and encrypting it, with memory that
 *       does not grow with the content, and returns only once the blob is durable and in place: a
 *       blob that is visible is complete. Once more than {@code maxBytes} arrive it fails with
 *       {@link TooLargeException} and leaves nothing visible behind. It does not close the stream.
 *   <li>{@link #open(String, long)} returns the plaintext from a byte offset (to resume a transfer),
 *       or empty for an unknown or malformed key; the caller closes the stream. An offset beyond
 *       the size is refused with {@link IllegalArgumentException}; at the size, the stream is empty.
 *       A read that finds the ciphertext altered throws {@link IntegrityException}; the bytes it
 *       returned before were authentic.
 *   <li>{@link #size} tells the plaintext size without reading the content.
 *   <li>{@link #delete} removes a blob (disposal); the caller makes sure nothing refers to it.
 *   <li>{@link #removeAbandoned} removes what writes cut short by a crash left behind (temp files,
 *       unfinished multipart uploads) that started before the given instant. Such debris is never
 *       visible through the other methods.
 * </ul>
 * All methods are safe to call concurrently, also for the same content from several instances.
 */
public interface BlobStore {

    StoredBlob put(InputStream content, long maxBytes) throws IOException;

    default Optional<InputStream> open(String sha256) throws IOException {
        return open(sha256, 0);
    }

    Optional<InputStream> open(String sha256, long offset) throws IOException;

    OptionalLong size(String sha256) throws IOException;

    boolean exists(String sha256);

    /** @return whether there was a blob to remove */
    boolean delete(String sha256) throws IOException;

    /** @return how many leftovers were removed */
    int removeAbandoned(Instant startedBefore) throws IOException;

    /** What was stored: its key (SHA-256 of the plaintext, lower-case hex) and plaintext size. */
    record StoredBlob(String sha256, long size) {}

    /** More bytes arrived than the caller allows. */
    final class TooLargeException extends IOException {
        public TooLargeException(long maxBytes) {
            super("content exceeds " + maxBytes + " bytes");
        }
    }

    /** The stored ciphertext is not what was stored under this key: swapped, altered or truncated. */
    final class IntegrityException extends IOException {
        public IntegrityException(String sha256, String what, Throwable cause) {
            super("blob " + sha256 + " failed its integrity check (" + what + "): it was altered, truncated or"
                    + " stored under another key; its bytes are not returned", cause);
        }
    }
}
