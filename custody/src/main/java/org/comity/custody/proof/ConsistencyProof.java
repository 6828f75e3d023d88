package org.comity.custody.proof;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.comity.custody.checkpoint.Checkpoint;
import org.comity.custody.checkpoint.StrictBase64;
import org.comity.custody.merkle.ConsistencyProofs;
import org.comity.custody.merkle.HashSource;
import org.comity.custody.merkle.ProofRejected;
import org.comity.custody.merkle.TreeHash;

/**
 * A consistency proof between two checkpoints of one ledger, as text: the header line, {@code old <size>},
 * {@code new <size>}, then the proof's hashes in base64, one per line, each line ending in a newline.
 * It shows the later tree extends the earlier, so the ledger was not rewritten between them.
 */
public record ConsistencyProof(long oldSize, long newSize, List<byte[]> hashes) {

    public static final String HEADER = "comity.org/consistency-proof@v1";
    /** No consistency proof between trees of at most 2^63-1 leaves is longer. */
    public static final int MAX_HASHES = 2 * EntryProof.MAX_PATH;
    public static final int MAX_BYTES = 64 * 1024;

    public ConsistencyProof {
        if (oldSize <= 0 || oldSize > newSize) {
            throw new IllegalArgumentException("a consistency proof goes from a non-empty tree to one at least as large");
        }
        if (hashes.size() > MAX_HASHES || hashes.stream().anyMatch(h -> h == null || h.length != TreeHash.SIZE)) {
            throw new IllegalArgumentException("a consistency proof is at most " + MAX_HASHES + " hashes of 32 bytes");
        }
        hashes = hashes.stream().map(byte[]::clone).toList();
    }

    /** The proof that the first {@code newSize} leaves of {@code log} extend its first {@code oldSize}. */
    public static ConsistencyProof prove(HashSource log, long oldSize, long newSize) {
        return new ConsistencyProof(oldSize, newSize, ConsistencyProofs.prove(log, oldSize, newSize));
    }

    @Override
    public List<byte[]> hashes() {
        return hashes.stream().map(byte[]::clone).toList();
    }

    /** Checks that {@code newer} extends {@code older}: the sizes must be this proof's, and the proof must lead to both roots. */
    public void verify(Checkpoint older, Checkpoint newer) throws ProofRejected {
        if (older.size() != oldSize || newer.size() != newSize) {
            throw new ProofRejected("the proof is from " + oldSize + " to " + newSize + " entries, not from " + older.size() + " to " + newer.size());
        }
        if (!older.origin().equals(newer.origin())) {
            throw new ProofRejected("the checkpoints are of two different ledgers");
        }
        ConsistencyProofs.verify(oldSize, newSize, hashes, older.rootHash(), newer.rootHash());
    }

    public String format() {
        StringBuilder out = new StringBuilder(HEADER).append('\n').append("old ").append(oldSize).append('\n').append("new ").append(newSize).append('\n');
        hashes.forEach(h -> out.append(StrictBase64.encode(h)).append('\n'));
        return out.toString();
    }

    /** Reads a proof strictly, exactly as {@link #format()} writes it; nothing is verified. */
    public static ConsistencyProof parse(byte[] text) throws ProofRejected {
        if (text == null || text.length > MAX_BYTES) {
            throw new ProofRejected("a consistency proof is at most " + MAX_BYTES + " bytes");
        }
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text)).toString();
        } catch (CharacterCodingException e) {
            throw new ProofRejected("a consistency proof is UTF-8");
        }
        if (!s.endsWith("\n")) {
            throw new ProofRejected("every line of a consistency proof ends in a newline");
        }
        List<String> lines = Arrays.asList(s.substring(0, s.length() - 1).split("\n", -1));
        if (lines.size() < 3 || !lines.get(0).equals(HEADER)) {
            throw new ProofRejected("a consistency proof starts with " + HEADER + ", then old and new sizes");
        }
        long oldSize = size(lines.get(1), "old ");
        long newSize = size(lines.get(2), "new ");
        if (lines.size() - 3 > MAX_HASHES) {
            throw new ProofRejected("a consistency proof has at most " + MAX_HASHES + " hashes");
        }
        List<byte[]> hashes = new ArrayList<>();
        for (String line : lines.subList(3, lines.size())) {
            hashes.add(StrictBase64.decode(line).filter(h -> h.length == TreeHash.SIZE)
                    .orElseThrow(() -> new ProofRejected("each hash line is 32 bytes in canonical base64")));
        }
        try {
            return new ConsistencyProof(oldSize, newSize, hashes);
        } catch (IllegalArgumentException e) {
            throw new ProofRejected(e.getMessage());
        }
    }

    private static long size(String line, String prefix) throws ProofRejected {
        if (!line.startsWith(prefix) || !line.substring(prefix.length()).matches("0|[1-9][0-9]{0,18}")) {
            throw new ProofRejected("the line '" + prefix.strip() + "' holds a decimal tree size without leading zeros");
        }
        try {
            return Long.parseLong(line.substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw new ProofRejected("tree sizes beyond 2^63-1 are not supported");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConsistencyProof other) || oldSize != other.oldSize || newSize != other.newSize || hashes.size() != other.hashes.size()) {
            return false;
        }
        for (int i = 0; i < hashes.size(); i++) {
            if (!Arrays.equals(hashes.get(i), other.hashes.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(oldSize) * 31 + Long.hashCode(newSize);
    }

    @Override
    public String toString() {
        return "ConsistencyProof[" + oldSize + " -> " + newSize + "]";
    }
}
