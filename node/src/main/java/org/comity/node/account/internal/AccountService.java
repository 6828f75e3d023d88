package org.comity.node.account.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.node.account.Accounts;
import org.comity.node.account.IssuedToken;
import org.comity.node.account.TokenInfo;
import org.comity.node.account.TokenScope;
import org.comity.node.account.User;
import org.comity.node.account.UserDraft;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail.Outcome;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Ids;
import org.comity.node.platform.Role;
import org.comity.node.platform.SecretBox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AccountService implements Accounts {

    static final String TOKEN_PREFIX = "cty_";
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9._-]{3,64}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(90);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserStore users;
    private final TokenStore tokens;
    private final AuditStore audit;
    private final Directory directory;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final SecretBox secrets;
    private final TokenCache recentTokens;
    private final Clock clock;
    private final ComityProperties properties;

    AccountService(UserStore users, TokenStore tokens, AuditStore audit, Directory directory, PasswordHasher passwords,
            LoginThrottle throttle, SecretBox secrets, TokenCache recentTokens, Clock clock, ComityProperties properties) {
        this.recentTokens = recentTokens;
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.directory = directory;
        this.passwords = passwords;
        this.throttle = throttle;
        this.secrets = secrets;
        this.clock = clock;
        this.properties = properties;
    }

    // --- Sign-in ------------------------------------------------------------------------------

    /** The first factor. Throws {@link SignInRefused} with a message safe to show; audits both ways. */
    @Transactional(noRollbackFor = SignInRefused.class)
    PasswordChecked checkPassword(String rawUsername, String password, String address) {
        String username = rawUsername == null ? "" : rawUsername.strip().toLowerCase(Locale.ROOT);
        String shownName = username.length() > 64 ? username.substring(0, 64) : username;
        Instant now = clock.instant();
        Optional<Instant> addressBlock = throttle.blockedUntil(address);
        if (addressBlock.isPresent()) {
            audit.anonymous(shownName, "signin.password", Outcome.DENIED, Map.of("reason", "address-throttled"));
            throw SignInRefused.throttled(addressBlock.get());
        }
        Optional<UserRow> found = users.byUsername(username);
        if (found.isEmpty() || password == null || password.length() > PasswordHasher.MAX_LENGTH) {
            passwords.burnTime(password == null ? "" : password);
            throttle.failed(address);
            audit.anonymous(shownName, "signin.password", Outcome.DENIED, Map.of("reason", "unknown-user"));
            throw SignInRefused.badCredentials();
        }
        UserRow row = found.get();
        User user = row.user();
        if (user.lockedAt(now)) {
            audit.record(actorFor(user), "signin.password", "user", user.id().toString(), Outcome.DENIED, Map.of("reason", "locked"));
            throw SignInRefused.throttled(user.lockedUntil());
        }
        if (!passwords.matches(password, row.passwordHash())) {
            throttle.failed(address);
            int failures = users.recordFailure(user.id(), properties.security().maxFailedLogins(), now.plus(properties.security().lockout()));
            audit.record(actorFor(user), "signin.password", "user", user.id().toString(), Outcome.DENIED,
                    Map.of("reason", "bad-password", "failures", failures));
            if (failures >= properties.security().maxFailedLogins()) {
                throw SignInRefused.throttled(now.plus(properties.security().lockout()));
            }
            throw SignInRefused.badCredentials();
        }
        Optional<Authority> authority = directory.authority(user.authorityId());
        if (!user.enabled() || authority.isEmpty() || !authority.get().active()) {
            audit.record(actorFor(user), "signin.password", "user", user.id().toString(), Outcome.DENIED, Map.of("reason", "disabled"));
            throw SignInRefused.badCredentials();
        }
        boolean enrolled = row.sealedTotpSecret() != null;
        if (!enrolled && !properties.secondFactorRequired()) {
            users.recordSuccess(user.id(), now);
        }
        audit.record(actorFor(user), "signin.password", "user", user.id().toString(), Outcome.SUCCESS, Map.of());
        return new PasswordChecked(actorFor(user), enrolled ? SecondFactor.CHALLENGE
                : properties.secondFactorRequired() ? SecondFactor.ENROL : SecondFactor.NONE);
    }

    /** The second factor for an enrolled user; wrong codes count towards the lock-out. */
    @Transactional(noRollbackFor = SignInRefused.class)
    Actor checkSecondFactor(UUID userId, String code) {
        UserRow row = users.byId(userId).orElseThrow(SignInRefused::badCredentials);
        Instant now = clock.instant();
        User user = row.user();
        Actor actor = actorFor(user);
        if (user.lockedAt(now) || row.sealedTotpSecret() == null) {
            throw SignInRefused.throttled(user.lockedUntil() == null ? now : user.lockedUntil());
        }
        byte[] secret = secrets.open(row.sealedTotpSecret(), totpContext(userId));
        OptionalLong step = Totp.match(secret, code, now);
        if (step.isEmpty() || !users.consumeTotpStep(userId, step.getAsLong())) {
            int failures = users.recordFailure(userId, properties.security().maxFailedLogins(), now.plus(properties.security().lockout()));
            audit.record(actor, "signin.second-factor", "user", userId.toString(), Outcome.DENIED,
                    Map.of("reason", step.isEmpty() ? "wrong-code" : "code-reused", "failures", failures));
            throw failures >= properties.security().maxFailedLogins()
                    ? SignInRefused.throttled(now.plus(properties.security().lockout()))
                    : SignInRefused.wrongCode();
        }
        users.recordSuccess(userId, now);
        audit.record(actor, "signin.second-factor", "user", userId.toString(), Outcome.SUCCESS, Map.of());
        return actor;
    }

    /** Completes enrolment: the user proved they hold {@code secret} by typing a current code. */
    @Transactional(noRollbackFor = SignInRefused.class)
    Actor enrolSecondFactor(UUID userId, byte[] secret, String code) {
        User user = users.byId(userId).orElseThrow(SignInRefused::badCredentials).user();
        Actor actor = actorFor(user);
        OptionalLong step = Totp.match(secret, code, clock.instant());
        if (step.isEmpty()) {
            audit.record(actor, "second-factor.enrol", "user", userId.toString(), Outcome.DENIED, Map.of("reason", "wrong-code"));
            throw SignInRefused.wrongCode();
        }
        users.setTotpSecret(userId, secrets.seal(secret, totpContext(userId)));
        users.consumeTotpStep(userId, step.getAsLong());
        users.recordSuccess(userId, clock.instant());
        audit.record(actor, "second-factor.enrol", "user", userId.toString(), Outcome.SUCCESS, Map.of());
        return actor;
    }

    /** Authenticates an API call; empty with a reason when the token cannot be used. */
    @Transactional
    TokenCheck checkToken(String secret) {
        if (secret == null || !secret.startsWith(TOKEN_PREFIX) || secret.length() > 100) {
            return TokenCheck.refused("The bearer token is malformed.");
        }
        byte[] hash = sha256(secret);
        Optional<TokenInfo> found = tokens.byHash(hash);
        if (found.isEmpty()) {
            return TokenCheck.refused("The bearer token is unknown.");
        }
        TokenInfo token = found.get();
        Instant now = clock.instant();
        if (token.revokedAt() != null) {
            return TokenCheck.refused("The bearer token was revoked.");
        }
        if (!token.expiresAt().isAfter(now)) {
            return TokenCheck.refused("The bearer token expired at " + token.expiresAt() + ".");
        }
        UserRow row = users.byId(token.userId()).orElseThrow();
        Optional<Authority> authority = directory.authority(token.authorityId());
        if (!row.user().enabled() || authority.isEmpty() || !authority.get().active()
                || !row.user().authorityId().equals(token.authorityId())) {
            return TokenCheck.refused("The bearer token's user or authority is disabled.");
        }
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(TokenStore.TOUCH_INTERVAL))) {
            tokens.touch(token.id(), now);
        }
        Actor base = actorFor(row.user(), authority.get());
        Actor actor = new Actor(base.userId(), base.username(), base.displayName(), base.authorityId(), base.authorityName(),
                base.stateCode(), base.roles(), base.stateWide(), token.id());
        TokenCheck accepted = TokenCheck.accepted(actor, token.scopes());
        recentTokens.remember(hash, accepted, token.expiresAt());
        return accepted;
    }

    /** A token checked a moment ago is trusted again without a transaction ({@link TokenCache}); otherwise {@link #checkToken}. */
    TokenCheck recentCheck(String secret) {
        if (secret == null || !secret.startsWith(TOKEN_PREFIX) || secret.length() > 100) {
            return null;
        }
        return recentTokens.recent(sha256(secret));
    }

    void signedOut(Actor actor) {
        audit.record(actor, "signout", "user", String.valueOf(actor.userId()), Outcome.SUCCESS, Map.of());
    }

    String issuer() {
        return "Comity " + properties.node().name();
    }

    // --- Administration -------------------------------------------------------------------------

    @Override
    public List<User> users(Actor actor) {
        requireAdmin(actor);
        return users.all();
    }

    @Override
    public User user(Actor actor, UUID id) {
        requireAdmin(actor);
        return users.byId(id).orElseThrow(() -> ComityException.notFound("User")).user();
    }

    @Override
    @Transactional
    public User createUser(Actor actor, UserDraft draft) {
        requireAdmin(actor);
        List<FieldProblem> problems = new ArrayList<>();
        String username = draft.username() == null ? "" : draft.username().strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            problems.add(FieldProblem.of("username", "invalid-username", "Use 3 to 64 lower-case letters, digits, dots, dashes or underscores."));
        } else if (users.byUsername(username).isPresent()) {
            problems.add(FieldProblem.of("username", "taken", "This username is taken."));
        }
        checkPassword(draft.password(), username, true, problems);
        Checked checked = check(draft, problems);
        User user = new User(Ids.newId(clock), checked.authorityId, username, checked.displayName, checked.email, checked.roles,
                null, draft.enabled() == null || draft.enabled(), false, 0, null, null, clock.instant(), 0);
        users.insert(user, passwords.hash(draft.password()));
        audit.success(actor, "user.create", "user", user.id(), Map.of("username", username, "roles", checked.roles.toString()));
        return users.byId(user.id()).orElseThrow().user();
    }

    @Override
    @Transactional
    public User updateUser(Actor actor, UUID id, int expectedVersion, UserDraft draft) {
        requireAdmin(actor);
        User current = user(actor, id);
        List<FieldProblem> problems = new ArrayList<>();
        boolean newPassword = draft.password() != null && !draft.password().isEmpty();
        if (newPassword) {
            checkPassword(draft.password(), current.username(), false, problems);
        }
        Checked checked = check(draft, problems);
        boolean enabled = draft.enabled() == null ? current.enabled() : draft.enabled();
        if (id.equals(actor.userId()) && (!checked.roles.contains(Role.ADMIN) || !enabled)) {
            throw ComityException.invalid("You cannot remove your own administrator role or disable yourself.",
                    List.of(FieldProblem.of("roles", "self-lockout", "Ask another administrator to do this.")));
        }
        recentTokens.forgetAll();
        if (!users.update(id, expectedVersion, checked.authorityId, checked.displayName, checked.email, checked.roles, enabled)) {
            throw ComityException.staleVersion(expectedVersion, current.version());
        }
        if (newPassword) {
            users.setPassword(id, passwords.hash(draft.password()));
        }
        audit.success(actor, "user.update", "user", id, Map.of("roles", checked.roles.toString(), "enabled", enabled, "passwordChanged", newPassword));
        return users.byId(id).orElseThrow().user();
    }

    @Override
    @Transactional
    public User resetSecondFactor(Actor actor, UUID id) {
        user(actor, id);
        users.setTotpSecret(id, null);
        audit.success(actor, "user.reset-second-factor", "user", id);
        return user(actor, id);
    }

    @Override
    @Transactional
    public User unlock(Actor actor, UUID id) {
        user(actor, id);
        users.unlock(id);
        audit.success(actor, "user.unlock", "user", id);
        return user(actor, id);
    }

    // --- Tokens ---------------------------------------------------------------------------------

    @Override
    @Transactional
    public IssuedToken issueToken(Actor actor, UUID userId, String name, Set<TokenScope> scopes, Duration lifetime) {
        if (!userId.equals(actor.userId()) && !actor.has(Role.ADMIN)) {
            throw ComityException.notFound("User");
        }
        User owner = users.byId(userId).orElseThrow(() -> ComityException.notFound("User")).user();
        List<FieldProblem> problems = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100) {
            problems.add(FieldProblem.of("name", "required", "Name the token after what will use it (1 to 100 characters)."));
        }
        Duration life = lifetime == null ? DEFAULT_TOKEN_LIFETIME : lifetime;
        Duration max = properties.security().maxTokenLifetime();
        if (life.compareTo(Duration.ofMinutes(5)) < 0 || life.compareTo(max) > 0) {
            problems.add(FieldProblem.of("lifetimeDays", "out-of-range", "A token lives between 1 and {0} days.", max.toDays()));
        }
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The token request has errors.", problems);
        }
        EnumSet<TokenScope> scopeSet = scopes == null || scopes.isEmpty() ? EnumSet.of(TokenScope.READ) : EnumSet.copyOf(scopes);
        if (scopeSet.contains(TokenScope.WRITE)) {
            scopeSet.add(TokenScope.READ);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        TokenInfo info = new TokenInfo(Ids.newId(clock), owner.id(), owner.username(), owner.authorityId(), cleanName,
                secret.substring(0, 12), scopeSet, now, now.plus(life), null, null);
        tokens.insert(info, sha256(secret), actor.userId());
        audit.success(actor, "token.issue", "token", info.id(), Map.of("owner", owner.username(), "scopes", scopeSet.toString(), "expiresAt", info.expiresAt().toString()));
        return new IssuedToken(info, secret);
    }

    @Override
    @Transactional
    public void revokeToken(Actor actor, UUID tokenId) {
        TokenInfo token = tokens.byId(tokenId)
                .filter(t -> t.userId().equals(actor.userId()) || actor.has(Role.ADMIN))
                .orElseThrow(() -> ComityException.notFound("Token"));
        if (!tokens.revoke(tokenId, clock.instant())) {
            throw ComityException.conflict("already-revoked", "This token was already revoked.");
        }
        recentTokens.forgetAll();
        audit.success(actor, "token.revoke", "token", tokenId, Map.of("owner", token.username()));
    }

    @Override
    public List<TokenInfo> myTokens(Actor actor) {
        return tokens.ofUser(actor.userId());
    }

    @Override
    public List<TokenInfo> allTokens(Actor actor) {
        requireAdmin(actor);
        return tokens.all();
    }

    @Override
    public Actor actorFor(UUID userId) {
        return actorFor(users.byId(userId).orElseThrow(() -> ComityException.notFound("User")).user());
    }

    Optional<User> findUser(UUID id) {
        return users.byId(id).map(UserRow::user);
    }

    Actor actorFor(User user) {
        return actorFor(user, directory.authority(user.authorityId()).orElseThrow());
    }

    private static Actor actorFor(User user, Authority authority) {
        boolean stateWide = user.roles().contains(Role.CENTRAL_AUTHORITY) && authority.kind() == AuthorityKind.CENTRAL_AUTHORITY;
        return new Actor(user.id(), user.username(), user.displayName(), authority.id(), authority.name(), authority.stateCode(),
                user.roles(), stateWide, null);
    }

    // --- Checks ---------------------------------------------------------------------------------

    private record Checked(UUID authorityId, String displayName, String email, Set<Role> roles) {}

    private Checked check(UserDraft draft, List<FieldProblem> problems) {
        Optional<Authority> authority = draft.authorityId() == null ? Optional.empty() : directory.authority(draft.authorityId());
        if (authority.isEmpty() || !authority.get().local()) {
            problems.add(FieldProblem.of("authorityId", "unknown-authority", "Choose one of this node's authorities."));
        }
        String displayName = draft.displayName() == null ? "" : draft.displayName().strip();
        if (displayName.isEmpty() || displayName.length() > 100) {
            problems.add(FieldProblem.of("displayName", "required", "Enter the person's name (1 to 100 characters)."));
        }
        String email = draft.email() == null || draft.email().isBlank() ? null : draft.email().strip();
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add(FieldProblem.of("email", "invalid-email", "Enter an e-mail address such as name@example.org."));
        }
        Set<Role> roles = draft.roles() == null ? Set.of() : draft.roles();
        if (roles.isEmpty()) {
            problems.add(FieldProblem.of("roles", "required", "Give the user at least one role."));
        }
        authority.ifPresent(a -> roles.stream()
                .filter(role -> !fits(role, a.kind()))
                .forEach(role -> problems.add(FieldProblem.of("roles", "role-mismatch",
                        "The role {0} does not fit an authority of kind {1}.", role, a.kind()))));
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The user has errors.", problems);
        }
        return new Checked(draft.authorityId(), displayName, email, EnumSet.copyOf(roles));
    }

    /** A handling role must match the kind of authority the user works for. */
    static boolean fits(Role role, AuthorityKind kind) {
        return switch (role) {
            case CENTRAL_AUTHORITY -> kind == AuthorityKind.CENTRAL_AUTHORITY;
            case JUDICIAL_AUTHORITY -> kind == AuthorityKind.JUDICIAL_AUTHORITY;
            case POINT_OF_CONTACT -> kind == AuthorityKind.POINT_OF_CONTACT;
            case SERVICE_PROVIDER -> kind == AuthorityKind.SERVICE_PROVIDER;
            case ADMIN, ANALYST, AUDITOR -> true;
        };
    }

    /**
     * A user changes their own password: the current one proves it is them (a session left open is not
     * enough), the new one follows the same rules as an administrator's. Refusals are audited too: the
     * refusal writes nothing but its audit record, which must survive the exception.
     */
    @Transactional(noRollbackFor = ComityException.class)
    public void changeOwnPassword(Actor actor, String current, String replacement, String confirmation) {
        UserRow row = users.byId(actor.userId()).orElseThrow(() -> ComityException.notFound("User"));
        List<FieldProblem> problems = new ArrayList<>();
        boolean proven = current != null && !current.isEmpty() && passwords.matches(current, row.passwordHash());
        if (!proven) {
            problems.add(FieldProblem.of("currentPassword", "wrong-password", "This is not your current password."));
        }
        List<FieldProblem> rules = new ArrayList<>();
        checkPassword(replacement, row.user().username(), true, rules);
        rules.forEach(p -> problems.add(new FieldProblem("newPassword", p.code(), p.message(), p.args())));
        if (replacement != null && !replacement.equals(confirmation)) {
            problems.add(FieldProblem.of("confirmation", "password-mismatch", "Type the same new password twice."));
        } else if (replacement != null && proven && replacement.equals(current)) {
            problems.add(FieldProblem.of("newPassword", "password-unchanged", "Choose a password different from the current one."));
        }
        if (!problems.isEmpty()) {
            audit.record(actor, "account.password.change", "user", actor.userId().toString(),
                    proven ? Outcome.FAILED : Outcome.DENIED, Map.of());
            throw ComityException.invalid("The password was not changed.", problems);
        }
        users.setPassword(actor.userId(), passwords.hash(replacement));
        audit.success(actor, "account.password.change", "user", actor.userId());
    }

    private static void checkPassword(String password, String username, boolean required, List<FieldProblem> problems) {
        if (password == null || password.isEmpty()) {
            if (required) {
                problems.add(FieldProblem.of("password", "required", "Set a password of at least {0} characters.", PasswordHasher.MIN_LENGTH));
            }
            return;
        }
        if (password.length() < PasswordHasher.MIN_LENGTH || password.length() > PasswordHasher.MAX_LENGTH) {
            problems.add(FieldProblem.of("password", "password-length", "Use {0} to {1} characters.", PasswordHasher.MIN_LENGTH, PasswordHasher.MAX_LENGTH));
        } else if (!username.isEmpty() && password.toLowerCase(Locale.ROOT).contains(username)) {
            problems.add(FieldProblem.of("password", "password-contains-username", "The password must not contain the username."));
        }
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.has(Role.ADMIN)) {
            throw ComityException.forbidden("Only an administrator may manage users.");
        }
    }

    static String totpContext(UUID userId) {
        return "totp:" + userId;
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    enum SecondFactor { NONE, CHALLENGE, ENROL }

    record PasswordChecked(Actor actor, SecondFactor next) {}

    record TokenCheck(Actor actor, Set<TokenScope> scopes, String refusal) {
        static TokenCheck refused(String why) {
            return new TokenCheck(null, Set.of(), why);
        }

        static TokenCheck accepted(Actor actor, Set<TokenScope> scopes) {
            return new TokenCheck(actor, scopes, null);
        }
    }
}
