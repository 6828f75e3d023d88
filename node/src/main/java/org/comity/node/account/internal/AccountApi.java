package org.comity.node.account.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.comity.node.account.IssuedToken;
import org.comity.node.account.TokenInfo;
import org.comity.node.account.TokenScope;
import org.comity.node.account.User;
import org.comity.node.account.UserDraft;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.web.ETags;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/me} for every user; {@code /api/v1/admin/users} and {@code /admin/tokens} for administrators. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Accounts", description = "Who you are, your API tokens, and (administrators) users and tokens")
class AccountApi {

    private final AccountService accounts;

    AccountApi(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/me")
    @Operation(summary = "Who the token acts as")
    Actor me(@AuthenticationPrincipal Actor actor) {
        return actor;
    }

    @GetMapping("/me/tokens")
    @Operation(summary = "Your API tokens (never their secrets)")
    List<TokenInfo> myTokens(@AuthenticationPrincipal Actor actor) {
        return accounts.myTokens(actor);
    }

    record PasswordChange(String currentPassword, String newPassword, String confirmation) {}

    @PostMapping(path = "/me/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change your own password (the current one is required)")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal Actor actor, @RequestBody PasswordChange change) {
        accounts.changeOwnPassword(actor, change.currentPassword(), change.newPassword(),
                change.confirmation() == null ? change.newPassword() : change.confirmation());
        return ResponseEntity.noContent().build();
    }

    /** @param lifetimeDays between 1 and the node's maximum (365 by default) */
    record TokenRequest(String name, Set<TokenScope> scopes, Integer lifetimeDays) {}

    @PostMapping(path = "/me/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Issue yourself a token; the secret is in this response only")
    ResponseEntity<IssuedToken> issue(@AuthenticationPrincipal Actor actor, @RequestBody TokenRequest request) {
        return issued(accounts.issueToken(actor, actor.userId(), request.name(), request.scopes(), lifetime(request.lifetimeDays())));
    }

    @DeleteMapping("/me/tokens/{id}")
    @Operation(summary = "Revoke one of your tokens")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        accounts.revokeToken(actor, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/admin/users")
    @Operation(summary = "Every user of this node")
    List<User> users(@AuthenticationPrincipal Actor actor) {
        return accounts.users(actor);
    }

    @GetMapping("/admin/users/{id}")
    @Operation(summary = "One user")
    ResponseEntity<User> user(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        User user = accounts.user(actor, id);
        return ResponseEntity.ok().eTag(ETags.of(user.version())).body(user);
    }

    @PostMapping(path = "/admin/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a user")
    ResponseEntity<User> create(@AuthenticationPrincipal Actor actor, @RequestBody UserDraft draft) {
        User user = accounts.createUser(actor, draft);
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + user.id())).eTag(ETags.of(user.version())).body(user);
    }

    @PutMapping(path = "/admin/users/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a user (If-Match required)")
    ResponseEntity<User> update(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody UserDraft draft) {
        User user = accounts.updateUser(actor, id, ETags.version(ifMatch), draft);
        return ResponseEntity.ok().eTag(ETags.of(user.version())).body(user);
    }

    @PostMapping("/admin/users/{id}/reset-second-factor")
    @Operation(summary = "Clear a user's second factor")
    User resetSecondFactor(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return accounts.resetSecondFactor(actor, id);
    }

    @PostMapping("/admin/users/{id}/unlock")
    @Operation(summary = "Lift a lock-out")
    User unlock(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return accounts.unlock(actor, id);
    }

    @PostMapping(path = "/admin/users/{id}/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Issue a token for a user (for example a national case system's service account)")
    ResponseEntity<IssuedToken> issueFor(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestBody TokenRequest request) {
        return issued(accounts.issueToken(actor, id, request.name(), request.scopes(), lifetime(request.lifetimeDays())));
    }

    @GetMapping("/admin/tokens")
    @Operation(summary = "Every token of this node")
    List<TokenInfo> tokens(@AuthenticationPrincipal Actor actor) {
        return accounts.allTokens(actor);
    }

    @DeleteMapping("/admin/tokens/{id}")
    @Operation(summary = "Revoke any token")
    ResponseEntity<Void> adminRevoke(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        accounts.revokeToken(actor, id);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<IssuedToken> issued(IssuedToken token) {
        return ResponseEntity.created(URI.create("/api/v1/me/tokens/" + token.info().id())).body(token);
    }

    private static Duration lifetime(Integer days) {
        if (days == null) {
            return null;
        }
        if (days < 1) {
            throw ComityException.invalid("The lifetime is out of range.", List.of(FieldProblem.of("lifetimeDays", "out-of-range", "At least 1 day.")));
        }
        return Duration.ofDays(days);
    }

}
