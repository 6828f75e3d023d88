package org.comity.node.account;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.comity.node.platform.Actor;

/**
 * Users and their API tokens. Administrators manage every user of this node; every user manages
 * their own tokens. Every change is audited; unknown ids are "not found".
 */
public interface Accounts {

    List<User> users(Actor actor);

    User user(Actor actor, UUID id);

    User createUser(Actor actor, UserDraft draft);

    User updateUser(Actor actor, UUID id, int expectedVersion, UserDraft draft);

    /** Clears a user's second factor so they enrol again at next sign-in. */
    User resetSecondFactor(Actor actor, UUID id);

    /** Lifts a lock-out after too many failed sign-ins. */
    User unlock(Actor actor, UUID id);

    /**
     * Issues a token for {@code userId} (the actor's own, or any user's for an administrator).
     *
     * @param lifetime how long it lives; at most the node's configured maximum
     */
    IssuedToken issueToken(Actor actor, UUID userId, String name, Set<TokenScope> scopes, Duration lifetime);

    void revokeToken(Actor actor, UUID tokenId);

    /** The actor's own tokens. */
    List<TokenInfo> myTokens(Actor actor);

    /** Every token of the node, for administrators. */
    List<TokenInfo> allTokens(Actor actor);

    /** The actor for a user, as the security layer builds it; for seeding and tests. */
    Actor actorFor(UUID userId);
}
