package org.comity.node.account.internal;

import java.util.EnumSet;
import java.util.List;
import org.comity.node.account.UserDraft;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityDraft;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first administrator of a new node. While the node has no administrator, and the operator has
 * set {@code COMITY_ADMIN_USERNAME} and {@code COMITY_ADMIN_PASSWORD}, it creates that user in the
 * state's central authority hosted here (creating the authority if there is none yet). The
 * administrator sets up a second factor at first sign-in and then creates everyone else. Once an
 * administrator exists, the variables are ignored: they never reset anyone's password.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // after the directory knows this node and its state
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final Actor NODE = new Actor(null, "bootstrap", "Node start-up", null, null, null, EnumSet.of(Role.ADMIN), false, null);

    private final AccountService accounts;
    private final UserStore users;
    private final Directory directory;
    private final ComityProperties properties;
    private final String username;
    private final String password;
    private final String email;

    AdminBootstrap(AccountService accounts, UserStore users, Directory directory, ComityProperties properties,
            @Value("${comity.bootstrap.admin-username:}") String username,
            @Value("${comity.bootstrap.admin-password:}") String password,
            @Value("${comity.bootstrap.admin-email:}") String email) {
        this.accounts = accounts;
        this.users = users;
        this.directory = directory;
        this.properties = properties;
        this.username = username.strip();
        this.password = password;
        this.email = email.strip();
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (properties.demo()) {
            return; // the demo seeds its own administrator
        }
        boolean hasAdmin = users.all().stream().anyMatch(u -> u.enabled() && u.roles().contains(Role.ADMIN));
        if (hasAdmin) {
            if (!username.isEmpty()) {
                log.info("This node has an administrator already; COMITY_ADMIN_USERNAME and COMITY_ADMIN_PASSWORD are ignored.");
            }
            return;
        }
        if (username.isEmpty() || password.isEmpty()) {
            log.warn("This node has no administrator yet. Set COMITY_ADMIN_USERNAME and COMITY_ADMIN_PASSWORD and start it again "
                    + "to create the first one.");
            return;
        }
        Authority home = centralAuthority();
        try {
            accounts.createUser(NODE, new UserDraft(home.id(), username, "Administrator", email.isEmpty() ? null : email,
                    EnumSet.of(Role.ADMIN), password, true));
        } catch (ComityException e) {
            // Stop rather than run a node nobody can administer; never echo the password.
            throw new IllegalStateException("The first administrator cannot be created: " + describe(e.fieldProblems()), e);
        }
        log.info("Created the first administrator '{}' in {}. They set up their second factor at first sign-in; "
                + "remove COMITY_ADMIN_PASSWORD from the environment now.", username, home.name());
    }

    private Authority centralAuthority() {
        ComityProperties.Node node = properties.node();
        return directory.authorities().stream()
                .filter(a -> a.kind() == AuthorityKind.CENTRAL_AUTHORITY && a.stateCode().equals(node.state()) && node.id().equals(a.nodeId()))
                .findFirst()
                .orElseGet(() -> directory.createAuthority(NODE, new AuthorityDraft(node.state(), node.id(), node.name() + " Central Authority",
                        AuthorityKind.CENTRAL_AUTHORITY, null, null, List.of(), true)));
    }

    private static String describe(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + ": " + java.text.MessageFormat.format(p.message(), p.args().toArray())).toList().toString();
    }
}
