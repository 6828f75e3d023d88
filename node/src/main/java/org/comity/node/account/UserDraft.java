package org.comity.node.account;

import java.util.Set;
import java.util.UUID;
import org.comity.node.platform.Role;

/**
 * What an administrator enters to create or change a user. {@code password} is required on
 * creation and, when given on a change, replaces the old one.
 */
public record UserDraft(
        UUID authorityId,
        String username,
        String displayName,
        String email,
        Set<Role> roles,
        String password,
        Boolean enabled) {}
