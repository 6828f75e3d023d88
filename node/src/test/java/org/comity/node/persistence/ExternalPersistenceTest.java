package org.comity.node.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.comity.node.support.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The persistence contract on an external PostgreSQL server, reached as production reaches it:
 * {@code comity.database.url}. {@code COMITY_TEST_EXTERNAL_DATABASE} names a server and database
 * where this test may create (and afterwards drop) a database of its own; {@code ./comity test}
 * sets it when a server answers on localhost:5432, and CI always has one.
 */
@EnabledIfEnvironmentVariable(named = "COMITY_TEST_EXTERNAL_DATABASE", matches = ".+",
        disabledReason = "no external PostgreSQL: set COMITY_TEST_EXTERNAL_DATABASE (./comity test does when one answers on localhost:5432)")
@ContextConfiguration(initializers = ExternalPersistenceTest.ExternalDatabase.class)
class ExternalPersistenceTest extends PersistenceContract {

    /** Creates a fresh database on the external server and points the node at it. */
    static class ExternalDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String admin = System.getenv("COMITY_TEST_EXTERNAL_DATABASE");
            String name = "comity_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(admin)) {
                c.createStatement().execute("create database " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create a test database through " + admin + ": " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin, name)));
            String url = admin.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("external-database", Map.of(
                    "comity.database.url", url,
                    "comity.data-dir", TestDatabase.freshDataDir().toString())));
        }

        static void drop(String admin, String name) {
            try (Connection c = DriverManager.getConnection(admin)) {
                c.createStatement().execute("drop database if exists " + name + " with (force)");
            } catch (SQLException ignored) {
                // The server may already be gone at JVM exit; a leftover test database is harmless.
            }
        }
    }
}
