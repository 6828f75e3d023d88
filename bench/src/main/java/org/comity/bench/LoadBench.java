package org.comity.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A demo node filled through its API the way a national case system would fill it: a prosecutor's
 * office creates and submits requests to another state's central authority, concurrently, as fast as
 * the node takes them. Then that central authority lists its inbox with the filters people use,
 * through the API and through the web page. Reference runs in the same node: an authenticated no-op
 * call ({@code GET /api/v1/me}) for throughput and the health check for latency.
 */
final class LoadBench {

    /** {@code cpu}: what the node, its database and the driver spent on the phase. */
    record Throughput(String what, long operations, Duration elapsed, long errors, CpuMeter.Reading cpu) {
        double perSecond() {
            return operations / (elapsed.toNanos() / 1e9);
        }
    }

    record Latency(String what, String path, Stats stats, int rows) {}

    /**
     * @param createAndSubmit a third of the requests, each created and then submitted (two calls, two transactions), as the web pages do
     * @param submitAtOnce a third, each created and submitted by one call ({@code POST /api/v1/requests?submit=true})
     * @param submitMinimal a third, by the same call with {@code Prefer: return=minimal}: no request echoed back
     */
    record Result(Throughput reference, Throughput createAndSubmit, Throughput submitAtOnce, Throughput submitMinimal, List<Latency> latencies) {

        /** The requests in the database after the run: those measured and those of the warm-up. */
        long requests() {
            long measured = createAndSubmit.operations() + submitAtOnce.operations() + submitMinimal.operations();
            return measured + 3L * warmUp((int) measured);
        }

        List<Throughput> throughputs() {
            return List.of(reference, createAndSubmit, submitAtOnce, submitMinimal);
        }
    }

    private static final String MINIMAL = "Prefer: return=minimal";

    private final Path root;
    private final int requests;
    private final int concurrency;
    private final int samples;
    private final Path work;

    /** @param work the run's own folder, emptied first: the node's data, its log and the demo summary */
    LoadBench(Path root, Path work, int requests, int concurrency, int samples) {
        this.root = root;
        this.requests = requests;
        this.concurrency = concurrency;
        this.samples = samples;
        this.work = work;
    }

    Result run() throws Exception {
        StartupBench.deleteTree(work);
        try (NodeProcess node = NodeProcess.startDemo(root, work)) {
            CpuMeter cpu = new CpuMeter(node.handle(), work.resolve("node/postgresql"));
            JsonNode demo = NodeProcess.demoSummary(work);
            Api prosecutor = Api.withToken(node.baseUrl(), token(demo, "prosecutor"));
            Api caldera = Api.withToken(node.baseUrl(), token(demo, "caldera.ca"));
            String calderaCentralAuthority = authorityId(prosecutor, "Caldera Ministry of Justice, Central Authority");

            System.out.printf("reference: GET /api/v1/me with %d clients%n", concurrency);
            KeepAliveClient[] clients = new KeepAliveClient[concurrency];
            for (int i = 0; i < concurrency; i++) {
                clients[i] = new KeepAliveClient(node.baseUrl(), token(demo, "prosecutor"));
            }
            Throughput reference = hammer("GET /api/v1/me", cpu, Math.min(requests, 20_000) * 2, (worker, n) -> {
                clients[worker].expect("GET", "/api/v1/me", null, 200);
                return 1;
            });
            System.out.printf("  %,.0f calls/s%s%n", reference.perSecond(), cpuLine(reference));

            System.out.printf("create + submit: %,d requests with %d clients%n", requests, concurrency);
            // Documents are made before the clock starts: the driver shares the machine with the node.
            Workload workload = new Workload(calderaCentralAuthority, 2026L);
            int warmUp = warmUp(requests);
            String[] documents = new String[requests + 3 * warmUp];
            for (int i = 0; i < documents.length; i++) {
                documents[i] = workload.document(i);
            }
            // Every way warmed up before any is measured, so the first measured phase does not pay the JIT alone.
            System.out.printf("warm-up: %,d requests each way, not measured%n", warmUp);
            Throughput warm = hammer("warm-up", cpu, warmUp, (worker, n) -> {
                int at = requests + 3 * (int) n;
                String draft = clients[worker].expect("POST", "/api/v1/requests", documents[at], 201);
                clients[worker].expect("POST", "/api/v1/requests/" + requestId(draft) + "/actions/submit", null, 200);
                clients[worker].expect("POST", "/api/v1/requests?submit=true", documents[at + 1], 201);
                clients[worker].expect("POST", "/api/v1/requests?submit=true", documents[at + 2], 201, MINIMAL);
                return 3;
            });
            if (warm.errors() > 0) {
                throw new IllegalStateException(warm.errors() + " requests of the warm-up failed");
            }
            // A third of the requests the way the web pages do it (a draft, then its submission), a third the way a case
            // system holding a complete request would (one call), and a third the same without the request echoed back.
            int third = requests / 3;
            Throughput createAndSubmit = hammer("create + submit (two calls)", cpu, third, (worker, n) -> {
                String draft = clients[worker].expect("POST", "/api/v1/requests", documents[(int) n], 201);
                clients[worker].expect("POST", "/api/v1/requests/" + requestId(draft) + "/actions/submit", null, 200);
                return 1;
            });
            System.out.printf("  %,.0f requests/s (%,d errors)%s%n", createAndSubmit.perSecond(), createAndSubmit.errors(), cpuLine(createAndSubmit));
            System.out.printf("create and submit in one call: %,d requests with %d clients%n", third, concurrency);
            Throughput submitAtOnce = hammer("create and submit in one call", cpu, third, (worker, n) -> {
                clients[worker].expect("POST", "/api/v1/requests?submit=true", documents[third + (int) n], 201);
                return 1;
            });
            System.out.printf("  %,.0f requests/s (%,d errors)%s%n", submitAtOnce.perSecond(), submitAtOnce.errors(), cpuLine(submitAtOnce));
            System.out.printf("the same with Prefer: return=minimal: %,d requests with %d clients%n", requests - 2 * third, concurrency);
            Throughput submitMinimal = hammer("create and submit in one call, Prefer: return=minimal", cpu, requests - 2 * third, (worker, n) -> {
                clients[worker].expect("POST", "/api/v1/requests?submit=true", documents[2 * third + (int) n], 201, MINIMAL);
                return 1;
            });
            for (KeepAliveClient client : clients) {
                client.close();
            }
            System.out.printf("  %,.0f requests/s (%,d errors)%s%n", submitMinimal.perSecond(), submitMinimal.errors(), cpuLine(submitMinimal));

            List<Latency> latencies = latencies(node, demo, caldera);
            return new Result(reference, createAndSubmit, submitAtOnce, submitMinimal, latencies);
        }
    }

    private List<Latency> latencies(NodeProcess node, JsonNode demo, Api caldera) throws Exception {
        Api page = Api.signedIn(node.baseUrl(), "caldera.ca", password(demo, "caldera.ca"));
        Api anonymous = Api.withToken(node.baseUrl(), null);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("inbox, newest first", "box=INBOX");
        filters.put("inbox, status delivered", "box=INBOX&status=DELIVERED");
        filters.put("inbox, urgent", "box=INBOX&urgency=URGENT");
        filters.put("inbox, instrument budapest-29", "box=INBOX&instrument=budapest-29");
        filters.put("inbox, text '" + Workload.RARE_WORD + "'", "box=INBOX&q=" + Workload.RARE_WORD);
        filters.put("inbox, text + status + urgency", "box=INBOX&status=DELIVERED&urgency=NORMAL&q=" + enc("fraud"));
        filters.put("inbox, page 20", "box=INBOX&page=20");
        List<Latency> out = new ArrayList<>();
        out.add(measure("reference: health check", anonymous, "/actuator/health", false));
        for (Map.Entry<String, String> f : filters.entrySet()) {
            out.add(measure("API " + f.getKey(), caldera, "/api/v1/requests?size=50&" + f.getValue(), true));
        }
        for (Map.Entry<String, String> f : filters.entrySet()) {
            out.add(measure("page " + f.getKey(), page, "/requests?" + f.getValue(), false));
        }
        return out;
    }

    /** Sequential calls after a warm-up: the latency one user sees, with the machine otherwise idle. */
    private Latency measure(String what, Api client, String path, boolean json) throws Exception {
        int warmUp = Math.max(20, samples / 5);
        for (int i = 0; i < warmUp; i++) {
            Api.expect(client.get(path), 200, "GET " + path);
        }
        long[] nanos = new long[samples];
        HttpResponse<String> last = null;
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            last = client.get(path);
            nanos[i] = System.nanoTime() - t0;
            Api.expect(last, 200, "GET " + path);
        }
        int rows = json ? Api.JSON.readTree(last.body()).path("items").size() : countRows(last.body());
        Latency latency = new Latency(what, path, new Stats(nanos), rows);
        System.out.printf("  %-48s p50 %6s  p95 %6s  p99 %6s ms  (%d rows)%n", what, Stats.ms(latency.stats().millis(50)),
                Stats.ms(latency.stats().millis(95)), Stats.ms(latency.stats().millis(99)), rows);
        return latency;
    }

    /** Table rows on the list page, less the header row. */
    private static int countRows(String html) {
        int rows = 0;
        for (int i = html.indexOf("<tr"); i >= 0; i = html.indexOf("<tr", i + 1)) {
            rows++;
        }
        return Math.max(rows - 1, 0);
    }

    /** Requests made each way before measuring: a tenth of the run, at most 1,000. */
    static int warmUp(int requests) {
        return Math.min(1_000, requests / 10);
    }

    interface Operation {
        int run(int worker, long n) throws Exception;
    }

    /** Runs {@code total} operations spread over the workers; an operation that fails counts as an error. */
    private Throughput hammer(String what, CpuMeter meter, long total, Operation operation) throws InterruptedException {
        CpuMeter.Reading before = meter.read();
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> firstErrors = new ArrayList<>();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    for (long n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                        try {
                            done.addAndGet(operation.run(worker, n));
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            synchronized (firstErrors) {
                                if (firstErrors.size() < 5) {
                                    firstErrors.add(e.getMessage());
                                }
                            }
                        }
                    }
                }));
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        CpuMeter.Reading cpu = meter.read().minus(before);
        firstErrors.forEach(e -> System.out.println("  error: " + e));
        return new Throughput(what, done.get(), elapsed, errors.get(), cpu);
    }

    static String cpuLine(Throughput t) {
        return String.format("; CPU ms per operation: node %s, database %s, driver %s", CpuMeter.perOperation(t.cpu().node(), t.operations()),
                CpuMeter.perOperation(t.cpu().database(), t.operations()), CpuMeter.perOperation(t.cpu().driver(), t.operations()));
    }

    /** The request's id in a detail answer, without parsing the whole answer (the driver shares the node's cores). */
    static String requestId(String detail) {
        int summary = detail.indexOf("\"summary\":");
        if (summary < 0) {
            throw new IllegalArgumentException("the answer holds no request summary");
        }
        return KeepAliveClient.firstString(detail.substring(summary), "id");
    }

    private static String token(JsonNode demo, String username) {
        return user(demo, username).get("apiToken").asString();
    }

    private static String password(JsonNode demo, String username) {
        return user(demo, username).get("password").asString();
    }

    private static JsonNode user(JsonNode demo, String username) {
        for (JsonNode u : demo.get("users")) {
            if (u.get("username").asString().equals(username)) {
                return u;
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
        throw new IllegalStateException("no authority named " + name);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
