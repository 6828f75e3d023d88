package org.comity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The thin API client against a real HTTP server on loopback. */
class ApiCommandTest {

    @TempDir
    Path dir;

    @Test
    void sendsTheTokenAndBodyAndPrintsTheAnswer() throws Exception {
        AtomicReference<String> auth = new AtomicReference<>();
        AtomicReference<String> received = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/requests", exchange -> {
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("ETag", "\"1\"");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            Path token = Files.writeString(dir.resolve("token"), "cty_secret\n");
            StringWriter out = new StringWriter();
            int exit = command(out, new StringWriter()).execute("api", "post", "/api/v1/requests", "--url",
                    "http://127.0.0.1:" + server.getAddress().getPort(), "--token-file", token.toString(), "--data", "{\"title\":\"x\"}");
            assertThat(exit).isZero();
            assertThat(auth.get()).isEqualTo("Bearer cty_secret");
            assertThat(received.get()).isEqualTo("{\"title\":\"x\"}");
            assertThat(out.toString()).contains("{\"ok\":true}");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unusableInputExitsWithTwoAndSaysWhy() {
        StringWriter err = new StringWriter();
        assertThat(command(new StringWriter(), err).execute("api", "FETCH", "/x")).isEqualTo(2);
        assertThat(err.toString()).contains("must be GET, POST, PUT or DELETE");
        assertThat(command(new StringWriter(), new StringWriter()).execute("api")).isEqualTo(2);
    }

    @Test
    void anUnreachableNodeExitsWithOne() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "cty_secret");
        StringWriter err = new StringWriter();
        assertThat(command(new StringWriter(), err).execute("api", "GET", "/api/v1/requests", "--url", "http://127.0.0.1:9",
                "--token-file", token.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach");
    }

    static CommandLine command(StringWriter out, StringWriter err) {
        return new CommandLine(new ComityCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }
}
