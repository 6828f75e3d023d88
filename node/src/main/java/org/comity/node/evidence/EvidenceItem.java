package org.comity.node.evidence;

import java.time.Instant;
import java.util.UUID;

/**
 * An item of evidence in the vault: its bytes are the vault's blob {@code sha256} of {@code size}
 * bytes; it belongs to one side of one request, and says who recorded it, when, and how it was acquired.
 *
 * @param uploadId the resumable upload it arrived through, or null when it was registered otherwise
 * @param exhibit the exhibit it is, the same on every node it passes through (its own id where it was acquired)
 * @param disposal when, by whom and why it was disposed of (its bytes are gone), or null while it is kept
 * @param hold the legal hold that keeps it from disposal, or null
 */
public record EvidenceItem(
        UUID id,
        UUID requestId,
        RequestSide side,
        String fileName,
        String mediaType,
        long size,
        String sha256,
        Acquisition acquisition,
        UUID recordedBy,
        String recordedByName,
        UUID authorityId,
        Instant recordedAt,
        UUID uploadId,
        UUID exhibit,
        Disposal disposal,
        Hold hold) {

    /** A new item: kept, not on hold. */
    public EvidenceItem(UUID id, UUID requestId, RequestSide side, String fileName, String mediaType, long size, String sha256,
            Acquisition acquisition, UUID recordedBy, String recordedByName, UUID authorityId, Instant recordedAt, UUID uploadId, UUID exhibit) {
        this(id, requestId, side, fileName, mediaType, size, sha256, acquisition, recordedBy, recordedByName, authorityId, recordedAt, uploadId,
                exhibit, null, null);
    }

    /** Whether it was disposed of: nothing more happens to it on this node. */
    public boolean disposed() {
        return disposal != null;
    }

    /** The end of an item on this node: its disposal custody event was recorded and its bytes leave the vault. */
    public record Disposal(Instant at, String by, String reason) {}

    /** A legal hold: while it stands, the item is not disposed of, neither by a person nor by the retention period. */
    public record Hold(Instant since, String by, String reason) {}
}
