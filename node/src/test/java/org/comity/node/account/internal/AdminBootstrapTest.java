package org.comity.node.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.comity.node.account.User;
import org.comity.node.account.UserDraft;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Actor;
import org.comity.node.platform.Role;
import org.comity.node.support.NodeTest;
import org.comity.node.support.SessionClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A new node outside demo mode gets its first administrator from the environment, once. */
@TestPropertySource(properties = {
        "comity.bootstrap.admin-username=first.admin",
        "comity.bootstrap.admin-password=Bootstrap-passphrase-2026",
        "comity.bootstrap.admin-email=admin@justice.aurelia.example"})
class AdminBootstrapTest extends NodeTest {

    private static final Actor SYSTEM = new Actor(null, "test", "Test", null, null, null, EnumSet.of(Role.ADMIN), false, null);

    @Autowired
    AccountService accountService;

    @Autowired
    UserStore users;

    @Test
    void theFirstAdministratorIsCreatedInTheStatesCentralAuthorityAndMustEnrolASecondFactor() {
        User admin = admin("first.admin");
        assertThat(admin.roles()).containsExactly(Role.ADMIN);
        assertThat(admin.email()).isEqualTo("admin@justice.aurelia.example");
        Authority home = directory.authority(admin.authorityId()).orElseThrow();
        assertThat(home.kind()).isEqualTo(AuthorityKind.CENTRAL_AUTHORITY);
        assertThat(home.stateCode()).isEqualTo("XA");
        assertThat(home.nodeId()).isEqualTo("XA");

        SessionClient browser = new SessionClient(port);
        browser.get("/login");
        assertThat(browser.post("/login", Map.of("username", "first.admin", "password", "Bootstrap-passphrase-2026")).location())
                .endsWith("/login/enrol");
    }

    @Test
    void onceThereIsAnAdministratorTheVariablesChangeNothing() {
        int before = users.all().size();
        bootstrap("first.admin", "A-different-passphrase-2026").run(null);
        bootstrap("someone.else", "Yet-another-passphrase-2026").run(null);
        assertThat(users.all()).hasSize(before);
        assertThat(users.all()).noneMatch(u -> u.username().equals("someone.else"));
        SessionClient browser = new SessionClient(port);
        browser.get("/login");
        assertThat(browser.post("/login", Map.of("username", "first.admin", "password", "A-different-passphrase-2026")).location())
                .as("the password was not reset").contains("/login?error");
    }

    @Test
    void anUnusablePasswordStopsTheStartWithoutRepeatingIt() {
        User admin = admin("first.admin");
        accountService.updateUser(SYSTEM, admin.id(), admin.version(),
                new UserDraft(admin.authorityId(), admin.username(), admin.displayName(), admin.email(), admin.roles(), null, false));
        try {
            int before = users.all().size();
            assertThatThrownBy(() -> bootstrap("second.admin", "Zq9").run(null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("password")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Zq9"));
            assertThat(users.all()).hasSize(before);
        } finally {
            User disabled = admin("first.admin");
            accountService.updateUser(SYSTEM, disabled.id(), disabled.version(), new UserDraft(disabled.authorityId(), disabled.username(),
                    disabled.displayName(), disabled.email(), disabled.roles(), null, true));
        }
    }

    private AdminBootstrap bootstrap(String username, String password) {
        return new AdminBootstrap(accountService, users, directory, properties, username, password, "");
    }

    private User admin(String username) {
        List<User> all = users.all();
        return all.stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow();
    }
}
