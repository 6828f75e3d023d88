package org.comity.node.platform;

import java.util.Optional;

/**
 * The database the node talks to: either an external server given by URL, or the node's own
 * embedded server, started here and stopped when the node stops.
 */
public final class DatabaseServer implements AutoCloseable {

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final Optional<EmbeddedPostgres> embedded;

    private DatabaseServer(String jdbcUrl, String username, String password, Optional<EmbeddedPostgres> embedded) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
    }

    static DatabaseServer from(ComityProperties properties) {
        ComityProperties.Database db = properties.database();
        if (db.isExternal()) {
            return new DatabaseServer(db.url(), db.username(), db.password(), Optional.empty());
        }
        EmbeddedPostgres pg = EmbeddedPostgres.start(properties.dataDir().resolve("postgresql"),
                db.embedded().port(), db.embedded().fsync());
        String url = pg.createDatabaseIfAbsent("comity");
        return new DatabaseServer(url, pg.superuser(), pg.password(), Optional.of(pg));
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedPostgres::close);
    }
}
