package org.comity.node.platform;

import java.io.Serial;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who is acting: a signed-in user or an API token's owner, with the authority and state they act
 * for. Every service method takes one; authorization and audit are decided from it.
 *
 * @param stateWide true when the user is a central authority officer of a central authority, who
 *     also sees what the state routes (ARCHITECTURE.md section 5)
 * @param tokenId the API token used, or null for a browser session
 */
public record Actor(
        UUID userId,
        String username,
        String displayName,
        UUID authorityId,
        String authorityName,
        String stateCode,
        Set<Role> roles,
        boolean stateWide,
        UUID tokenId) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The granted authority that marks a completed sign-in (password and, where required, second factor). */
    public static final String SIGNED_IN = "SIGNED_IN";

    public Actor {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The node itself, for work no person does: local delivery, expiry of a preservation. */
    public static Actor system(String nodeId) {
        return new Actor(null, "system", "Comity node " + nodeId, null, null, null, Set.of(), false, null);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean handlesRequests() {
        return roles.stream().anyMatch(Role::handlesRequests);
    }

    /** May write and send requests (see {@link Role#draftsRequests()}). */
    public boolean draftsRequests() {
        return roles.stream().anyMatch(Role::draftsRequests);
    }

    public boolean isSystem() {
        return userId == null;
    }
}
