package org.comity.node.request;

import java.time.Instant;
import java.util.UUID;

/** A small file attached to a request by one side, identified by the SHA-256 of its bytes. */
public record AttachmentInfo(UUID id, String fileName, String mediaType, long size, String sha256, Instant uploadedAt, Side side) {}
