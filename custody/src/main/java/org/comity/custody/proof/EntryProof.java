package org.comity.custody.proof;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.comity.custody.checkpoint.CheckpointRejected;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.SignedNote;
import org.comity.custody.checkpoint.StrictBase64;
import org.comity.custody.checkpoint.VerifiedCheckpoint;
import org.comity.custody.merkle.HashSource;
import org.comity.custody.merkle.InclusionProofs;
import org.comity.custody.merkle.ProofRejected;
import org.comity.custody.merkle.TreeHash;
import org.comity.custody.proof.EntryProofRejected.Reason;

/**
 * A proof that the entry at {@code index} is in a log (c2sp.org/tlog-proof@v1): the header line,
 * an optional {@code extra} line, {@code index <n>}, the inclusion proof one base64 hash per line
 * from the leaf's sibling up, a blank line, then the signed checkpoint verbatim.
 *
 * @param extra opaque application data, not authenticated by anything (empty: no extra line)
 * @param path the inclusion proof of the entry in the checkpoint's tree
 */
public record EntryProof(byte[] extra, long index, List<byte[]> path, SignedCheckpoint checkpoint) {

    public static final String HEADER = "c2sp.org/tlog-proof@v1";
    /** No tree of at most 2^63-1 leaves has a longer path. */
    public static final int MAX_PATH = 63;
    public static final int MAX_BYTES = 2 * SignedNote.MAX_BYTES;

    public EntryProof {
        extra = extra.clone();
        if (index < 0) {
            throw new IllegalArgumentException("an entry index is not negative");
        }
        if (path.size() > MAX_PATH || path.stream().anyMatch(h -> h == null || h.length != TreeHash.SIZE)) {
            throw new IllegalArgumentException("an inclusion proof is at most " + MAX_PATH + " hashes of 32 bytes");
        }
        path = path.stream().map(byte[]::clone).toList();
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** The proof of entry {@code index} of {@code log} in the tree {@code checkpoint} signs, which must be the log's. */
    public static EntryProof prove(HashSource log, long index, SignedCheckpoint checkpoint) {
        long size = checkpoint.checkpoint().size();
        if (!Arrays.equals(TreeHash.root(log, size), checkpoint.checkpoint().rootHash())) {
            throw new IllegalArgumentException("the checkpoint is not of this log: its root differs at size " + size);
        }
        return new EntryProof(new byte[0], index, InclusionProofs.prove(log, index, size), checkpoint);
    }

    /** This proof carrying application data (which a verifier must not trust). */
    public EntryProof withExtra(byte[] data) {
        return new EntryProof(data, index, path, checkpoint);
    }

    @Override
    public byte[] extra() {
        return extra.clone();
    }

    @Override
    public List<byte[]> path() {
        return path.stream().map(byte[]::clone).toList();
    }

    public String format() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        if (extra.length > 0) {
            out.append("extra ").append(StrictBase64.encode(extra)).append('\n');
        }
        out.append("index ").append(index).append('\n');
        path.forEach(hash -> out.append(StrictBase64.encode(hash)).append('\n'));
        return out.append('\n').append(checkpoint.format()).toString();
    }

    /**
     * Checks that {@code entry} is the entry at this proof's index in the log {@code policy}
     * describes: the checkpoint first (origin, log signature, witness quorum), then the inclusion
     * proof against its root.
     *
     * @return the verified checkpoint, whose size and cosignatures say how far the log had grown and who saw it
     */
    public VerifiedCheckpoint verifyEntry(byte[] entry, LogPolicy policy) throws EntryProofRejected {
        return verifyLeafHash(TreeHash.leaf(Objects.requireNonNull(entry, "entry")), policy);
    }

    /** As {@link #verifyEntry}, for a verifier holding the entry's leaf hash rather than the entry. */
    public VerifiedCheckpoint verifyLeafHash(byte[] leafHash, LogPolicy policy) throws EntryProofRejected {
        VerifiedCheckpoint verified;
        try {
            verified = checkpoint.verify(policy);
        } catch (CheckpointRejected e) {
            throw new EntryProofRejected(Reason.CHECKPOINT, e.getMessage(), e);
        }
        try {
            InclusionProofs.verify(index, verified.checkpoint().size(), leafHash, path, verified.checkpoint().rootHash());
        } catch (ProofRejected e) {
            throw new EntryProofRejected(Reason.NOT_INCLUDED, e.getMessage(), e);
        }
        return verified;
    }

    /** Reads a proof from its bytes, which must be UTF-8; the form only, nothing is verified. */
    public static EntryProof parse(byte[] proof) throws EntryProofRejected {
        if (proof == null || proof.length > MAX_BYTES) {
            throw malformed("a tlog-proof is at most " + MAX_BYTES + " bytes");
        }
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(proof)).toString());
        } catch (CharacterCodingException e) {
            throw malformed("a tlog-proof is UTF-8");
        }
    }

    /** Reads a proof strictly, line by line as {@link #format()} writes it; nothing is verified. */
    public static EntryProof parse(String proof) throws EntryProofRejected {
        if (proof == null || proof.length() > MAX_BYTES) {
            throw malformed("a tlog-proof is at most " + MAX_BYTES + " bytes");
        }
        Lines lines = new Lines(proof);
        if (!lines.next().equals(HEADER)) {
            throw malformed("the first line is " + HEADER);
        }
        String line = lines.next();
        byte[] extra = new byte[0];
        if (line.startsWith("extra ")) {
            extra = StrictBase64.decode(line.substring("extra ".length())).filter(e -> e.length > 0)
                    .orElseThrow(() -> malformed("the extra line holds non-empty data in canonical base64"));
            line = lines.next();
        }
        if (!line.matches("index (0|[1-9][0-9]{0,18})")) {
            throw malformed("the index line is 'index' and a decimal number without leading zeros");
        }
        long index;
        try {
            index = Long.parseLong(line.substring("index ".length()));
        } catch (NumberFormatException e) {
            throw malformed("indexes beyond 2^63-1 are not supported");
        }
        List<byte[]> path = new ArrayList<>();
        for (line = lines.next(); !line.isEmpty(); line = lines.next()) {
            if (path.size() == MAX_PATH) {
                throw malformed("an inclusion proof has at most " + MAX_PATH + " hashes");
            }
            path.add(StrictBase64.decode(line).filter(h -> h.length == TreeHash.SIZE)
                    .orElseThrow(() -> malformed("each proof line is a 32-byte hash in canonical base64")));
        }
        SignedCheckpoint checkpoint;
        try {
            checkpoint = SignedCheckpoint.parse(lines.rest());
        } catch (CheckpointRejected e) {
            throw new EntryProofRejected(Reason.MALFORMED, "the checkpoint: " + e.getMessage(), e);
        }
        return new EntryProof(extra, index, path, checkpoint);
    }

    private static EntryProofRejected malformed(String detail) {
        return new EntryProofRejected(Reason.MALFORMED, detail);
    }

    /** Reads the header part line by line; running out of lines before the checkpoint is malformed. */
    private static final class Lines {
        private final String text;
        private int at;

        Lines(String text) {
            this.text = text;
        }

        String next() throws EntryProofRejected {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                throw malformed("the proof ends before its checkpoint");
            }
            String line = text.substring(at, end);
            at = end + 1;
            return line;
        }

        String rest() {
            return text.substring(at);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EntryProof other) || index != other.index || !Arrays.equals(extra, other.extra) || path.size() != other.path.size()
                || !checkpoint.equals(other.checkpoint)) {
            return false;
        }
        for (int i = 0; i < path.size(); i++) {
            if (!Arrays.equals(path.get(i), other.path.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + checkpoint.hashCode();
    }

    @Override
    public String toString() {
        return "EntryProof[" + index + " in " + checkpoint.checkpoint() + "]";
    }
}
