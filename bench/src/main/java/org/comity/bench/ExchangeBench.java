package org.comity.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Two federated nodes on loopback, started as a user starts them: requests are created and
 * submitted on XA (Aurelia) to XB's (Borealis) central authority and travel signed, encrypted,
 * persisted on both sides and receipted. Measures end-to-end throughput (all delivered and every
 * envelope receipted) and, at a fixed rate, the time from SUBMITTED (stamped by XA) to DELIVERED
 * (stamped by XB when it stored the request; same machine, same clock). The reference, in the same
 * run, posts the same message JSON over plain HTTP to a JDK server that parses it: transport and
 * parsing without signing, encryption, persistence or the lifecycle.
 */
final class ExchangeBench {

    record Result(int requests, int clients, double submitPerSecond, double endToEndPerSecond, double referencePerSecond, Stats latency,
            double rate, int latencyRequests, int errors) {}

    private final Path root;
    private final Path work;
    private final int requests;
    private final int clients;
    private final double rate;
    private final Duration duration;

    ExchangeBench(Path root, Path work, int requests, int clients, double rate, Duration duration) {
        this.root = root;
        this.work = work;
        this.requests = requests;
        this.clients = clients;
        this.rate = rate;
        this.duration = duration;
    }

    Result run() throws Exception {
        StartupBench.deleteTree(work);
        Files.createDirectories(work);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path cli = root.resolve("cli/target/comity-cli.jar");
        exec(List.of(java, "-jar", cli.toString(), "directory", "key", "--private", work.resolve("dir/key.jwk").toString(),
                "--public", work.resolve("dir/keys.jwks").toString()));
        int portA = StartupBench.freePort();
        int portB = StartupBench.freePort();
        try (NodeProcess xa = NodeProcess.start(root, "start", portA, env("XA", "Aurelia", portA), work.resolve("xa.log"));
                NodeProcess xb = NodeProcess.start(root, "start", portB, env("XB", "Borealis", portB), work.resolve("xb.log"))) {
            xa.awaitHealthy(Duration.ofSeconds(180));
            xb.awaitHealthy(Duration.ofSeconds(180));
            waitFor(work.resolve("xa.json"));
            waitFor(work.resolve("xb.json"));
            exec(List.of(java, "-jar", cli.toString(), "directory", "demo", "--key", work.resolve("dir/key.jwk").toString(),
                    "--out", work.resolve("dir/list.jws").toString(), work.resolve("xa.json").toString(), work.resolve("xb.json").toString()));
            JsonNode a = Api.JSON.readTree(Files.readString(work.resolve("xa.json")));
            Api prosecutor = Api.withToken(xa.baseUrl(), token(a, "prosecutor"));
            Api adminA = Api.withToken(xa.baseUrl(), token(a, "admin"));
            JsonNode b = Api.JSON.readTree(Files.readString(work.resolve("xb.json")));
            Api adminB = Api.withToken(xb.baseUrl(), token(b, "admin"));
            String to = authorityId(prosecutor, "Borealis Central Authority");
            String document = document(to);

            // Warm-up: both JVMs compile the paths before anything is measured.
            System.out.println("warm-up: 200 requests");
            submitAll(prosecutor, document, 200, clients);
            awaitQuiet(adminA, adminB, Duration.ofMinutes(2));

            System.out.printf("reference: plain HTTP + JSON, the same message bodies, %d clients%n", clients);
            double reference = reference(prosecutor, document, Math.max(requests, 2000));

            System.out.printf("throughput: %d requests with %d clients, end to end%n", requests, clients);
            long start = System.nanoTime();
            AtomicInteger errors = new AtomicInteger();
            List<String> ids = submitAll(prosecutor, document, requests, clients, errors);
            double submitted = ids.size() / ((System.nanoTime() - start) / 1e9);
            awaitQuiet(adminA, adminB, Duration.ofMinutes(10));
            double endToEnd = ids.size() / ((System.nanoTime() - start) / 1e9);
            System.out.printf("  submitted %.0f/s; delivered and receipted end to end %.0f/s; reference %.0f/s%n", submitted, endToEnd, reference);

            System.out.printf("latency: %.0f requests/s for %d s, submit -> delivered%n", rate, duration.toSeconds());
            List<String> paced = paced(prosecutor, document, errors);
            awaitQuiet(adminA, adminB, Duration.ofMinutes(5));
            long[] samples = new long[paced.size()];
            for (int i = 0; i < paced.size(); i++) {
                samples[i] = submitToDelivered(prosecutor, paced.get(i));
            }
            Stats latency = new Stats(samples);
            System.out.printf("  p50 %s  p95 %s  p99 %s  max %s ms%n", Stats.ms(latency.millis(50)), Stats.ms(latency.millis(95)),
                    Stats.ms(latency.millis(99)), Stats.ms(latency.maxNanos() / 1e6));
            return new Result(ids.size(), clients, submitted, endToEnd, reference, latency, rate, paced.size(), errors.get());
        }
    }

    private Map<String, String> env(String id, String name, int port) {
        String lower = id.toLowerCase();
        return Map.of("COMITY_DEMO", "true", "COMITY_NODE_ID", id, "COMITY_NODE_NAME", name, "COMITY_NODE_STATE", id,
                "COMITY_PUBLIC_URL", "http://127.0.0.1:" + port, "COMITY_DATA_DIR", work.resolve(lower).toString(),
                "COMITY_DEMO_SUMMARY", work.resolve(lower + ".json").toString(),
                "COMITY_EXCHANGE_DIRECTORY_KEY_FILE", work.resolve("dir/keys.jwks").toString());
    }

    private String document(String to) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = Api.JSON.readValue(Files.readString(root.resolve(
                "node/src/test/resources/org/comity/node/federation/request.json")), Map.class);
        doc.put("requestedAuthority", to);
        doc.put("urgency", "NORMAL");
        return Api.JSON.writeValueAsString(doc);
    }

    private static List<String> submitAll(Api api, String document, int count, int clients) throws InterruptedException {
        return submitAll(api, document, count, clients, new AtomicInteger());
    }

    private static List<String> submitAll(Api api, String document, int count, int clients, AtomicInteger errors) throws InterruptedException {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        try {
                            ids.add(createAndSubmit(api, document));
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        return ids;
    }

    private static String createAndSubmit(Api api, String document) throws IOException, InterruptedException {
        String id = api.postJson("/api/v1/requests", document, 201).get("summary").get("id").asString();
        api.postJson("/api/v1/requests/" + id + "/actions/submit", "{}", 200);
        return id;
    }

    /** Open loop: a request every 1/rate seconds, whether or not the previous ones have finished. */
    private List<String> paced(Api api, String document, AtomicInteger errors) throws InterruptedException {
        int total = (int) (rate * duration.toSeconds());
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        long periodNanos = (long) (1e9 / rate);
        try (ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicInteger started = new AtomicInteger();
            timer.scheduleAtFixedRate(() -> {
                if (started.getAndIncrement() < total) {
                    workers.submit(() -> {
                        try {
                            ids.add(createAndSubmit(api, document));
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    });
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            while (started.get() < total) {
                Thread.sleep(50);
            }
            timer.shutdown();
        }
        return new ArrayList<>(ids);
    }

    /** DELIVERED.at (XB's node) minus SUBMITTED.at (XA's node), in nanoseconds. */
    private static long submitToDelivered(Api api, String id) throws IOException, InterruptedException {
        Instant submitted = null;
        Instant delivered = null;
        for (JsonNode e : api.getJson("/api/v1/requests/" + id + "/events")) {
            switch (e.get("type").asString()) {
                case "SUBMITTED" -> submitted = Instant.parse(e.get("at").asString());
                case "DELIVERED" -> delivered = Instant.parse(e.get("at").asString());
                default -> { }
            }
        }
        if (submitted == null || delivered == null) {
            throw new IllegalStateException("request " + id + " was not delivered");
        }
        return Duration.between(submitted, delivered).toNanos();
    }

    /** Until both nodes have nothing left to send and nothing waiting: every envelope delivered and receipted. */
    private static void awaitQuiet(Api a, Api b, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode ca = a.getJson("/api/v1/admin/exchange").get("counts");
            JsonNode cb = b.getJson("/api/v1/admin/exchange").get("counts");
            if (ca.get("PENDING").asLong() == 0 && cb.get("PENDING").asLong() == 0 && ca.get("WAITING").asLong() == 0
                    && cb.get("WAITING").asLong() == 0) {
                if (ca.get("DEAD").asLong() + cb.get("DEAD").asLong() > 0) {
                    throw new IllegalStateException("dead letters: " + ca + " " + cb);
                }
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the nodes were still exchanging after " + timeout);
    }

    /**
     * The same submission messages, as JSON over plain HTTP to a JDK server that parses them and
     * answers: what an unsigned, unencrypted, unpersisted
     * exchange costs on this machine.
     */
    private double reference(Api api, String document, int count) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        AtomicLong parsed = new AtomicLong();
        server.createContext("/messages", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Api.JSON.readTree(new String(body, StandardCharsets.UTF_8));
            parsed.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        server.setExecutor(handlers);
        server.start();
        try {
            String message = "{\"schema\":\"comity.message/1\",\"type\":\"request.submitted\",\"payload\":{\"submission\":{\"submitted\":{\"details\":{\"document\":"
                    + document + "}}}}}";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/messages");
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                for (int c = 0; c < clients; c++) {
                    pool.submit(() -> {
                        // Each "request" is two messages, as in the secure run: the submission out, the delivery back.
                        while (next.getAndIncrement() < count) {
                            for (int i = 0; i < 2; i++) {
                                http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(message)).build(),
                                        HttpResponse.BodyHandlers.discarding());
                            }
                        }
                        return null;
                    });
                }
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("cli.log").toFile())).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed; see " + work.resolve("cli.log"));
        }
    }

    private static void waitFor(Path file) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(file + " did not appear");
            }
            Thread.sleep(100);
        }
    }

    private static String token(JsonNode demo, String username) {
        for (JsonNode u : demo.get("users")) {
            if (u.get("username").asString().equals(username)) {
                return u.get("apiToken").asString();
            }
        }
        throw new IllegalStateException("no demo user " + username);
    }

    private static String authorityId(Api api, String name) throws IOException, InterruptedException {
        for (JsonNode a : api.getJson("/api/v1/directory/authorities")) {
            if (a.get("name").asString().equals(name)) {
                return a.get("id").asString();
            }
        }
        throw new IllegalStateException("no authority " + name);
    }
}
