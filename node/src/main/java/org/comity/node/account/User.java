package org.comity.node.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.comity.node.platform.Role;

/** A person who signs in to this node, acting for one authority. Never carries secrets. */
public record User(
        UUID id,
        UUID authorityId,
        String username,
        String displayName,
        String email,
        Set<Role> roles,
        String locale,
        boolean enabled,
        boolean secondFactorEnrolled,
        int failedLogins,
        Instant lockedUntil,
        Instant lastLoginAt,
        Instant createdAt,
        int version) {

    public User {
        roles = Set.copyOf(roles);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
