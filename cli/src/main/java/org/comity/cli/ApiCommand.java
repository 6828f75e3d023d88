package org.comity.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A thin client of a node's REST API for scripts: sends one call with a bearer token
 * ({@link NodeOptions}) and prints the answer.
 */
@Command(name = "api", description = "Call a node's API: comity api GET /api/v1/requests")
final class ApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "GET, POST, PUT or DELETE")
    String method;

    @Parameters(index = "1", description = "path, such as /api/v1/requests?box=INBOX")
    String path;

    @Mixin
    NodeOptions node;

    @Option(names = "--data", description = "JSON body, or @file to read it from a file")
    String data;

    @Option(names = "--if-match", description = "the version you read (ETag), for changes")
    String ifMatch;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String verb = method.toUpperCase(Locale.ROOT);
        if (!verb.matches("GET|POST|PUT|DELETE")) {
            err.println("comity api: the method must be GET, POST, PUT or DELETE, not " + method);
            return 2;
        }
        if (!path.startsWith("/")) {
            err.println("comity api: the path must start with /, such as /api/v1/requests");
            return 2;
        }
        String token = node.token();
        if (token == null) {
            err.println("comity api: no token. Put one in a file and pass --token-file, or set COMITY_TOKEN.");
            return 2;
        }
        String base = node.base();
        String body = data == null ? null : data.startsWith("@") ? Files.readString(Path.of(data.substring(1))) : data;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("comity api: cannot reach " + base + ": " + e.getMessage());
            return 1;
        }
        response.headers().firstValue("ETag").ifPresent(etag -> err.println("ETag: " + etag));
        out.println(response.body());
        if (response.statusCode() >= 400) {
            err.println("comity api: the node answered " + response.statusCode());
            return 1;
        }
        return 0;
    }
}
