package org.comity.node.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Fixtures;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.comity.node.support.SessionClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A user changes their own password, on the account page or through the API; a wrong current password changes nothing. */
class PasswordChangeTest extends NodeTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Autowired
    JdbcClient jdbc;

    User user;

    @BeforeEach
    void world() {
        Authority authority = fixtures.authority(fixtures.state("P"), AuthorityKind.JUDICIAL_AUTHORITY);
        user = fixtures.user(authority, Role.JUDICIAL_AUTHORITY);
    }

    @Test
    void onTheAccountPageTheCurrentPasswordIsRequiredAndTheNewOneFollowsTheRules() {
        SessionClient session = new SessionClient(port).signIn(user.username(), Fixtures.PASSWORD);
        session.get("/account");

        SessionClient.Page wrong = session.post("/account/password",
                Map.of("currentPassword", "not my password", "newPassword", NEW_PASSWORD, "confirmation", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).contains("The password was not changed.", "This is not your current password.")
                .doesNotContain(NEW_PASSWORD).doesNotContain("not my password");

        SessionClient.Page rules = session.post("/account/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "short", "confirmation", "shorter"));
        assertThat(rules.body()).contains("Use 12 to", "Type the same new password twice.");
        assertThat(canSignIn(Fixtures.PASSWORD)).as("nothing changed yet").isTrue();

        SessionClient.Page done = session.post("/account/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD, "confirmation", NEW_PASSWORD));
        assertThat(done.status()).isEqualTo(302);
        assertThat(session.get("/account").body()).contains("Your password is changed.");
        assertThat(canSignIn(Fixtures.PASSWORD)).isFalse();
        assertThat(canSignIn(NEW_PASSWORD)).isTrue();
        assertThat(audited("DENIED")).isEqualTo(1);
        assertThat(audited("FAILED")).isEqualTo(1);
        assertThat(audited("SUCCESS")).isEqualTo(1);
    }

    @Test
    void throughTheApiWithAWriteToken() {
        Http api = http(fixtures.token(user));
        Http.Reply wrong = api.post("/api/v1/me/password", Map.of("currentPassword", "guess", "newPassword", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");
        assertThat(api.post("/api/v1/me/password", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD,
                "extra", "x")).status()).as("unknown fields are refused").isEqualTo(400);
        assertThat(canSignIn(Fixtures.PASSWORD)).isTrue();

        assertThat(api.post("/api/v1/me/password", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD)).status())
                .isEqualTo(204);
        assertThat(canSignIn(NEW_PASSWORD)).isTrue();
        assertThat(http(fixtures.token(user, org.comity.node.account.TokenScope.READ))
                .post("/api/v1/me/password", Map.of("currentPassword", NEW_PASSWORD, "newPassword", "another long passphrase")).status())
                .as("a read-only token changes nothing").isEqualTo(403);
    }

    private boolean canSignIn(String password) {
        SessionClient probe = new SessionClient(port);
        probe.get("/login");
        String next = probe.post("/login", Map.of("username", user.username(), "password", password)).location();
        return next != null && !next.contains("/login?error");
    }

    private int audited(String outcome) {
        return jdbc.sql("select count(*) from audit_event where action = 'account.password.change' and outcome = ? and target_id = ?")
                .params(outcome, user.id().toString()).query(Integer.class).single();
    }
}
