package org.comity.custody.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.comity.custody.checkpoint.CheckpointRejected.Reason;

/**
 * A log's tree head as a checkpoint's text (c2sp.org/tlog-checkpoint): the origin line naming the
 * log, the tree size in decimal, the base64 root hash, then optional extension lines.
 *
 * @param size the number of leaves; the spec allows up to 2^64-1, this reader up to 2^63-1
 * @param extensions opaque non-empty lines after the root hash (the spec advises against them)
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    public Checkpoint {
        if (!NoteText.line(origin)) {
            throw new IllegalArgumentException("the origin is one non-empty line without control characters");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is not negative");
        }
        if (rootHash == null || rootHash.length != 32) {
            throw new IllegalArgumentException("a root hash is 32 bytes");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        for (String line : extensions) {
            if (!NoteText.line(line)) {
                throw new IllegalArgumentException("extension lines are non-empty lines without control characters");
            }
        }
    }

    public static Checkpoint of(String origin, long size, byte[] rootHash) {
        return new Checkpoint(origin, size, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text that is signed: every line, each ending in a newline. */
    public String body() {
        StringBuilder body = new StringBuilder().append(origin).append('\n').append(size).append('\n')
                .append(StrictBase64.encode(rootHash)).append('\n');
        extensions.forEach(line -> body.append(line).append('\n'));
        return body.toString();
    }

    /** Reads a checkpoint from a note's text, strictly: each line exactly as {@link #body()} writes it. */
    public static Checkpoint parse(String body) throws CheckpointRejected {
        if (body == null || !body.endsWith("\n")) {
            throw malformed("a checkpoint's text ends in a newline");
        }
        List<String> lines = new ArrayList<>(Arrays.asList(body.substring(0, body.length() - 1).split("\n", -1)));
        if (lines.size() < 3) {
            throw malformed("a checkpoint has an origin, a tree size and a root hash, one per line");
        }
        for (String line : lines) {
            if (!NoteText.line(line)) {
                throw malformed("a checkpoint's lines are non-empty, without control characters");
            }
        }
        if (!lines.get(1).matches("0|[1-9][0-9]{0,18}")) {
            throw malformed("the tree size is a decimal number without leading zeros");
        }
        long size;
        try {
            size = Long.parseLong(lines.get(1));
        } catch (NumberFormatException e) {
            throw malformed("tree sizes beyond 2^63-1 are not supported");
        }
        byte[] root = StrictBase64.decode(lines.get(2)).filter(r -> r.length == 32)
                .orElseThrow(() -> malformed("the root hash is 32 bytes in canonical base64"));
        return new Checkpoint(lines.get(0), size, root, lines.subList(3, lines.size()));
    }

    private static CheckpointRejected malformed(String detail) {
        return new CheckpointRejected(Reason.MALFORMED, detail);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint other && origin.equals(other.origin) && size == other.size && Arrays.equals(rootHash, other.rootHash)
                && extensions.equals(other.extensions);
    }

    @Override
    public int hashCode() {
        return (origin.hashCode() * 31 + Long.hashCode(size)) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", " + size + ", " + StrictBase64.encode(rootHash) + (extensions.isEmpty() ? "" : ", " + extensions) + "]";
    }
}
