package org.comity.node.support;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.comity.node.account.Accounts;
import org.comity.node.account.TokenScope;
import org.comity.node.account.User;
import org.comity.node.account.UserDraft;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityDraft;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.directory.Directory;
import org.comity.node.directory.State;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Role;

/**
 * Builds the world a test needs through the node's own services: states, authorities, users,
 * tokens. Names are unique per call, so tests sharing a context never see each other's data.
 */
public final class Fixtures {

    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Actor ROOT = new Actor(null, "fixture", "Test fixture", null, null, null, EnumSet.of(Role.ADMIN), false, null);

    private final Directory directory;
    private final Accounts accounts;
    private final ComityProperties properties;

    public Fixtures(Directory directory, Accounts accounts, ComityProperties properties) {
        this.directory = directory;
        this.accounts = accounts;
        this.properties = properties;
    }

    public static String unique(String prefix) {
        return prefix + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    /** A state hosted on this node. */
    public String state(String name) {
        String code = nextStateCode();
        directory.ensureState(new State(code, name));
        return code;
    }

    private static final AtomicInteger STATE_SEQ = new AtomicInteger((int) (System.nanoTime() % 500));

    private static String nextStateCode() {
        int n = STATE_SEQ.incrementAndGet() % 676;
        return "" + (char) ('A' + n / 26) + (char) ('A' + n % 26);
    }

    public Authority authority(String state, AuthorityKind kind) {
        return directory.createAuthority(ROOT, new AuthorityDraft(state, properties.node().id(), unique(kind.name().toLowerCase() + "-"), kind,
                null, null, List.of("en"), true));
    }

    /** An authority with an e-mail address, for notifications. */
    public Authority authority(String state, AuthorityKind kind, String email) {
        return directory.createAuthority(ROOT, new AuthorityDraft(state, properties.node().id(), unique(kind.name().toLowerCase() + "-"), kind,
                email, null, List.of("en"), true));
    }

    public User user(Authority authority, Role... roles) {
        return accounts.createUser(ROOT, new UserDraft(authority.id(), unique("user").toLowerCase(), "Test " + roles[0], null,
                EnumSet.copyOf(List.of(roles)), PASSWORD, true));
    }

    public String token(User user, TokenScope... scopes) {
        Set<TokenScope> set = scopes.length == 0 ? EnumSet.of(TokenScope.READ, TokenScope.WRITE) : EnumSet.copyOf(List.of(scopes));
        return accounts.issueToken(ROOT, user.id(), "test", set, Duration.ofDays(30)).secret();
    }

    public String token(User user, Duration lifetime) {
        return accounts.issueToken(ROOT, user.id(), "test", EnumSet.of(TokenScope.READ, TokenScope.WRITE), lifetime).secret();
    }

    public Actor actor(User user) {
        return accounts.actorFor(user.id());
    }

    public UUID id(Authority a) {
        return a.id();
    }
}
