package org.comity.node.account.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.account.TokenInfo;
import org.comity.node.account.TokenScope;
import static org.comity.node.platform.Sql.instant;
import static org.comity.node.platform.Sql.ts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TokenStore {

    private static final String COLUMNS = """
            t.id, t.user_id, u.username, t.authority_id, t.name, t.prefix, t.scopes, t.created_at, t.expires_at,
            t.revoked_at, t.last_used_at
            """;

    private final JdbcClient jdbc;

    TokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TokenInfo t, byte[] hash, UUID createdBy) {
        jdbc.sql("""
                insert into api_token (id, user_id, authority_id, name, token_hash, prefix, scopes, created_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(t.id(), t.userId(), t.authorityId(), t.name(), hash, t.prefix(),
                        t.scopes().stream().map(Enum::name).sorted().toArray(String[]::new), createdBy,
                        ts(t.createdAt()), ts(t.expiresAt()))
                .update();
    }

    Optional<TokenInfo> byHash(byte[] hash) {
        return jdbc.sql("select " + COLUMNS + " from api_token t join app_user u on u.id = t.user_id where t.token_hash = ?")
                .param(hash).query(TokenStore::row).optional();
    }

    Optional<TokenInfo> byId(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from api_token t join app_user u on u.id = t.user_id where t.id = ?")
                .param(id).query(TokenStore::row).optional();
    }

    List<TokenInfo> ofUser(UUID userId) {
        return jdbc.sql("select " + COLUMNS + " from api_token t join app_user u on u.id = t.user_id where t.user_id = ? order by t.created_at desc")
                .param(userId).query(TokenStore::row).list();
    }

    List<TokenInfo> all() {
        return jdbc.sql("select " + COLUMNS + " from api_token t join app_user u on u.id = t.user_id order by t.created_at desc")
                .query(TokenStore::row).list();
    }

    boolean revoke(UUID id, Instant now) {
        return jdbc.sql("update api_token set revoked_at = ? where id = ? and revoked_at is null")
                .params(ts(now), id).update() == 1;
    }

    /** How often use is recorded at most, so a busy script does not turn every read into a write. */
    static final java.time.Duration TOUCH_INTERVAL = java.time.Duration.ofMinutes(1);

    void touch(UUID id, Instant now) {
        jdbc.sql("update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(ts(now), id, ts(now.minus(TOUCH_INTERVAL))).update();
    }

    private static TokenInfo row(ResultSet rs, int n) throws SQLException {
        EnumSet<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        Arrays.stream((String[]) rs.getArray("scopes").getArray()).map(TokenScope::valueOf).forEach(scopes::add);
        return new TokenInfo(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("username"),
                rs.getObject("authority_id", UUID.class),
                rs.getString("name"),
                rs.getString("prefix"),
                scopes,
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "revoked_at"),
                instant(rs, "last_used_at"));
    }
}
