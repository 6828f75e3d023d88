package org.comity.node.evidence;

import java.time.Instant;
import java.util.UUID;

/**
 * An item of evidence in the vault: its bytes are the vault's blob {@code sha256} of {@code size}
 * bytes; it belongs to one side of one request, and says who recorded it, when, and how it was acquired.
 *
 * @param uploadId the resumable upload it arrived through, or null when it was registered otherwise
 * @param exhibit the exhibit it is, the same on every node it passes through (its own id where it was acquired)
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
        UUID exhibit) {}
