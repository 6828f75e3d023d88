package org.comity.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node started the way a user starts it: {@code ./comity start} or {@code ./comity demo}, a real
 * process with its own embedded database, stopped with SIGTERM so the database shuts down cleanly.
 */
final class NodeProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final long startedAt;
    private final int port;
    private final Path log;

    private NodeProcess(Process process, long startedAt, int port, Path log) {
        this.process = process;
        this.startedAt = startedAt;
        this.port = port;
        this.log = log;
    }

    static NodeProcess start(Path root, String command, int port, Map<String, String> environment, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of(root.resolve("comity").toString(), command))
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        // ./comity bench built everything before the run; a source edited meanwhile must not rebuild mid-measurement.
        builder.environment().put("COMITY_NO_BUILD", "1");
        builder.environment().put("COMITY_PORT", Integer.toString(port));
        builder.environment().put("COMITY_DEMO_PORT_XA", Integer.toString(port));
        long startedAt = System.nanoTime();
        return new NodeProcess(builder.start(), startedAt, port, log);
    }

    /**
     * One demo node, started with {@code ./comity start} on a free port, its data, log and demo summary
     * (users and tokens) in {@code work}, and healthy.
     */
    static NodeProcess startDemo(Path root, Path work) throws IOException, InterruptedException {
        Map<String, String> env = Map.of("COMITY_DATA_DIR", work.resolve("node").toString(), "COMITY_DEMO_SUMMARY", work.resolve("demo.json").toString(),
                "COMITY_DEMO", "true");
        NodeProcess node = start(root, "start", StartupBench.freePort(), env, work.resolve("node.log"));
        try {
            node.awaitHealthy(Duration.ofSeconds(180));
            return node;
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** The demo summary a node started by {@link #startDemo} wrote: its users and their API tokens. */
    static tools.jackson.databind.JsonNode demoSummary(Path work) throws IOException {
        return Api.JSON.readTree(Files.readString(work.resolve("demo.json")));
    }

    /** The embedded PostgreSQL of a node started by {@link #startDemo}: where it listens and its password. */
    record Database(String url, String password) {
        static Database of(Path work) throws IOException {
            Path data = work.resolve("node");
            // postmaster.pid: pid, data folder, start time, port, ... (PostgreSQL's own file).
            int port = Integer.parseInt(Files.readAllLines(data.resolve("postgresql/postmaster.pid")).get(3).strip());
            return new Database("jdbc:postgresql://127.0.0.1:" + port + "/comity", Files.readString(data.resolve("postgresql.password")).strip());
        }
    }

    /** The node's JVM (the launcher execs java). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Polls the health endpoint until it answers UP; returns the time since the launcher was started. */
    Duration awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = startedAt + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the node stopped with exit code " + process.exitValue() + " before it was healthy; see " + log);
            }
            try {
                HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return Duration.ofNanos(System.nanoTime() - startedAt);
                }
            } catch (ConnectException | HttpTimeoutException notYet) {
                // Not listening yet.
            }
            Thread.sleep(10);
        }
        throw new IOException("the node was not healthy within " + timeout + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        // The launcher execs java, so this is the JVM itself; its shutdown hooks stop the database.
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }
}
