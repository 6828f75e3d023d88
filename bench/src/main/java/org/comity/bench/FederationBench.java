package org.comity.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./comity bench federation}: two federated nodes on loopback, started with {@code ./comity
 * start} as a user starts them, and beside them, in the same run and on the same machine, a plain
 * HTTP + JSON exchange of the same messages ({@link PlainNode}), so the cost of Comity's security
 * shows as a ratio.
 *
 * <p>Comity: requests are created and submitted on XA (Aurelia's prosecutor) to Borealis Central
 * Authority on XB; each travels as a signed and encrypted {@code request.submitted} envelope (stored,
 * validated, delivered, receipted by XB) and comes back as a {@code request.event} DELIVERED (stored,
 * applied, receipted by XA). End to end counts from the first submit until both nodes have nothing
 * pending or waiting: every envelope delivered and its receipt verified. Latency is DELIVERED.at
 * (stamped by XB when it stored the request) minus SUBMITTED.at (stamped by XA), both nodes on one
 * clock, for requests started open-loop at a fixed rate.
 *
 * <p>The plain reference runs the same phases with the same clients against two {@link PlainNode}
 * processes (the node's JVM options), each storing in its own database on the matching Comity
 * node's PostgreSQL; the message bodies are those Comity exchanged in the warm-up, read back from
 * the nodes' transmissions.
 */
final class FederationBench {

    /** One side of the comparison. */
    interface Exchange {
        /** Creates and submits one request on the requesting side; its id. */
        String createAndSubmit() throws Exception;

        /** Until every request submitted so far is delivered and everything sent was acknowledged. */
        void awaitQuiet(Duration timeout) throws Exception;

        /** Delivered time (stamped by the receiving side) minus submitted time (by the sender), in nanoseconds. */
        long submitToDelivered(String id) throws Exception;
    }

    /** {@code cpu}: what both nodes, their databases and the driver spent, from the first submit until all was acknowledged. */
    record Throughput(int requests, int errors, double seconds, double submitPerSecond, double endToEndPerSecond, CpuMeter.Reading cpu) {}

    record Latency(int requests, int errors, int undelivered, double achievedRate, Stats stats) {}

    record Side(Throughput throughput, Latency latency) {}

    /** Receipts verified by the sending node, counted in its exchange (DELIVERED outbox rows), over the measured phases. */
    record Receipts(long expected, long xaReceipted, long xbReceipted, int latencyChecked, int latencyReceipted) {}

    record Result(int requests, int clients, double rate, Duration duration, Side comity, Side plain, Receipts receipts, String messages,
            int submittedBytes, int eventBytes, String nodeJvmOptions, Path json) {}

    private static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC"; // ./comity's jvm_options

    private final Path root;
    private final Path work;
    private final int requests;
    private final int clients;
    private final double rate;
    private final Duration duration;
    private final boolean keep;
    private final String java = ProcessHandle.current().info().command().orElse("java");

    FederationBench(Path root, Path work, int requests, int clients, double rate, Duration duration, boolean keep) {
        this.root = root;
        this.work = work;
        this.requests = requests;
        this.clients = clients;
        this.rate = rate;
        this.duration = duration;
        this.keep = keep;
    }

    Result run() throws Exception {
        StartupBench.deleteTree(work);
        Files.createDirectories(work);
        Path cli = root.resolve("cli/target/comity-cli.jar");
        exec(List.of(java, "-jar", cli.toString(), "directory", "key", "--private", work.resolve("dir/key.jwk").toString(),
                "--public", work.resolve("dir/keys.jwks").toString()));
        int portA = StartupBench.freePort();
        int portB = StartupBench.freePort();
        String jvmOptions = System.getenv().getOrDefault("COMITY_JAVA_OPTS", "").isBlank() ? DEFAULT_JVM_OPTIONS : System.getenv("COMITY_JAVA_OPTS");
        Result result;
        System.out.printf("federation: starting XA (Aurelia) on %d and XB (Borealis) on %d%n", portA, portB);
        NodeProcess xa = NodeProcess.start(root, "start", portA, env("XA", "Aurelia", portA), work.resolve("xa.log"));
        NodeProcess xb = null;
        Process plainA = null;
        Process plainB = null;
        try {
            xb = NodeProcess.start(root, "start", portB, env("XB", "Borealis", portB), work.resolve("xb.log"));
            xa.awaitHealthy(Duration.ofSeconds(180));
            xb.awaitHealthy(Duration.ofSeconds(180));
            waitFor(work.resolve("xa.json"));
            waitFor(work.resolve("xb.json"));
            exec(List.of(java, "-jar", cli.toString(), "directory", "demo", "--key", work.resolve("dir/key.jwk").toString(),
                    "--out", work.resolve("dir/list.jws").toString(), work.resolve("xa.json").toString(), work.resolve("xb.json").toString()));
            JsonNode a = Api.JSON.readTree(Files.readString(work.resolve("xa.json")));
            JsonNode b = Api.JSON.readTree(Files.readString(work.resolve("xb.json")));
            Api prosecutor = Api.withToken(xa.baseUrl(), token(a, "prosecutor"));
            Api adminA = Api.withToken(xa.baseUrl(), token(a, "admin"));
            Api adminB = Api.withToken(xb.baseUrl(), token(b, "admin"));
            Api officerB = Api.withToken(xb.baseUrl(), token(b, "ca.officer"));
            Secure comity = new Secure(prosecutor, new KeepAliveClient.Pool(xa.baseUrl(), token(a, "prosecutor")), adminA, adminB,
                    document(authorityId(prosecutor, "Borealis Central Authority")));

            int warmUp = Math.clamp(requests / 5, 50, 200);
            System.out.printf("warm-up: %d requests through Comity%n", warmUp);
            List<String> warm = submitAll(comity, warmUp, new AtomicInteger());
            comity.awaitQuiet(Duration.ofMinutes(3));

            // The reference sends the messages Comity just exchanged, read back from the nodes' transmissions.
            Path plainDir = Files.createDirectories(work.resolve("plain"));
            Captured captured = capture(prosecutor, officerB, warm, comity.document);
            Files.writeString(plainDir.resolve("request.submitted.payload.json"), captured.submittedPayload());
            Files.writeString(plainDir.resolve("request.event.payload.json"), captured.eventPayload());
            int plainPortA = StartupBench.freePort();
            int plainPortB = StartupBench.freePort();
            plainA = startPlain("XA", "XB", plainPortA, plainPortB, work.resolve("xa"), jvmOptions, plainDir);
            plainB = startPlain("XB", "XA", plainPortB, plainPortA, work.resolve("xb"), jvmOptions, plainDir);
            Plain plain = new Plain("http://127.0.0.1:" + plainPortA, "http://127.0.0.1:" + plainPortB, comity.document);
            plain.awaitUp(plainA, plainB, Duration.ofSeconds(60));
            System.out.printf("warm-up: %d requests through the plain reference (%s)%n", warmUp, captured.source());
            submitAll(plain, warmUp, new AtomicInteger());
            plain.awaitQuiet(Duration.ofMinutes(3));

            JsonNode before = counts(adminA, adminB);
            CpuMeter xaMeter = new CpuMeter(xa.handle(), work.resolve("xa/postgresql"));
            CpuMeter xbMeter = new CpuMeter(xb.handle(), work.resolve("xb/postgresql"));
            CpuMeter plainAMeter = new CpuMeter(plainA.toHandle(), work.resolve("xa/postgresql"));
            CpuMeter plainBMeter = new CpuMeter(plainB.toHandle(), work.resolve("xb/postgresql"));
            Throughput plainThroughput = throughput("plain HTTP + JSON", plain, () -> plainAMeter.read().withOtherNode(plainBMeter.read()));
            Throughput comityThroughput = throughput("Comity", comity, () -> xaMeter.read().withOtherNode(xbMeter.read()));
            Latency comityLatency = latency("Comity", comity);
            Latency plainLatency = latency("plain HTTP + JSON", plain);
            JsonNode after = counts(adminA, adminB);
            Receipts receipts = new Receipts(comityThroughput.requests() + comityLatency.requests(),
                    after.get(0).get("DELIVERED").asLong() - before.get(0).get("DELIVERED").asLong(),
                    after.get(1).get("DELIVERED").asLong() - before.get(1).get("DELIVERED").asLong(),
                    comity.checked.get(), comity.receipted.get());
            if (after.get(0).get("DEAD").asLong() + after.get(1).get("DEAD").asLong() > 0) {
                throw new IllegalStateException("dead letters after the run: " + after);
            }
            result = new Result(requests, clients, rate, duration, new Side(comityThroughput, comityLatency), new Side(plainThroughput, plainLatency),
                    receipts, captured.source(), captured.submittedBytes(), captured.eventBytes(), jvmOptions, work.resolve("federation.json"));
            writeJson(result);
        } finally {
            stop(plainA);
            stop(plainB);
            if (xb != null) {
                xb.close();
            }
            xa.close();
        }
        if (!keep) {
            // The results and the logs stay; the nodes' data (two PostgreSQL clusters), their demo logins and the directory key go.
            for (String item : List.of("xa", "xb", "dir", "plain", "xa.json", "xb.json")) {
                StartupBench.deleteTree(work.resolve(item));
            }
        }
        return result;
    }

    // --- Phases, the same for both sides -----------------------------------------------------------

    private Throughput throughput(String name, Exchange exchange, java.util.function.Supplier<CpuMeter.Reading> meter) throws Exception {
        System.out.printf("throughput, %s: %d requests, %d clients%n", name, requests, clients);
        AtomicInteger errors = new AtomicInteger();
        CpuMeter.Reading cpuBefore = meter.get();
        long start = System.nanoTime();
        List<String> ids = submitAll(exchange, requests, errors);
        double submitSeconds = (System.nanoTime() - start) / 1e9;
        exchange.awaitQuiet(Duration.ofSeconds(120 + requests / 5));
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuMeter.Reading cpu = meter.get().minus(cpuBefore);
        Throughput t = new Throughput(ids.size(), errors.get(), seconds, ids.size() / submitSeconds, ids.size() / seconds, cpu);
        System.out.printf(Locale.ROOT, "  submitted %.0f/s, end to end %.0f/s (%d in %.1f s, %d errors); CPU ms per request: nodes %s, databases %s, driver %s%n",
                t.submitPerSecond(), t.endToEndPerSecond(), t.requests(), seconds, t.errors(), CpuMeter.perOperation(cpu.node(), t.requests()),
                CpuMeter.perOperation(cpu.database(), t.requests()), CpuMeter.perOperation(cpu.driver(), t.requests()));
        return t;
    }

    private Latency latency(String name, Exchange exchange) throws Exception {
        int total = (int) Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
        System.out.printf(Locale.ROOT, "latency, %s: %.0f requests/s for %s (%d requests), submit -> delivered%n", name, rate,
                seconds(duration), total);
        AtomicInteger errors = new AtomicInteger();
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        long periodNanos = (long) (1e9 / rate);
        AtomicInteger started = new AtomicInteger();
        long begin = System.nanoTime();
        long[] last = new long[1];
        try (ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            // Open loop: a request every 1/rate seconds, whether or not the previous ones have finished.
            timer.scheduleAtFixedRate(() -> {
                if (started.get() < total) {
                    started.incrementAndGet();
                    last[0] = System.nanoTime();
                    workers.submit(() -> {
                        try {
                            ids.add(exchange.createAndSubmit());
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    });
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            while (started.get() < total) {
                Thread.sleep(20);
            }
            timer.shutdown();
        }
        double achieved = total <= 1 ? rate : (total - 1) / ((last[0] - begin) / 1e9);
        exchange.awaitQuiet(Duration.ofSeconds(120 + total / 5));
        List<String> list = new ArrayList<>(ids);
        List<Long> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger undelivered = new AtomicInteger();
        try (ExecutorService readers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (String id : list) {
                done.add(readers.submit(() -> {
                    try {
                        samples.add(exchange.submitToDelivered(id));
                    } catch (Exception e) {
                        undelivered.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException(name + ": no request of the latency run was delivered");
        }
        Stats stats = new Stats(samples.stream().mapToLong(Long::longValue).toArray());
        System.out.printf(Locale.ROOT, "  p50 %s  p95 %s  p99 %s  max %s ms (%d delivered, %.1f/s achieved, %d errors, %d undelivered)%n",
                Stats.ms(stats.millis(50)), Stats.ms(stats.millis(95)), Stats.ms(stats.millis(99)), Stats.ms(stats.maxNanos() / 1e6),
                stats.count(), achieved, errors.get(), undelivered.get());
        return new Latency(list.size(), errors.get(), undelivered.get(), achieved, stats);
    }

    /** {@code count} create + submit calls from {@code clients} threads, as fast as they are answered. */
    private List<String> submitAll(Exchange exchange, int count, AtomicInteger errors) throws InterruptedException {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        try {
                            ids.add(exchange.createAndSubmit());
                        } catch (Exception e) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("  create + submit failed: " + e.getMessage());
                            }
                        }
                    }
                    return null;
                });
            }
        }
        return ids;
    }

    // --- Comity -----------------------------------------------------------------------------------

    static final class Secure implements Exchange {
        private final Api prosecutor;
        private final KeepAliveClient.Pool calls;
        private final Api adminA;
        private final Api adminB;
        final String document;
        final AtomicInteger checked = new AtomicInteger();
        final AtomicInteger receipted = new AtomicInteger();

        Secure(Api prosecutor, KeepAliveClient.Pool calls, Api adminA, Api adminB, String document) {
            this.prosecutor = prosecutor;
            this.calls = calls;
            this.adminA = adminA;
            this.adminB = adminB;
            this.document = document;
        }

        @Override
        public String createAndSubmit() throws IOException, InterruptedException {
            // Created and submitted in one call, as a national case system holding a complete request would.
            return LoadBench.requestId(calls.expect("POST", "/api/v1/requests?submit=true", document, 201));
        }

        /** Both nodes have nothing left to send and nothing waiting: every envelope delivered and receipted. */
        @Override
        public void awaitQuiet(Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode ca = adminA.getJson("/api/v1/admin/exchange/backlog");
                JsonNode cb = adminB.getJson("/api/v1/admin/exchange/backlog");
                if (ca.get("DEAD").asLong() + cb.get("DEAD").asLong() > 0) {
                    throw new IllegalStateException("dead letters: XA " + ca + ", XB " + cb);
                }
                if (ca.get("PENDING").asLong() == 0 && cb.get("PENDING").asLong() == 0 && ca.get("WAITING").asLong() == 0
                        && cb.get("WAITING").asLong() == 0) {
                    return;
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("the nodes were still exchanging after " + timeout);
        }

        /**
         * DELIVERED.at (XB) minus SUBMITTED.at (XA), from XA's timeline; also checks on XA's
         * transmissions that the submission's envelope came back with XB's receipt.
         */
        @Override
        public long submitToDelivered(String id) throws IOException, InterruptedException {
            Instant submitted = null;
            Instant delivered = null;
            for (JsonNode e : prosecutor.getJson("/api/v1/requests/" + id + "/events")) {
                switch (e.get("type").asString()) {
                    case "SUBMITTED" -> submitted = Instant.parse(e.get("at").asString());
                    case "DELIVERED" -> delivered = Instant.parse(e.get("at").asString());
                    default -> { }
                }
            }
            checked.incrementAndGet();
            for (JsonNode t : prosecutor.getJson("/api/v1/requests/" + id + "/transmissions")) {
                if (t.path("direction").asString("").equals("OUT") && t.path("type").asString("").equals("request.submitted")
                        && t.path("status").asString("").equals("DELIVERED") && !t.path("receipt").isNull() && t.has("receipt")) {
                    receipted.incrementAndGet();
                    break;
                }
            }
            if (submitted == null || delivered == null) {
                throw new IllegalStateException("request " + id + " was not delivered");
            }
            return Duration.between(submitted, delivered).toNanos();
        }
    }

    private static JsonNode counts(Api adminA, Api adminB) throws IOException, InterruptedException {
        var both = Api.JSON.createArrayNode();
        both.add(adminA.getJson("/api/v1/admin/exchange").get("counts"));
        both.add(adminB.getJson("/api/v1/admin/exchange").get("counts"));
        return both;
    }

    // --- The plain reference ----------------------------------------------------------------------

    static final class Plain implements Exchange {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        private final KeepAliveClient.Pool calls;
        private final String a;
        private final String b;
        private final String document;

        Plain(String a, String b, String document) {
            this.calls = new KeepAliveClient.Pool(a, null);
            this.a = a;
            this.b = b;
            this.document = document;
        }

        void awaitUp(Process nodeA, Process nodeB, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (Process p : List.of(nodeA, nodeB)) {
                    if (!p.isAlive()) {
                        throw new IOException("a plain reference node stopped with exit code " + p.exitValue() + "; see plain-xa.log, plain-xb.log");
                    }
                }
                try {
                    stats(a);
                    stats(b);
                    return;
                } catch (ConnectException | IllegalStateException notYet) {
                    Thread.sleep(50);
                }
            }
            throw new IOException("the plain reference nodes did not answer within " + timeout);
        }

        /** As for Comity: one call creates the request from the document and submits it. */
        @Override
        public String createAndSubmit() throws IOException, InterruptedException {
            return KeepAliveClient.firstString(calls.expect("POST", "/requests?submit=true", document, 201), "id");
        }

        @Override
        public void awaitQuiet(Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode sa = stats(a);
                JsonNode sb = stats(b);
                if (sa.get("dead").asLong() + sb.get("dead").asLong() > 0) {
                    throw new IllegalStateException("plain reference gave up messages: A " + sa + ", B " + sb);
                }
                if (sa.get("pending").asLong() == 0 && sb.get("pending").asLong() == 0
                        && sa.get("delivered").asLong() == sa.get("submitted").asLong()) {
                    return;
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("the plain reference was still exchanging after " + timeout);
        }

        @Override
        public long submitToDelivered(String id) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(a + "/requests/" + id)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode row = Api.JSON.readTree(Api.expect(r, 200, "GET /requests/" + id + " (plain)"));
            if (row.get("deliveredAt").isNull()) {
                throw new IllegalStateException("request " + id + " was not delivered");
            }
            return Duration.between(Instant.parse(row.get("submittedAt").asString()), Instant.parse(row.get("deliveredAt").asString())).toNanos();
        }

        private JsonNode stats(String base) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/stats")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return Api.JSON.readTree(Api.expect(r, 200, "GET /stats (plain)"));
        }
    }

    private Process startPlain(String id, String peer, int port, int peerPort, Path nodeData, String jvmOptions, Path plainDir) throws Exception {
        Path cluster = nodeData.resolve("postgresql");
        // postmaster.pid: pid, data folder, start time, port, ... (PostgreSQL's own file).
        int dbPort = Integer.parseInt(Files.readAllLines(cluster.resolve("postmaster.pid")).get(3).strip());
        Path jar = Path.of(FederationBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        command.addAll(List.of("-cp", jar.toString(), PlainNode.class.getName(), "--id", id, "--peer", peer, "--port", Integer.toString(port),
                "--peer-url", "http://127.0.0.1:" + peerPort, "--db-port", Integer.toString(dbPort),
                "--db-password-file", nodeData.resolve("postgresql.password").toString(),
                "--submitted-payload", plainDir.resolve("request.submitted.payload.json").toString(),
                "--reply-payload", plainDir.resolve("request.event.payload.json").toString()));
        return new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("plain-" + id.toLowerCase(Locale.ROOT) + ".log").toFile()).start();
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    // --- The messages -----------------------------------------------------------------------------

    record Captured(String source, String submittedPayload, String eventPayload, int submittedBytes, int eventBytes) {}

    /**
     * The plaintext messages of one warm-up request, from the signed messages the nodes kept: the
     * submission on XB (as its central authority officer sees it), the DELIVERED event on XA. When
     * they cannot be read, messages of the same shape are made up (and the results say so).
     */
    private static Captured capture(Api prosecutor, Api officerB, List<String> warm, String document) {
        for (String id : warm.subList(0, Math.min(3, warm.size()))) {
            try {
                JsonNode submitted = signedMessage(officerB.getJson("/api/v1/requests/" + id + "/transmissions"), "request.submitted");
                JsonNode event = signedMessage(prosecutor.getJson("/api/v1/requests/" + id + "/transmissions"), "request.event");
                if (submitted != null && event != null) {
                    return new Captured("messages captured from Comity's warm-up", submitted.get("payload").toString(),
                            event.get("payload").toString(), submitted.toString().getBytes(StandardCharsets.UTF_8).length,
                            event.toString().getBytes(StandardCharsets.UTF_8).length);
                }
            } catch (Exception e) {
                System.err.println("  could not read the messages of " + id + ": " + e.getMessage());
            }
        }
        System.err.println("  the reference uses made-up messages of the same shape");
        String submitted = "{\"submission\":{\"submitted\":{\"details\":{\"document\":" + document + "}}}}";
        String event = "{\"event\":{\"type\":\"DELIVERED\"}}";
        return new Captured("made-up messages of the same shape (capture failed)", submitted, event, submitted.length() + 250, event.length() + 250);
    }

    /** The message inside the first incoming transmission of {@code type}: the compact JWS's payload. */
    private static JsonNode signedMessage(JsonNode transmissions, String type) {
        for (JsonNode t : transmissions) {
            if (t.path("direction").asString("").equals("IN") && t.path("type").asString("").equals(type)
                    && t.path("signedMessage").isString()) {
                String[] parts = t.get("signedMessage").asString().split("\\.");
                return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            }
        }
        return null;
    }

    // --- Results ----------------------------------------------------------------------------------

    private void writeJson(Result r) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "federation");
        json.put("date", LocalDate.now().toString());
        json.put("java", Runtime.version().toString());
        json.put("processors", Runtime.getRuntime().availableProcessors());
        json.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        json.put("nodeJvmOptions", r.nodeJvmOptions());
        json.put("options", ordered("requests", r.requests(), "clients", r.clients(), "rate", r.rate(), "durationSeconds", r.duration().toMillis() / 1000.0,
                "keep", keep));
        json.put("comity", side(r.comity()));
        json.put("plain", side(r.plain()));
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("endToEndPerSecond", r.comity().throughput().endToEndPerSecond() / r.plain().throughput().endToEndPerSecond());
        ratio.put("submitPerSecond", r.comity().throughput().submitPerSecond() / r.plain().throughput().submitPerSecond());
        for (int p : new int[] {50, 95, 99}) {
            ratio.put("p" + p, r.comity().latency().stats().millis(p) / r.plain().latency().stats().millis(p));
        }
        json.put("ratioComityToPlain", ratio);
        Map<String, Object> receipts = new LinkedHashMap<>();
        receipts.put("requests", r.receipts().expected());
        receipts.put("xaSubmissionsReceiptedByXB", r.receipts().xaReceipted());
        receipts.put("xbEventsReceiptedByXA", r.receipts().xbReceipted());
        receipts.put("latencyRequestsChecked", r.receipts().latencyChecked());
        receipts.put("latencyRequestsWithReceipt", r.receipts().latencyReceipted());
        json.put("receipts", receipts);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("endToEnd500PerSecond", r.comity().throughput().endToEndPerSecond() >= 500);
        targets.put("p99Under500msAt50PerSecond", r.rate() >= 50 ? r.comity().latency().stats().millis(99) < 500 : null);
        json.put("targets", targets);
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("messages", r.messages());
        reference.put("requestSubmittedMessageBytes", r.submittedBytes());
        reference.put("requestEventMessageBytes", r.eventBytes());
        reference.put("does", "two JVMs (node JVM options), plain HTTP/1.1 + JSON; the client creates a draft and submits it (two calls, "
                + "two transactions); each message stored in PostgreSQL on both sides (the Comity nodes' own servers, fsync on): "
                + "outbox row with the submission, inbox + request + reply outbox row, inbox + update; 4 sender threads; acknowledged by HTTP 200");
        reference.put("doesNot", "authenticate clients, sign, encrypt, verify, issue or check receipts, record events, audit, projections, "
                + "deadlines, order conversations");
        json.put("reference", reference);
        Files.writeString(r.json(), Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    private static Map<String, Object> side(Side s) {
        Map<String, Object> m = new LinkedHashMap<>();
        Throughput t = s.throughput();
        m.put("throughput", ordered("requests", t.requests(), "errors", t.errors(), "seconds", t.seconds(),
                "submitPerSecond", t.submitPerSecond(), "endToEndPerSecond", t.endToEndPerSecond(),
                "cpuMillisPerRequest", ordered("nodes", t.cpu().node().toNanos() / 1e6 / Math.max(1, t.requests()),
                        "databases", t.cpu().database().toNanos() / 1e6 / Math.max(1, t.requests()),
                        "driver", t.cpu().driver().toNanos() / 1e6 / Math.max(1, t.requests()))));
        Latency l = s.latency();
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("requests", l.requests());
        lat.put("delivered", l.stats().count());
        lat.put("errors", l.errors());
        lat.put("undelivered", l.undelivered());
        lat.put("achievedRate", l.achievedRate());
        lat.put("p50ms", l.stats().millis(50));
        lat.put("p95ms", l.stats().millis(95));
        lat.put("p99ms", l.stats().millis(99));
        lat.put("maxMs", l.stats().maxNanos() / 1e6);
        m.put("latency", lat);
        return m;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    // --- Set-up -----------------------------------------------------------------------------------

    private Map<String, String> env(String id, String name, int port) {
        String lower = id.toLowerCase(Locale.ROOT);
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
        doc.put("urgency", "NORMAL"); // an urgent request would go to the 24/7 channel
        return Api.JSON.writeValueAsString(doc);
    }

    private void exec(List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("cli.log").toFile())).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed; see " + work.resolve("cli.log"));
        }
    }

    static void waitFor(Path file) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(file + " did not appear");
            }
            Thread.sleep(100);
        }
    }

    static String token(JsonNode demo, String username) {
        for (JsonNode u : demo.get("users")) {
            if (u.get("username").asString().equals(username)) {
                return u.get("apiToken").asString();
            }
        }
        throw new IllegalStateException("no demo user " + username);
    }

    static String authorityId(Api api, String name) throws IOException, InterruptedException {
        for (JsonNode a : api.getJson("/api/v1/directory/authorities")) {
            if (a.get("name").asString().equals(name)) {
                return a.get("id").asString();
            }
        }
        throw new IllegalStateException("no authority " + name);
    }
}
