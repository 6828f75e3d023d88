package org.comity.node.federation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bad network between two nodes: an HTTP proxy in front of one node's inbox that loses
 * envelopes (before they arrive, or the answer after they were taken), sends some twice, and
 * delays each by a random time so that envelopes overtake each other.
 */
final class FaultyLink implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI target;
    private final Random random;
    private final double drop;
    private final double duplicate;
    private final int maxDelayMillis;
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong droppedBefore = new AtomicLong();
    final AtomicLong droppedAfter = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    private final java.util.Map<String, Integer> refusing = new java.util.concurrent.ConcurrentHashMap<>();

    FaultyLink(URI target, long seed, double drop, double duplicate, int maxDelayMillis) throws IOException {
        this.target = target;
        this.random = new Random(seed);
        this.drop = drop;
        this.duplicate = duplicate;
        this.maxDelayMillis = maxDelayMillis;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** From now on, answers requests for {@code path} with {@code status} itself, as a node or proxy that does not serve it would. */
    FaultyLink refuse(String path, int status) {
        refusing.put(path, status);
        return this;
    }

    /** Forwards requests for {@code path} again. */
    FaultyLink allow(String path) {
        refusing.remove(path);
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer refusal = refusing.get(exchange.getRequestURI().getPath());
            if (refusal != null) {
                refused.incrementAndGet();
                answer(exchange, refusal, "not here");
                return;
            }
            double fate;
            int delay;
            boolean twice;
            synchronized (random) {
                fate = random.nextDouble();
                delay = random.nextInt(maxDelayMillis + 1);
                twice = random.nextDouble() < duplicate;
            }
            sleep(delay);
            if (fate < drop / 2) {
                droppedBefore.incrementAndGet();
                answer(exchange, 502, "lost on the way");
                return;
            }
            HttpResponse<byte[]> response;
            try {
                response = forward(exchange, body);
            } catch (IOException | InterruptedException e) {
                answer(exchange, 502, "node unreachable: " + e.getMessage());
                return;
            }
            forwarded.incrementAndGet();
            if (twice) {
                duplicated.incrementAndGet();
                workers.submit(() -> {
                    sleep(maxDelayMillis);
                    return forward(exchange, body);
                });
            }
            if (fate < drop) {
                droppedAfter.incrementAndGet(); // the node took it; its receipt is lost
                answer(exchange, 504, "answer lost on the way back");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", response.headers().firstValue("Content-Type").orElse("application/octet-stream"));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getPath()))
                .timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
            request.header("Content-Type", type);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
