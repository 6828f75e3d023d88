package org.comity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepAliveClientTest {

    private HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Fixed length for /fixed, chunked (length 0 in the JDK server) for /chunked; echoes method, auth and body.
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer = "{\"summary\":{\"id\":\"" + exchange.getRequestMethod() + "\",\"auth\":\""
                    + exchange.getRequestHeaders().getFirst("Authorization") + "\",\"echo\":\"" + body.replace("\"", "'") + "\"}}";
            byte[] bytes = answer.repeat(exchange.getRequestURI().getPath().equals("/chunked") ? 200 : 1).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/missing") ? 404 : 201,
                    exchange.getRequestURI().getPath().equals("/chunked") ? 0 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsFixedLengthAndChunkedAnswersOnOneConnection() throws IOException {
        try (KeepAliveClient client = new KeepAliveClient("http://127.0.0.1:" + server.getAddress().getPort(), "cty_secret")) {
            String fixed = client.expect("POST", "/fixed", "{\"a\":1}", 201);
            String chunked = client.expect("GET", "/chunked", null, 201);

            assertThat(fixed).isEqualTo("{\"summary\":{\"id\":\"POST\",\"auth\":\"Bearer cty_secret\",\"echo\":\"{'a':1}\"}}");
            assertThat(chunked).hasSize(200 * "{\"summary\":{\"id\":\"GET\",\"auth\":\"Bearer cty_secret\",\"echo\":\"\"}}".length());
            assertThat(LoadBench.requestId(fixed)).isEqualTo("POST");
        }
    }

    @Test
    void anUnexpectedStatusNamesTheCallAndTheAnswer() {
        try (KeepAliveClient client = new KeepAliveClient("http://127.0.0.1:" + server.getAddress().getPort(), null)) {
            assertThatThrownBy(() -> client.expect("GET", "/missing", null, 200))
                    .hasMessageStartingWith("GET /missing answered 404 instead of 200: {\"summary\"")
                    .hasMessageContaining("\"auth\":\"null\"");
        }
    }
}
