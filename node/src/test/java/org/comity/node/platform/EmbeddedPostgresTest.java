package org.comity.node.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's own PostgreSQL keeps its data across restarts, and recovers from a node killed without stopping it. */
class EmbeddedPostgresTest {

    @TempDir
    Path dir;

    @Test
    void nodesStartingTogetherOnAFreshMachineAllGetTheUnpackedBinaries() throws Exception {
        // ./comity demo starts two nodes at once; both unpack, one loses the rename and must use the winner's copy.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            var starts = new java.util.ArrayList<java.util.concurrent.Future<Path>>();
            for (int i = 0; i < 3; i++) {
                starts.add(pool.submit(() -> EmbeddedPostgres.unpackBinaries(dir)));
            }
            for (var start : starts) {
                Path bin = start.get();
                assertThat(bin.resolve(".complete")).exists();
            }
        } finally {
            pool.shutdownNow();
        }
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no staging folder is left behind")
                    .allMatch(name -> name.startsWith("comity-postgresql-") && !name.contains("unpack"));
        }
    }

    @Test
    void dataSurvivesAStopAndAStart() throws Exception {
        Path cluster = dir.resolve("postgresql");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(cluster, 0, true)) {
            execute(pg, "create table kept (v text)", "insert into kept values ('still here')");
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(cluster, 0, true)) {
            assertThat(query(pg, "select v from kept")).isEqualTo("still here");
        }
    }

    @Test
    void aServerLeftBehindByAKilledNodeIsTakenOverOnTheNextStart() throws Exception {
        Path cluster = dir.resolve("postgresql");
        EmbeddedPostgres abandoned = EmbeddedPostgres.start(cluster, 0, true);
        execute(abandoned, "create table kept (v text)", "insert into kept values ('committed before the crash')");
        // No close(): as if the JVM had been killed with -9, its postmaster still running.
        abandoned.abandon();
        assertThat(Files.exists(cluster.resolve("postmaster.pid"))).isTrue();
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(cluster, 0, true)) {
            assertThat(query(pg, "select v from kept")).isEqualTo("committed before the crash");
        }
    }

    @Test
    void aSecondNodeOnTheSameDataFolderIsRefusedAndTheFirstKeepsItsDatabase() throws Exception {
        Path cluster = dir.resolve("postgresql");
        try (EmbeddedPostgres first = EmbeddedPostgres.start(cluster, 0, false)) {
            execute(first, "create table kept (v text)", "insert into kept values ('in use')");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedPostgres.start(cluster, 0, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another Comity node is running with the data folder");
            assertThat(query(first, "select v from kept")).isEqualTo("in use");
        }
    }

    @Test
    void itListensOnLoopbackOnlyAndRequiresItsPassword() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir.resolve("postgresql"), 0, false)) {
            assertThat(query(pg, "show listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(pg.password()).hasSize(48);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "guess"))
                    .hasMessageContaining("password authentication failed");
            assertThat(Files.getPosixFilePermissions(dir.resolve("postgresql.password")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        }
    }

    static void execute(EmbeddedPostgres pg, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.superuser(), pg.password())) {
            for (String s : statements) {
                c.createStatement().execute(s);
            }
        }
    }

    static String query(EmbeddedPostgres pg, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.superuser(), pg.password());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
