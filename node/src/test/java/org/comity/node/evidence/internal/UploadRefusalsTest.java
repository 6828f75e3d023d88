package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.comity.node.account.TokenScope;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.request.Urgency;
import org.comity.node.support.Documents;
import org.comity.node.support.Fixtures;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.comity.node.support.SessionClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every way an upload can be refused, over real HTTP: each is a precise RFC 9457 problem with a 4xx
 * status, carries Tus-Resumable, and changes nothing. And who may do what: another authority's
 * request or another user's upload is not found, a read-only token or an auditor may not write,
 * and the browser must send its CSRF token.
 */
class UploadRefusalsTest extends NodeTest {

    @Autowired
    JdbcClient jdbc;

    Authority requesting, stranger;
    User examinerUser;
    Http examiner, colleague, outsider, readOnly, auditor;
    Tus tus;
    String requestId, upload;

    @BeforeEach
    void world() {
        String state = fixtures.state("Requesting state");
        requesting = fixtures.authority(state, AuthorityKind.JUDICIAL_AUTHORITY);
        Authority requested = fixtures.authority(fixtures.state("Requested state"), AuthorityKind.CENTRAL_AUTHORITY);
        stranger = fixtures.authority(fixtures.state("Third state"), AuthorityKind.JUDICIAL_AUTHORITY);
        examinerUser = fixtures.user(requesting, Role.JUDICIAL_AUTHORITY);
        examiner = http(fixtures.token(examinerUser));
        colleague = http(fixtures.token(fixtures.user(requesting, Role.JUDICIAL_AUTHORITY)));
        outsider = http(fixtures.token(fixtures.user(stranger, Role.JUDICIAL_AUTHORITY)));
        readOnly = http(fixtures.token(examinerUser, TokenScope.READ));
        auditor = http(fixtures.token(fixtures.user(requesting, Role.AUDITOR)));
        tus = new Tus(examiner);
        requestId = examiner.post("/api/v1/requests", Documents.complete("budapest-31", null, requested.id(), Urgency.NORMAL))
                .json().get("summary").get("id").asString();
        Http.Reply created = tus.create(1000, Tus.evidence(requestId, "seized.bin"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        upload = Tus.path(created);
        assertThat(tus.patch(upload, 0, new byte[100]).status()).isEqualTo(204);
    }

    @Test
    void protocolVersionAndLengthHeadersAreChecked() {
        Map<String, String> noVersion = Map.of("Upload-Length", "10", "Upload-Metadata", Tus.metadata(Tus.evidence(requestId, "a")));
        Http.Reply missing = examiner.send(examiner.builder(Tus.UPLOADS).POST(HttpRequest.BodyPublishers.noBody()), noVersion);
        problem(missing, 412, "tus-version");
        assertThat(missing.header("Tus-Version")).isEqualTo("1.0.0");
        problem(create(Map.of("Tus-Resumable", "0.2.2", "Upload-Length", "10")), 412, "tus-version");
        problem(create(Map.of("Tus-Resumable", "1.0.0")), 400, "invalid-header");
        problem(create(Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "-5")), 400, "invalid-header");
        problem(create(Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "12abc")), 400, "invalid-header");
        problem(create(Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "99999999999999999999")), 400, "invalid-header");
        problem(create(Map.of("Tus-Resumable", "1.0.0", "Upload-Length", String.valueOf((1L << 40) + 1))), 413, "too-large");
        problem(tus.head(upload.replace(upload.substring(upload.lastIndexOf('/') + 1), "not-an-id")), 404, null);
        assertThat(uploadsOf(examinerUser)).isEqualTo(1);
    }

    @Test
    void metadataIsCheckedFieldByField() {
        problem(create(Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "10", "Upload-Metadata", "filename !!notbase64!!")), 400, "invalid-header");
        problem(create(Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "10", "Upload-Metadata", "filename YQ==,filename Yg==")), 400,
                "invalid-header");
        Http.Reply incomplete = create(Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "10", "Upload-Metadata",
                Tus.metadata(Map.of("filename", "a.bin", "request", requestId))));
        problem(incomplete, 422, "validation");
        assertThat(incomplete.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("tool", "toolVersion", "examiner", "source", "method", "acquiredAt");
        Map<String, String> future = new LinkedHashMap<>(Tus.evidence(requestId, "a.bin"));
        future.put("acquiredAt", "2999-01-01T00:00:00Z");
        problem(tus.create(10, future), 422, "validation");
        Map<String, String> badTime = new LinkedHashMap<>(Tus.evidence(requestId, "a.bin"));
        badTime.put("acquiredAt", "yesterday");
        problem(tus.create(10, badTime), 422, "validation");
        Map<String, String> tooLong = new LinkedHashMap<>(Tus.evidence(requestId, "a.bin"));
        tooLong.put("examiner", "x".repeat(201));
        problem(tus.create(10, tooLong), 422, "validation");
        problem(tus.create(10, Tus.evidence("00000000-0000-7000-8000-000000000000", "a.bin")), 404, "not-found");
        assertThat(uploadsOf(examinerUser)).isEqualTo(1);
    }

    @Test
    void patchesAreCheckedAndARefusedOneChangesNothing() {
        problem(send("PATCH", upload, new byte[10], Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", "100", "Content-Type",
                "application/octet-stream")), 415, "unsupported-media-type");
        problem(send("PATCH", upload, new byte[10], Map.of("Tus-Resumable", "1.0.0", "Content-Type", "application/offset+octet-stream")),
                400, "invalid-header");
        Http.Reply wrongOffset = tus.patch(upload, 50, new byte[10]);
        problem(wrongOffset, 409, "offset-mismatch");
        assertThat(wrongOffset.json().get("detail").asString()).contains("byte 100");
        problem(tus.patch(upload, 100, new byte[901]), 413, "exceeds-length");
        problem(tus.patch(upload, 100, new byte[10], Map.of("Upload-Checksum", Tus.checksum("sha256", new byte[11]))), 460, "checksum-mismatch");
        problem(tus.patch(upload, 100, new byte[10], Map.of("Upload-Checksum", "md5 1B2M2Y8AsgTpgAmY7PhCfg==")), 400, "invalid-header");
        problem(tus.patch(upload, 100, new byte[10], Map.of("Upload-Checksum", "sha256 notbase64!")), 400, "invalid-header");
        problem(tus.patch(upload, 100, new byte[10], Map.of("Tus-Resumable", "2.0.0")), 412, "tus-version");
        problem(tus.patch(Tus.UPLOADS + "/00000000-0000-7000-8000-000000000000", 0, new byte[10]), 404, "not-found");
        assertThat(offset()).isEqualTo(100);
        assertThat(tus.patch(upload, 100, new byte[10], Map.of("Upload-Checksum", Tus.checksum("sha1", new byte[10]))).status()).isEqualTo(204);
        assertThat(offset()).isEqualTo(110);
    }

    @Test
    void aTerminatedUploadIsGoneAndACompleteOneCannotBeTerminated() {
        Http.Reply ended = tus.delete(upload);
        assertThat(ended.status()).isEqualTo(204);
        assertThat(ended.header("Tus-Resumable")).isEqualTo("1.0.0");
        problem(tus.head(upload), 410, null);
        problem(tus.patch(upload, 100, new byte[10]), 410, "upload-gone");
        problem(tus.delete(upload), 410, "upload-gone");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'evidence.upload.terminate' and target_id = ?")
                .param(id(upload)).query(Integer.class).single()).isEqualTo(1);

        String small = Tus.path(tus.create(3, Tus.evidence(requestId, "three.bin")));
        assertThat(tus.patch(small, 0, new byte[3]).status()).isEqualTo(204);
        problem(tus.delete(small), 409, "upload-complete");
    }

    @Test
    void anotherAuthoritysRequestAndAnotherUsersUploadAreNotFound() {
        problem(new Tus(outsider).create(10, Tus.evidence(requestId, "a.bin")), 404, "not-found");
        for (Tus other : new Tus[] {new Tus(colleague), new Tus(outsider)}) {
            problem(other.head(upload), 404, null);
            problem(other.patch(upload, 100, new byte[10]), 404, "not-found");
            problem(other.delete(upload), 404, "not-found");
        }
        assertThat(offset()).isEqualTo(100);
    }

    @Test
    void writingNeedsTheWriteScopeAndARoleThatHandlesRequests() {
        Tus reader = new Tus(readOnly);
        assertThat(reader.head(upload).status()).as("a READ token may look").isEqualTo(200);
        problem(reader.patch(upload, 100, new byte[10]), 403, "insufficient-scope");
        problem(send(readOnly, "POST", upload, new byte[10], Map.of("X-HTTP-Method-Override", "PATCH", "Tus-Resumable", "1.0.0",
                "Upload-Offset", "100", "Content-Type", "application/offset+octet-stream")), 403, "insufficient-scope");
        problem(reader.create(10, Tus.evidence(requestId, "a.bin")), 403, "insufficient-scope");
        problem(reader.delete(upload), 403, "insufficient-scope");
        problem(new Tus(auditor).create(10, Tus.evidence(requestId, "a.bin")), 403, "forbidden");
        problem(anonymous().send(anonymous().builder(upload).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[10])),
                Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", "100", "Content-Type", "application/offset+octet-stream")), 401, "unauthorized");
        assertThat(offset()).isEqualTo(100);
    }

    @Test
    void tooManyUnfinishedUploadsAtOnceAreRefused() {
        for (int i = 1; i < properties.uploads().maxPerUser(); i++) {
            assertThat(tus.create(10, Tus.evidence(requestId, "n" + i)).status()).isEqualTo(201);
        }
        problem(tus.create(10, Tus.evidence(requestId, "one too many")), 429, "too-many-uploads");
    }

    @Test
    void theBrowserUploadsWithItsSessionAndMustSendItsCsrfToken() {
        SessionClient browser = new SessionClient(port).signIn(userNamed(examinerUser), Fixtures.PASSWORD);
        browser.get("/");
        String csrf = browser.csrf();
        assertThat(csrf).isNotNull();
        String base = "http://127.0.0.1:" + port;
        Map<String, String> create = Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "20",
                "Upload-Metadata", Tus.metadata(Tus.evidence(requestId, "from-browser.bin")));

        SessionClient.Page refused = browser.send(with(HttpRequest.newBuilder(URI.create(base + "/uploads"))
                .POST(HttpRequest.BodyPublishers.noBody()), create));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("/problems/forbidden");

        SessionClient.Page created = browser.send(with(HttpRequest.newBuilder(URI.create(base + "/uploads"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("X-CSRF-TOKEN", csrf), create));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String location = URI.create(created.location()).getPath();
        assertThat(location).startsWith("/uploads/");

        Map<String, String> patch = Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", "0", "Content-Type", "application/offset+octet-stream");
        SessionClient.Page noToken = browser.send(with(HttpRequest.newBuilder(URI.create(base + location))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[20])), patch));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.body()).contains("/problems/forbidden").contains("X-CSRF-TOKEN");
        assertThat(noToken.header("Tus-Resumable")).isEqualTo("1.0.0");

        SessionClient.Page patched = browser.send(with(HttpRequest.newBuilder(URI.create(base + location))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[20])).header("X-CSRF-TOKEN", csrf), patch));
        assertThat(patched.status()).as(patched.body()).isEqualTo(204);
        assertThat(patched.header("Comity-Evidence-Item")).isNotNull();

        SessionClient.Page signedOut = new SessionClient(port).send(with(HttpRequest.newBuilder(URI.create(base + location))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), Map.of("Tus-Resumable", "1.0.0")));
        assertThat(signedOut.status()).as("no redirect to a sign-in page for a script").isEqualTo(401);
    }

    // --- Helpers --------------------------------------------------------------------------------

    private static HttpRequest.Builder with(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        return request;
    }

    private String userNamed(User user) {
        return user.username();
    }

    private Http.Reply create(Map<String, String> headers) {
        return examiner.send(examiner.builder(Tus.UPLOADS).POST(HttpRequest.BodyPublishers.noBody()), headers);
    }

    private Http.Reply send(String method, String path, byte[] body, Map<String, String> headers) {
        return send(examiner, method, path, body, headers);
    }

    private static Http.Reply send(Http http, String method, String path, byte[] body, Map<String, String> headers) {
        return http.send(http.builder(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    private long offset() {
        return jdbc.sql("select upload_offset from upload where id = ?::uuid").param(id(upload)).query(Long.class).single();
    }

    private int uploadsOf(User user) {
        return jdbc.sql("select count(*) from upload where user_id = ?").param(user.id()).query(Integer.class).single();
    }

    private static String id(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A refusal as the protocol and RFC 9457 want it; HEAD answers carry no body, so only their status is checked. */
    private static void problem(Http.Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Tus-Resumable")).isEqualTo("1.0.0");
        if (type != null) {
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            assertThat(reply.json().get("type").asString()).isEqualTo("/problems/" + type);
            assertThat(reply.json().get("status").asInt()).isEqualTo(status);
            assertThat(reply.json().get("detail").asString()).isNotBlank();
        }
    }
}
