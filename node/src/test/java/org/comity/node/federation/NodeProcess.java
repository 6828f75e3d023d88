package org.comity.node.federation;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Comity node as its own operating-system process, started from the packaged jar the way
 * {@code ./comity start} starts it, on demo data (users and API tokens) with its own embedded
 * PostgreSQL. It can be stopped cleanly, killed with SIGKILL and restarted on the same data.
 */
final class NodeProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String id;
    final String name;
    final int port;
    private final Path dir;
    private final Map<String, String> environment;
    private Process process;
    private JsonNode summary;
    private int starts;

    NodeProcess(String id, String name, Path work, Path directoryKeys, Map<String, String> extra) throws IOException {
        this.id = id;
        this.name = name;
        this.port = freePort();
        this.dir = work.resolve(id.toLowerCase());
        Files.createDirectories(dir);
        this.environment = new java.util.HashMap<>(Map.of(
                "COMITY_DEMO", "true",
                "COMITY_NODE_ID", id,
                "COMITY_NODE_NAME", name,
                "COMITY_NODE_STATE", id,
                "COMITY_PORT", Integer.toString(port),
                "COMITY_PUBLIC_URL", "http://127.0.0.1:" + port,
                "COMITY_DATA_DIR", dir.resolve("data").toString(),
                "COMITY_DEMO_SUMMARY", dir.resolve("summary.json").toString(),
                "COMITY_EXCHANGE_DIRECTORY_KEY_FILE", directoryKeys.toString()));
        this.environment.put("COMITY_LEDGER_WITNESS_INTERVAL", "1s");
        this.environment.putAll(extra);
    }

    static Path jar() {
        String jar = System.getProperty("comity.node.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("comity.node.jar must name the packaged node (the failsafe plugin sets it); got " + jar);
        }
        return Path.of(jar);
    }

    /** Starts the process; {@link #awaitReady} waits for it. */
    void start() throws IOException {
        Files.deleteIfExists(dir.resolve("summary.json"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx384m", "-jar", jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        starts++;
        summary = null;
    }

    /** Waits until the node wrote its demo summary (it is serving by then), and reads the fresh API tokens. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path file = dir.resolve("summary.json");
        while (!Files.exists(file)) {
            if (!process.isAlive()) {
                throw new IOException(id + " stopped (exit " + process.exitValue() + ") before it was ready; see " + dir.resolve("node.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(id + " was not ready within " + timeout + "; see " + dir.resolve("node.log"));
            }
            Thread.sleep(100);
        }
        summary = JSON.readTree(Files.readString(file));
    }

    /** The JDBC URL of this node's embedded PostgreSQL, as its last start logged it. */
    String databaseUrl() throws IOException {
        java.util.regex.Matcher listening = java.util.regex.Pattern.compile("Embedded PostgreSQL \\S+ listening on 127\\.0\\.0\\.1:(\\d+)")
                .matcher(Files.readString(log()));
        String port = null;
        while (listening.find()) {
            port = listening.group(1); // the last start's
        }
        if (port == null) {
            throw new IllegalStateException(id + " has no embedded PostgreSQL; see " + log());
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/comity";
    }

    /** The password of its superuser, {@code postgres}. */
    String databasePassword() throws IOException {
        return Files.readString(dir.resolve("data").resolve("postgresql.password")).strip();
    }

    /** Uses the API tokens another instance of this node issued: a demo start revokes those issued before. */
    void adoptTokens(NodeProcess other) {
        summary = other.summary;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String token(String username) {
        for (JsonNode user : summary.get("users")) {
            if (user.get("username").asString().equals(username)) {
                return user.get("apiToken").asString();
            }
        }
        throw new IllegalArgumentException("no demo user " + username + " on " + id);
    }

    /** SIGKILL: no shutdown hook runs, the database is left as a crash leaves it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        // The embedded PostgreSQL outlives the JVM; the next start finds it and stops it before taking the cluster over.
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    int starts() {
        return starts;
    }

    Path log() {
        return dir.resolve("node.log");
    }

    /**
     * Another instance of this node: its own process, port and data folder, on this instance's
     * database (the embedded PostgreSQL, reached over TCP as an external one) and with a copy of its
     * keystore, as an operator runs several instances of one node.
     */
    NodeProcess secondInstance(Path work, Path directoryKeys) throws IOException {
        Path data = dir.resolve("data");
        Map<String, String> shared = new java.util.HashMap<>(environment);
        shared.keySet().removeAll(List.of("COMITY_PORT", "COMITY_PUBLIC_URL", "COMITY_DATA_DIR", "COMITY_DEMO_SUMMARY"));
        shared.put("COMITY_DATABASE_URL", databaseUrl());
        shared.put("COMITY_DATABASE_USERNAME", "postgres");
        shared.put("COMITY_DATABASE_PASSWORD", databasePassword());
        NodeProcess second = new NodeProcess(id, name, work, directoryKeys, shared);
        Path keys = second.dir.resolve("data").resolve("keys");
        Files.createDirectories(keys);
        try (var files = Files.list(data.resolve("keys"))) {
            for (Path file : files.toList()) {
                Files.copy(file, keys.resolve(file.getFileName()));
            }
        }
        return second;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
