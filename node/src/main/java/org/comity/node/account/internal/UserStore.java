package org.comity.node.account.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.node.account.User;
import org.comity.node.platform.Role;
import static org.comity.node.platform.Sql.instant;
import static org.comity.node.platform.Sql.ts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserStore {

    private static final String COLUMNS = """
            id, authority_id, username, display_name, email, password_hash, totp_secret, totp_last_step, roles,
            locale, enabled, failed_logins, locked_until, last_login_at, created_at, version
            """;

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserRow> byUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from app_user where username = ?").param(username).query(UserStore::row).optional();
    }

    Optional<UserRow> byId(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from app_user where id = ?").param(id).query(UserStore::row).optional();
    }

    List<User> all() {
        return jdbc.sql("select " + COLUMNS + " from app_user order by username").query(UserStore::row).list()
                .stream().map(UserRow::user).toList();
    }

    void insert(User u, String passwordHash) {
        jdbc.sql("""
                insert into app_user (id, authority_id, username, display_name, email, password_hash, roles, locale, enabled, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(u.id(), u.authorityId(), u.username(), u.displayName(), u.email(), passwordHash,
                        roles(u.roles()), u.locale(), u.enabled(), ts(u.createdAt()))
                .update();
    }

    boolean update(UUID id, int expectedVersion, UUID authorityId, String displayName, String email, Set<Role> roles, boolean enabled) {
        return jdbc.sql("""
                update app_user set authority_id = ?, display_name = ?, email = ?, roles = ?, enabled = ?, version = version + 1
                where id = ? and version = ?
                """)
                .params(authorityId, displayName, email, roles(roles), enabled, id, expectedVersion)
                .update() == 1;
    }

    void setPassword(UUID id, String hash) {
        jdbc.sql("update app_user set password_hash = ? where id = ?").params(hash, id).update();
    }

    /** Counts a failed attempt and locks the account once {@code maxFailures} is reached. */
    int recordFailure(UUID id, int maxFailures, Instant lockUntil) {
        return jdbc.sql("""
                update app_user set failed_logins = failed_logins + 1,
                       locked_until = case when failed_logins + 1 >= ? then ? else locked_until end
                where id = ? returning failed_logins
                """)
                .params(maxFailures, ts(lockUntil), id)
                .query(Integer.class).single();
    }

    void recordSuccess(UUID id, Instant now) {
        jdbc.sql("update app_user set failed_logins = 0, locked_until = null, last_login_at = ? where id = ?")
                .params(ts(now), id).update();
    }

    void unlock(UUID id) {
        jdbc.sql("update app_user set failed_logins = 0, locked_until = null, version = version + 1 where id = ?").param(id).update();
    }

    void setTotpSecret(UUID id, byte[] sealed) {
        jdbc.sql("update app_user set totp_secret = ?, totp_last_step = null, version = version + 1 where id = ?")
                .params(sealed, id).update();
    }

    /** Consumes a TOTP time step; false if it (or a later one) was used already: codes work once. */
    boolean consumeTotpStep(UUID id, long step) {
        return jdbc.sql("update app_user set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?)")
                .params(step, id, step).update() == 1;
    }

    private static String[] roles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    private static UserRow row(ResultSet rs, int n) throws SQLException {
        byte[] totp = rs.getBytes("totp_secret");
        long lastStep = rs.getLong("totp_last_step");
        User user = new User(
                rs.getObject("id", UUID.class),
                rs.getObject("authority_id", UUID.class),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("email"),
                roleSet(rs.getArray("roles")),
                rs.getString("locale"),
                rs.getBoolean("enabled"),
                totp != null,
                rs.getInt("failed_logins"),
                instant(rs, "locked_until"),
                instant(rs, "last_login_at"),
                instant(rs, "created_at"),
                rs.getInt("version"));
        return new UserRow(user, rs.getString("password_hash"), totp, rs.wasNull() ? null : lastStep);
    }

    static Set<Role> roleSet(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

}
