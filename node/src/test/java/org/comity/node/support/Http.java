package org.comity.node.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to the node under test, as a national case system or script would make them. */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String base;
    private final String token;

    public Http(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    public Http as(String otherToken) {
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherToken);
    }

    public Reply get(String path) {
        return send(builder(path).GET(), Map.of());
    }

    public Reply post(String path, Object body) {
        return send(builder(path).POST(body(body)).header("Content-Type", "application/json"), Map.of());
    }

    public Reply post(String path, Object body, Map<String, String> headers) {
        return send(builder(path).POST(body(body)).header("Content-Type", "application/json"), headers);
    }

    public Reply postRaw(String path, String contentType, byte[] raw) {
        return send(builder(path).POST(HttpRequest.BodyPublishers.ofByteArray(raw)).header("Content-Type", contentType), Map.of());
    }

    public Reply put(String path, Object body, Map<String, String> headers) {
        return send(builder(path).PUT(body(body)).header("Content-Type", "application/json"), headers);
    }

    public Reply delete(String path) {
        return send(builder(path).DELETE(), Map.of());
    }

    public Reply send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    /** What came back. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().getFirst()).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
