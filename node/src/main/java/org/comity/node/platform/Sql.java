package org.comity.node.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Moments to and from {@code timestamptz} columns, always as UTC offsets (no JVM time zone involved), and advisory locks. */
public final class Sql {

    private Sql() {}

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Takes a transaction-scoped advisory lock named {@code name}: instances sharing the database
     * serialize on it until the current transaction ends.
     */
    public static void lockForTransaction(org.springframework.jdbc.core.simple.JdbcClient jdbc, String name) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(name).query(Object.class).optional();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
