package org.comity.custody.checkpoint;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A witness's timestamped Ed25519 cosignature of a checkpoint (c2sp.org/tlog-cosignature,
 * cosignature/v1): the statement that, at {@code timestamp}, this is the largest tree of the log
 * the witness has seen consistent with all it saw before. On the wire it is a note signature whose
 * bytes are the 8-byte big-endian timestamp followed by the 64-byte signature.
 *
 * @param timestamp seconds since the epoch, from 0 to 2^63-1
 */
public record Cosignature(String witness, int keyId, long timestamp, byte[] signature) {

    private static final int LENGTH = 8 + 64;

    public Cosignature {
        NoteKeys.requireName(witness);
        if (timestamp < 0) {
            throw new IllegalArgumentException("a cosignature's time is from the epoch on");
        }
        if (signature == null || signature.length != 64) {
            throw new IllegalArgumentException("an Ed25519 signature is 64 bytes");
        }
        signature = signature.clone();
    }

    /** The bytes a witness signs: {@code cosignature/v1}, {@code time <t>}, then the checkpoint's body. */
    public static String message(Checkpoint checkpoint, long timestamp) {
        return "cosignature/v1\ntime " + timestamp + "\n" + checkpoint.body();
    }

    /** Reads a note signature as a cosignature; empty when its bytes do not have the shape of one. */
    public static Optional<Cosignature> from(NoteSignature line) {
        byte[] bytes = line.signature();
        if (bytes.length != LENGTH || bytes[0] < 0) {
            return Optional.empty();
        }
        return Optional.of(new Cosignature(line.keyName(), line.keyId(), ByteBuffer.wrap(bytes).getLong(), Arrays.copyOfRange(bytes, 8, LENGTH)));
    }

    /** As a signature line of the checkpoint's note. */
    public NoteSignature noteSignature() {
        return new NoteSignature(witness, keyId, ByteBuffer.allocate(LENGTH).putLong(timestamp).put(signature).array());
    }

    public Instant time() {
        return Instant.ofEpochSecond(timestamp);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cosignature other && witness.equals(other.witness) && keyId == other.keyId && timestamp == other.timestamp
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return (witness.hashCode() * 31 + keyId) * 31 + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "Cosignature[" + witness + "+" + HexFormat.of().toHexDigits(keyId) + ", " + time() + "]";
    }
}
