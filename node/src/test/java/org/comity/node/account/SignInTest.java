package org.comity.node.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Fixtures;
import org.comity.node.support.NodeTest;
import org.comity.node.support.SessionClient;
import org.comity.node.support.TestTotp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;

/** Signing in over real HTTP: password, second factor, lock-out, CSRF and the headers every page carries. */
class SignInTest extends NodeTest {

    @Autowired
    ServerProperties server;

    Authority authority;
    User user;

    @BeforeEach
    void world() {
        authority = fixtures.authority(fixtures.state("S"), AuthorityKind.JUDICIAL_AUTHORITY);
        user = fixtures.user(authority, Role.JUDICIAL_AUTHORITY);
    }

    @Test
    void outsideDemoModeTheFirstSignInEnrolsASecondFactorAndLaterOnesAskForIt() {
        SessionClient first = new SessionClient(port);
        first.get("/login");
        SessionClient.Page afterPassword = first.post("/login", Map.of("username", user.username(), "password", Fixtures.PASSWORD));
        assertThat(afterPassword.location()).endsWith("/login/enrol");
        assertThat(first.get("/requests").status()).as("nothing opens before the second factor").isEqualTo(403);
        SessionClient.Page enrol = first.get("/login/enrol");
        String secret = enrol.body().replaceAll("(?s).*id=\"totp-secret\">([A-Z2-7 ]+)<.*", "$1").replace(" ", "");
        assertThat(first.post("/login/enrol", Map.of("code", "000000")).body()).contains("That code is wrong");
        SessionClient.Page done = first.post("/login/enrol", Map.of("code", TestTotp.code(secret, Instant.now())));
        assertThat(done.location()).endsWith("/");
        assertThat(first.get("/requests?box=INBOX").status()).isEqualTo(200);

        SessionClient second = new SessionClient(port);
        second.get("/login");
        assertThat(second.post("/login", Map.of("username", user.username(), "password", Fixtures.PASSWORD)).location())
                .endsWith("/login/second-factor");
        second.get("/login/second-factor");
        // The code used to enrol was consumed: replaying it is refused (RFC 6238 section 5.2).
        assertThat(second.post("/login/second-factor", Map.of("code", TestTotp.code(secret, Instant.now()))).body())
                .contains("That code is wrong");
        assertThat(second.post("/login/second-factor", Map.of("code", TestTotp.code(secret, Instant.now().plusSeconds(30)))).location())
                .endsWith("/");
        assertThat(second.get("/account").status()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        SessionClient c = new SessionClient(port);
        c.get("/login");
        c.post("/login", Map.of("username", user.username(), "password", "wrong password!"));
        String wrongPassword = c.get("/login").body();
        c.post("/login", Map.of("username", "nobody-at-all", "password", "wrong password!"));
        String unknownUser = c.get("/login").body();
        assertThat(wrongPassword).contains("The username or password is wrong.");
        assertThat(unknownUser).contains("The username or password is wrong.");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountUntilAnAdministratorUnlocksIt() {
        SessionClient c = new SessionClient(port);
        for (int i = 0; i < 5; i++) {
            c.get("/login");
            c.post("/login", Map.of("username", user.username(), "password", "wrong password " + i));
        }
        c.get("/login");
        c.post("/login", Map.of("username", user.username(), "password", Fixtures.PASSWORD));
        assertThat(c.get("/login").body()).contains("Too many failed attempts");
        assertThat(accounts.user(adminActor(), user.id()).lockedUntil()).isAfter(Instant.now());
        accounts.unlock(adminActor(), user.id());
        new SessionClient(port).signIn(user.username(), Fixtures.PASSWORD);
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        SessionClient c = new SessionClient(port).signIn(user.username(), Fixtures.PASSWORD);
        SessionClient.Page forged = c.postRaw("/account/tokens", Map.of("name", "forged", "scope", "WRITE"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(accounts.myTokens(fixtures.actor(user))).isEmpty();
        c.get("/account");
        assertThat(c.post("/account/tokens", Map.of("name", "script", "scope", "READ")).status()).isEqualTo(302);
        assertThat(accounts.myTokens(fixtures.actor(user))).hasSize(1);
    }

    @Test
    void everyPageCarriesAStrictContentSecurityPolicyAndSafeHeaders() {
        SessionClient c = new SessionClient(port);
        SessionClient.Page login = c.get("/login");
        assertThat(login.header("Content-Security-Policy"))
                .contains("default-src 'self'").contains("script-src 'self'").contains("object-src 'none'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(login.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(login.body()).doesNotContain("<script>").doesNotContain("style=\"");
        String cookie = c.post("/login", Map.of("username", user.username(), "password", Fixtures.PASSWORD)).header("Set-Cookie");
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void signingOutEndsTheSession() {
        SessionClient c = new SessionClient(port).signIn(user.username(), Fixtures.PASSWORD);
        c.get("/account");
        assertThat(c.post("/logout", Map.of()).location()).endsWith("/login?signedout");
        assertThat(c.get("/account").status()).isEqualTo(302);
    }

    @Test
    void sessionsTimeOutAfterTheConfiguredIdleTime() {
        assertThat(server.getServlet().getSession().getTimeout()).isEqualTo(properties.security().sessionTimeout());
        assertThat(properties.security().sessionTimeout()).isEqualTo(java.time.Duration.ofMinutes(30));
    }

    @Test
    void signInsAndFailuresAreAudited() {
        new SessionClient(port).signIn(user.username(), Fixtures.PASSWORD);
        assertThat(jdbcCount("signin.password", "SUCCESS")).isGreaterThanOrEqualTo(1);
        assertThat(jdbcCount("second-factor.enrol", "SUCCESS")).isEqualTo(1);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    int jdbcCount(String action, String outcome) {
        return jdbc.sql("select count(*) from audit_event where action = ? and outcome = ? and target_id = ?")
                .params(action, outcome, user.id().toString()).query(Integer.class).single();
    }

    org.comity.node.platform.Actor adminActor() {
        return new org.comity.node.platform.Actor(null, "test-admin", "Test admin", null, null, null, java.util.EnumSet.of(Role.ADMIN), false, null);
    }
}
