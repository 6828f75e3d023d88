package org.comity.node.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.comity.node.platform.EmbeddedPostgres;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every Spring context of the test run its own fresh database on one embedded PostgreSQL
 * server per JVM (started on first use, stopped when the JVM exits), and its own data folder.
 * The node reaches the database through {@code comity.database.url}, as in production.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("comity-test-pg-");
                server = EmbeddedPostgres.start(dir.resolve("cluster"), 0, false);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        EmbeddedPostgres pg = server();
        String url = pg.createDatabaseIfAbsent("test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", Map.of(
                "comity.database.url", url,
                "comity.database.username", pg.superuser(),
                "comity.database.password", pg.password(),
                "comity.data-dir", freshDataDir().toString())));
    }

    public static Path freshDataDir() {
        try {
            return Files.createTempDirectory("comity-test-node-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
