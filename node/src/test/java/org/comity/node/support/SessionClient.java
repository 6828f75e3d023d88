package org.comity.node.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person using the web pages without a browser: a cookie jar, the CSRF token from the last page,
 * and a sign-in that enrols or answers the second factor with {@link TestTotp}.
 */
public final class SessionClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<");
    private final String base;
    private final HttpClient client;
    private String csrf;
    private String totpSecret;

    public SessionClient(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Signs in with password and second factor (enrolling it on first use); returns the final page's status. */
    private java.time.Clock clock = java.time.Clock.systemUTC();

    /** Second-factor codes from this clock: the node's, when a test moves it. */
    public SessionClient withClock(java.time.Clock nodeClock) {
        this.clock = nodeClock;
        return this;
    }

    public SessionClient signIn(String username, String password) {
        get("/login");
        Page afterPassword = post("/login", Map.of("username", username, "password", password));
        String next = afterPassword.location();
        if (next == null || next.contains("/login?error")) {
            throw new AssertionError("sign-in refused for " + username + ": " + afterPassword.status() + " " + next);
        }
        if (next.endsWith("/login/enrol")) {
            Page enrol = get("/login/enrol");
            Matcher m = SECRET.matcher(enrol.body());
            if (!m.find()) {
                throw new AssertionError("no TOTP secret on the enrolment page");
            }
            totpSecret = m.group(1).replace(" ", "");
            expectRedirect(post("/login/enrol", Map.of("code", TestTotp.code(totpSecret, clock.instant()))), "/");
        } else if (next.endsWith("/login/second-factor")) {
            get("/login/second-factor");
            expectRedirect(post("/login/second-factor", Map.of("code", TestTotp.code(totpSecret, clock.instant().plusSeconds(30)))), "/");
        }
        return this;
    }

    public String totpSecret() {
        return totpSecret;
    }

    public void useTotpSecret(String secret) {
        this.totpSecret = secret;
    }

    public Page get(String path) {
        Page page = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher m = CSRF.matcher(page.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return page;
    }

    /** Posts a form with the CSRF token of the last page. */
    public Page post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        return postRaw(path, all);
    }

    /** Posts a form exactly as given: no CSRF token unless it is among the fields. */
    public Page postRaw(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The CSRF token of the last page, for requests a script on that page would make. */
    public String csrf() {
        return csrf;
    }

    /** Sends any request with this session's cookies. */
    public Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body(), r.headers().map());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void expectRedirect(Page page, String suffix) {
        if (page.status() != 302 || page.location() == null || !page.location().endsWith(suffix)) {
            throw new AssertionError("expected a redirect to " + suffix + " but got " + page.status() + " " + page.location());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A page as it came back. */
    public record Page(int status, String location, String body, Map<String, java.util.List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().getFirst()).orElse(null);
        }
    }
}
