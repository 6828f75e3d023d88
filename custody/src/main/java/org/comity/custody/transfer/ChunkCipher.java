package org.comity.custody.transfer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the chunks of one transfer. Chunk {@code n} of a transfer of {@code size} bytes
 * in chunks of {@code chunkSize} holds bytes {@code [n * chunkSize, min((n + 1) * chunkSize, size))};
 * its nonce is the chunk number (a key is used for one transfer only, so nonces never repeat), and
 * its associated data binds it to the transfer id, its number, the chunk size and the total size.
 * Uses the JDK's AES-GCM (hardware accelerated where the CPU has AES-NI).
 */
public final class ChunkCipher {

    /** 4 MiB: large enough that per-chunk overhead is negligible, small enough that memory stays flat. */
    public static final int DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
    public static final int TAG_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final UUID transfer;
    private final long size;
    private final int chunkSize;

    private ChunkCipher(byte[] key, UUID transfer, long size, int chunkSize) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a transfer key is 32 bytes");
        }
        if (size < 0 || chunkSize < 1) {
            throw new IllegalArgumentException("a transfer has a size from 0 and chunks of at least one byte");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.transfer = transfer;
        this.size = size;
        this.chunkSize = chunkSize;
    }

    public static ChunkCipher of(byte[] key, UUID transfer, long size, int chunkSize) {
        return new ChunkCipher(key, transfer, size, chunkSize);
    }

    /** A fresh random key for one transfer. */
    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** How many chunks the transfer has (an empty item has one empty chunk, so it is still proved). */
    public long chunks() {
        return Math.max(1, (size + chunkSize - 1) / chunkSize);
    }

    /** How many plaintext bytes chunk {@code n} holds. */
    public int plainLength(long n) {
        requireChunk(n);
        return (int) Math.min(chunkSize, size - n * chunkSize);
    }

    public long offsetOf(long n) {
        requireChunk(n);
        return n * chunkSize;
    }

    public byte[] seal(long n, byte[] plain, int length) {
        requireChunk(n);
        if (length != plainLength(n)) {
            throw new IllegalArgumentException("chunk " + n + " holds " + plainLength(n) + " bytes, not " + length);
        }
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, n);
            return cipher.doFinal(plain, 0, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * The plaintext of chunk {@code n}.
     *
     * @throws ChunkRejected when the chunk is not this transfer's chunk {@code n} as sealed (altered,
     *     truncated, from another transfer or place)
     */
    public byte[] open(long n, byte[] sealed) throws ChunkRejected {
        if (n < 0 || n >= chunks()) {
            throw new ChunkRejected("chunk " + n + " is not one of the transfer's " + chunks());
        }
        if (sealed.length != plainLength(n) + TAG_BYTES) {
            throw new ChunkRejected("chunk " + n + " is " + sealed.length + " bytes; sealed it is " + (plainLength(n) + TAG_BYTES));
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, n).doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw new ChunkRejected("chunk " + n + " does not authenticate: altered, or not this transfer's");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private Cipher cipher(int mode, long n) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = ByteBuffer.allocate(12).putInt(0x636f6d69).putLong(n).array(); // "comi" then the chunk number
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(associatedData(n));
        return cipher;
    }

    private byte[] associatedData(long n) {
        byte[] label = ("comity.evidence-chunk/1:" + transfer).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(label.length + 8 + 8 + 4).put(label).putLong(n).putLong(size).putInt(chunkSize).array();
    }

    private void requireChunk(long n) {
        if (n < 0 || n >= chunks()) {
            throw new IllegalArgumentException("chunk " + n + " is not one of the transfer's " + chunks());
        }
    }

    @Override
    public String toString() {
        return "ChunkCipher[" + transfer + ", " + size + " bytes]"; // never the key
    }
}
