package org.comity.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of one node: bearer-token calls to {@code /api/v1}, or a signed-in browser session for the pages. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private final String token;

    private Api(String base, HttpClient http, String token) {
        this.base = base;
        this.http = http;
        this.token = token;
    }

    static Api withToken(String base, String token) {
        return new Api(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), token);
    }

    /** Signs in through the login form, as a browser does (the demo does not ask for a second factor). */
    static Api signedIn(String base, String username, String password) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        Api session = new Api(base, http, null);
        String loginPage = session.get("/login").body();
        Matcher csrf = CSRF.matcher(loginPage);
        if (!csrf.find()) {
            throw new IOException("no CSRF token on the login page");
        }
        String form = Map.of("username", username, "password", password, "_csrf", csrf.group(1)).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String next = signIn.headers().firstValue("Location").orElse("");
        if (signIn.statusCode() != 302 || next.contains("error") || next.contains("/login/")) {
            throw new IOException("sign-in as " + username + " was refused or asks for a second factor: " + signIn.statusCode() + " " + next);
        }
        return session;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        return JSON.readTree(expect(get(path), 200, "GET " + path));
    }

    JsonNode postJson(String path, String body, int expected) throws IOException, InterruptedException {
        HttpRequest request = builder(path).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return JSON.readTree(expect(http.send(request, HttpResponse.BodyHandlers.ofString()), expected, "POST " + path));
    }

    JsonNode putJson(String path, String body, Map<String, String> headers, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder b = builder(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return JSON.readTree(expect(http.send(b.build(), HttpResponse.BodyHandlers.ofString()), expected, "PUT " + path));
    }

    /** The response's bytes, as a client downloading a file reads them. */
    HttpResponse<byte[]> getBytes(String path, String accept) throws IOException, InterruptedException {
        return http.send(builder(path).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.header("Accept", path.startsWith("/api/") || path.startsWith("/actuator/") ? "application/json" : "text/html");
    }

    static String expect(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            String body = response.body();
            throw new IOException(what + " answered " + response.statusCode() + " instead of " + status + ": "
                    + (body.length() > 500 ? body.substring(0, 500) + "…" : body));
        }
        return response.body();
    }
}
