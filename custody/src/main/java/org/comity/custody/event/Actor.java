package org.comity.custody.event;

import java.util.Optional;
import java.util.UUID;
import org.comity.custody.json.FieldException;

/**
 * Who acted: a person (or the node itself) by name and role, the authority on whose behalf, and the
 * user account where there is one.
 */
public record Actor(String name, String role, UUID authorityId, String authorityName, Optional<String> userId) {

    public Actor {
        Texts.require("actor.name", name, 200);
        Texts.require("actor.role", role, 100);
        if (authorityId == null) {
            throw new FieldException("actor.authorityId", "is required");
        }
        Texts.require("actor.authorityName", authorityName, 300);
        userId.ifPresent(u -> Texts.require("actor.userId", u, 100));
    }

    public static Actor of(String name, String role, UUID authorityId, String authorityName) {
        return new Actor(name, role, authorityId, authorityName, Optional.empty());
    }

    public Actor withUser(String userId) {
        return new Actor(name, role, authorityId, authorityName, Optional.of(userId));
    }
}
