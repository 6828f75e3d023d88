package org.comity.node.writer;

import java.time.Instant;
import java.util.UUID;

/**
 * The issuing authority's approval of a request's content as it stands: who, for which authority,
 * when, and the SHA-256 of the document they approved. Any change to the content afterwards
 * needs a new sign-off before the request may leave.
 */
public record SignOff(UUID id, UUID requestId, int requestVersion, String documentSha256, UUID signedBy, String signerName,
        String authorityName, Instant signedAt) {}
