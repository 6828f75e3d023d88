package org.comity.node.evidence.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.comity.node.evidence.BlobStore.IntegrityException;
import org.comity.node.evidence.BlobStore.StoredBlob;
import org.comity.node.evidence.BlobStore.TooLargeException;

/**
 * How a blob is kept, in any store: {@code ciphertext || sealed trailer || u16 trailer length || "CTYBLOB1"}.
 *
 * <p>The ciphertext is the plaintext under the vault's streaming AEAD with a random 16-byte nonce
 * as associated data. The trailer holds that nonce and the plaintext size, sealed with the vault's
 * AEAD under associated data naming the blob's key (the SHA-256 of the plaintext). The key is only
 * known once the last byte went through, so it cannot be the content's associated data in a single
 * pass; the trailer carries the binding instead: a ciphertext moved under another key fails to open
 * its trailer, and a trailer spliced onto other ciphertext names a nonce that ciphertext was not
 * made with, so its first segment fails to decrypt.
 */
final class SealedBlob {

    static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    /** How many bytes from the end are read to find the trailer (it is about 70). */
    static final int TAIL_BYTES = 256;
    private static final byte[] MAGIC = "CTYBLOB1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedBlob() {}

    /** Where a blob's content ends and what its trailer says. */
    record Trailer(byte[] nonce, long size, long ciphertextLength) {}

    /**
     * Hashes and encrypts {@code content} into {@code sink}, then appends the trailer. Does not close
     * {@code sink}; the caller makes it durable and moves it into place under the returned key.
     */
    static StoredBlob write(VaultCipher cipher, InputStream content, long maxBytes, OutputStream sink) throws IOException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        MessageDigest sha = sha256();
        long size = 0;
        try (OutputStream encrypting = cipher.encrypt(new Unclosed(sink), contentAad(nonce))) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = content.read(buffer)) != -1) {
                size += n;
                if (size > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                sha.update(buffer, 0, n);
                encrypting.write(buffer, 0, n);
            }
        }
        String key = HexFormat.of().formatHex(sha.digest());
        byte[] body = ByteBuffer.allocate(NONCE_BYTES + Long.BYTES).put(nonce).putLong(size).array();
        byte[] sealed = cipher.seal(body, keyAad(key));
        sink.write(sealed);
        sink.write(new byte[] {(byte) (sealed.length >>> 8), (byte) sealed.length});
        sink.write(MAGIC);
        return new StoredBlob(key, size);
    }

    /**
     * Reads the trailer from the last bytes of a stored blob of {@code totalLength} bytes.
     *
     * @param tail the last {@code min(TAIL_BYTES, totalLength)} bytes
     */
    static Trailer trailer(VaultCipher cipher, String key, byte[] tail, long totalLength) throws IntegrityException {
        int n = tail.length;
        if (n < MAGIC.length + 2 || !Arrays.equals(tail, n - MAGIC.length, n, MAGIC, 0, MAGIC.length)) {
            throw new IntegrityException(key, "no trailer", null);
        }
        int sealedLength = ((tail[n - MAGIC.length - 2] & 0xff) << 8) | (tail[n - MAGIC.length - 1] & 0xff);
        int start = n - MAGIC.length - 2 - sealedLength;
        if (start < 0) {
            throw new IntegrityException(key, "trailer out of bounds", null);
        }
        byte[] body;
        try {
            body = cipher.open(Arrays.copyOfRange(tail, start, start + sealedLength), keyAad(key));
        } catch (GeneralSecurityException e) {
            throw new IntegrityException(key, "trailer sealed for another key or altered", e);
        }
        if (body.length != NONCE_BYTES + Long.BYTES) {
            throw new IntegrityException(key, "trailer of unknown shape", null);
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        byte[] nonce = new byte[NONCE_BYTES];
        b.get(nonce);
        long size = b.getLong();
        return new Trailer(nonce, size, totalLength - (n - start));
    }

    /**
     * The plaintext from {@code offset}, decrypted from {@code ciphertext} (a channel over exactly the
     * ciphertext part); reads that find it altered fail with {@link IntegrityException}.
     */
    static InputStream read(VaultCipher cipher, String key, Trailer trailer, SeekableByteChannel ciphertext, long offset) throws IOException {
        SeekableByteChannel plaintext = cipher.decrypt(ciphertext, contentAad(trailer.nonce()));
        if (offset < 0 || offset > trailer.size()) {
            plaintext.close();
            throw new IllegalArgumentException("offset " + offset + " is outside the blob's " + trailer.size() + " bytes");
        }
        plaintext.position(offset);
        return new Decrypted(plaintext, key, trailer.size(), offset);
    }

    static byte[] contentAad(byte[] nonce) {
        return ("comity.blob.v1.content:" + HexFormat.of().formatHex(nonce)).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] keyAad(String key) {
        return ("comity.blob.v1.key:sha256:" + key).getBytes(StandardCharsets.US_ASCII);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The plaintext as a stream. Failures of the storage underneath pass through as they are; any other is an integrity failure. */
    private static final class Decrypted extends InputStream {
        private final SeekableByteChannel channel;
        private final String key;
        private final long size;
        private long position;

        Decrypted(SeekableByteChannel channel, String key, long size, long position) {
            this.channel = channel;
            this.key = key;
            this.size = size;
            this.position = position;
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
            if (position >= size) {
                verifyEnd();
                return -1;
            }
            ByteBuffer dst = ByteBuffer.wrap(b, off, (int) Math.min(len, size - position));
            int n;
            try {
                do {
                    n = channel.read(dst);
                } while (n == 0);
            } catch (StorageException e) {
                throw e.getCause();
            } catch (IOException e) {
                throw new IntegrityException(key, "ciphertext altered near byte " + position, e);
            }
            if (n < 0) {
                throw new IntegrityException(key, "ciphertext ends early at byte " + position, null);
            }
            position += n;
            return n;
        }

        /** An empty read at the end still checks the last segment, so a truncation cannot pass as the end. */
        private boolean endVerified;

        private void verifyEnd() throws IOException {
            if (endVerified) {
                return;
            }
            try {
                channel.read(ByteBuffer.allocate(1));
            } catch (StorageException e) {
                throw e.getCause();
            } catch (IOException e) {
                throw new IntegrityException(key, "last segment", e);
            }
            endVerified = true;
        }

        @Override
        public long skip(long n) throws IOException {
            long step = Math.max(0, Math.min(n, size - position));
            position += step;
            channel.position(position);
            return step;
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Marks a failure of the storage under the ciphertext, so it is not mistaken for tampering. */
    static final class StorageException extends IOException {
        StorageException(IOException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /**
     * A read-only window over the first {@code length} bytes of a channel (the ciphertext without its
     * trailer) whose reads fill the buffer as far as the window allows, as Tink expects.
     */
    static final class Window implements SeekableByteChannel {
        private final SeekableByteChannel inner;
        private final long length;
        private long position;
        private boolean open = true;

        Window(SeekableByteChannel inner, long length) {
            this.inner = inner;
            this.length = length;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            if (position >= length) {
                return -1;
            }
            int limit = dst.limit();
            dst.limit((int) Math.min(limit, dst.position() + (length - position)));
            int total = 0;
            try {
                inner.position(position);
                while (dst.hasRemaining()) {
                    int n = inner.read(dst);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                }
            } catch (IOException e) {
                throw new StorageException(e);
            } finally {
                dst.limit(limit);
            }
            position += total;
            return total == 0 ? -1 : total;
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
            return length;
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
        public void close() throws IOException {
            open = false;
            inner.close();
        }
    }

    /** Lets the encrypting stream finish its last segment without closing the file, so the trailer can follow. */
    private static final class Unclosed extends FilterOutputStream {
        Unclosed(OutputStream out) {
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
