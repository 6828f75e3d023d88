package org.comity.node.evidence.internal;

import java.time.Instant;
import java.util.UUID;
import org.comity.node.evidence.Acquisition;
import org.comity.node.evidence.RequestSide;

/** An upload as stored: whose it is, for what, how far it got. */
record UploadRow(
        UUID id,
        UUID userId,
        String userName,
        UUID authorityId,
        UUID requestId,
        RequestSide side,
        long length,
        long offset,
        String metadata,
        String fileName,
        String mediaType,
        Acquisition acquisition,
        Status status,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        String sha256) {

    enum Status { RECEIVING, COMPLETE, TERMINATED, EXPIRED }

    boolean receiving() {
        return status == Status.RECEIVING;
    }

    boolean full() {
        return offset == length;
    }
}
