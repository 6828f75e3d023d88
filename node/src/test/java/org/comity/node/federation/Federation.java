package org.comity.node.federation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.trust.TrustList;
import org.comity.custody.trust.TrustListRejected;
import org.comity.custody.trust.TrustLists;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two real nodes, XA "Aurelia" and XB "Borealis", federated by a trust list this test signs with
 * its own directory key, and a small API client for them.
 */
final class Federation implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final SigningKey directoryKey = SigningKey.generate();
    final NodeProcess xa;
    final NodeProcess xb;
    private final Path work;
    private final Path keys;
    private long serial = 1;

    Federation(Path work, Map<String, String> environment) throws IOException, InterruptedException {
        this.work = work;
        this.keys = work.resolve("directory-keys.jwks");
        Files.writeString(keys, "{\"keys\":[" + directoryKey.publicJwk().toJSONString() + "]}");
        xa = new NodeProcess("XA", "Aurelia", work, keys, environment);
        xb = new NodeProcess("XB", "Borealis", work, keys, environment);
        xa.start();
        xb.start();
        xa.awaitReady(Duration.ofMinutes(3));
        xb.awaitReady(Duration.ofMinutes(3));
    }

    /** A second instance of Aurelia on its database, started and ready; the caller stops it. */
    NodeProcess secondAurelia() throws IOException, InterruptedException {
        NodeProcess second = xa.secondInstance(work.resolve("second"), keys);
        second.start();
        try {
            second.awaitReady(Duration.ofMinutes(3));
        } catch (IOException | RuntimeException e) {
            second.close();
            throw e;
        }
        xa.adoptTokens(second);
        return second;
    }

    /** A fresh folder under target/ for the nodes' data and logs: kept after the run, so a failure can be read. */
    static Path workDir(String name) throws IOException {
        Path dir = Path.of("target", "it", name + "-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    /** Signs a list of both nodes (and any extra parts) with the next serial, endpoints replaced as given, and installs it on both. */
    TrustList federate(Map<String, URI> endpoints, List<TrustList> extra) throws IOException, InterruptedException, TrustListRejected {
        return federate(endpoints, extra, null);
    }

    /** The same, the directory designating {@code statisticsNode} (when not null) as the statistics node. */
    TrustList federate(Map<String, URI> endpoints, List<TrustList> extra, String statisticsNode)
            throws IOException, InterruptedException, TrustListRejected {
        return federate(endpoints, extra, statisticsNode, List.of(xa, xb));
    }

    /** A new edition of both nodes (and any extra parts), installed on {@code on} only: the others have not got it yet. */
    TrustList federate(Map<String, URI> endpoints, List<TrustList> extra, String statisticsNode, List<NodeProcess> on)
            throws IOException, InterruptedException, TrustListRejected {
        List<TrustList> parts = new ArrayList<>();
        for (NodeProcess node : List.of(xa, xb)) {
            TrustList part = TrustLists.parseUnsigned(get(node, null, "/.well-known/comity-node.json").body());
            parts.add(new TrustList(part.serial(), part.issuedAt(), part.nextUpdate(), part.issuer(), part.states(),
                    part.nodes().stream().map(n -> endpoints.containsKey(n.id()) ? n.at(endpoints.get(n.id())) : n)
                            .map(n -> n.id().equals(statisticsNode) ? n.withRoles(List.of(TrustList.NodeEntry.STATISTICS)) : n).toList(),
                    part.authorities(), part.contacts()));
        }
        parts.addAll(extra);
        TrustList list = TrustLists.merge(++serial, "Test directory", Instant.now(), null, parts);
        String signed = TrustLists.sign(list, directoryKey);
        for (NodeProcess node : on) {
            install(node, signed, 200);
        }
        return list;
    }

    HttpResponse<String> install(NodeProcess node, String signed, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(node.url().resolve("/api/v1/admin/trust-list"))
                .header("Authorization", "Bearer " + node.token("admin")).header("Content-Type", "application/jose")
                .PUT(HttpRequest.BodyPublishers.ofString(signed)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError(node.id + " answered " + response.statusCode() + " to the trust list: " + response.body());
        }
        return response;
    }

    // --- The API -------------------------------------------------------------------------------

    static HttpResponse<String> get(NodeProcess node, String user, String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.url().resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (user != null) {
            b.header("Authorization", "Bearer " + node.token(user));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(NodeProcess node, String user, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(node, user, path);
        if (response.statusCode() != 200) {
            throw new AssertionError(node.id + " GET " + path + " -> " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> post(NodeProcess node, String user, String path, Object body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(node.url().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + node.token(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Takes an action and expects it to be accepted (200). */
    static JsonNode act(NodeProcess node, String user, String request, String action, Map<String, ?> input) throws IOException, InterruptedException {
        HttpResponse<String> response = post(node, user, "/api/v1/requests/" + request + "/actions/" + action, input);
        if (response.statusCode() != 200) {
            throw new AssertionError(node.id + " " + action + " -> " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static String authority(NodeProcess node, String name) throws IOException, InterruptedException {
        for (JsonNode a : json(node, "admin", "/api/v1/directory/authorities")) {
            if (a.get("name").asString().equals(name)) {
                return a.get("id").asString();
            }
        }
        throw new AssertionError("no authority " + name + " on " + node.id);
    }

    /** Creates and submits a complete request from XA's prosecutor to the named authority; returns its id. */
    String submitFromAurelia(String to, String title) throws IOException, InterruptedException {
        return submitFrom(xa, to, title);
    }

    /** The same through {@code aurelia}, an instance of Aurelia. */
    static String submitFrom(NodeProcess aurelia, String to, String title) throws IOException, InterruptedException {
        NodeProcess xa = aurelia;
        Map<String, Object> document = JSON.readValue(Federation.class.getResourceAsStream("request.json"), Map.class);
        document.put("requestedAuthority", to);
        document.put("title", title);
        HttpResponse<String> created = post(xa, "prosecutor", "/api/v1/requests", document);
        if (created.statusCode() != 201) {
            throw new AssertionError("create -> " + created.statusCode() + ": " + created.body());
        }
        String id = JSON.readTree(created.body()).get("summary").get("id").asString();
        act(xa, "prosecutor", id, "submit", Map.of());
        return id;
    }

    /** Polls until the request, read on {@code node}, satisfies the condition. */
    static JsonNode await(NodeProcess node, String user, String request, Predicate<JsonNode> condition, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(node, user, "/api/v1/requests/" + request);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode r = JSON.readTree(response.body());
                if (condition.test(r)) {
                    return r;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("request " + request + " on " + node.id + " did not reach the expected state in " + timeout + "; last: " + last);
    }

    /** The events from the submission on: what both nodes of a shared request hold alike. */
    static List<JsonNode> shared(JsonNode events) {
        List<JsonNode> out = new ArrayList<>();
        boolean started = false;
        for (JsonNode e : events) {
            started |= e.get("type").asString().equals("SUBMITTED");
            if (started) {
                out.add(e);
            }
        }
        return out;
    }

    static Predicate<JsonNode> status(String status) {
        return r -> r.get("summary").get("status").asString().equals(status);
    }

    @Override
    public void close() throws InterruptedException {
        xa.close();
        xb.close();
    }
}
