package org.comity.node.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An API token as its owner and administrators see it: never the secret, which is shown once. */
public record TokenInfo(
        UUID id,
        UUID userId,
        String username,
        UUID authorityId,
        String name,
        String prefix,
        Set<TokenScope> scopes,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant lastUsedAt) {

    public TokenInfo {
        scopes = Set.copyOf(scopes);
    }

    public boolean usableAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
