package org.comity.node.evidence;

import java.util.UUID;

/** An item to register whose bytes are already in the vault under {@code sha256} (for example, received from another node). */
public record NewEvidence(UUID requestId, RequestSide side, String sha256, String fileName, String mediaType, Acquisition acquisition) {}
