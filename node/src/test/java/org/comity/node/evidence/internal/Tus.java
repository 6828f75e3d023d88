package org.comity.node.evidence.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.comity.node.support.Http;

/** A minimal tus 1.0.0 client over the test's {@link Http}, to say exactly what is sent. */
final class Tus {

    static final String UPLOADS = "/api/v1/uploads";
    private final Http http;

    Tus(Http http) {
        this.http = http;
    }

    static String metadata(Map<String, String> pairs) {
        return pairs.entrySet().stream()
                .map(e -> e.getKey() + " " + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
    }

    /** Acquisition metadata that passes every check, for the request given. */
    static Map<String, String> evidence(String requestId, String fileName) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("filename", fileName);
        m.put("filetype", "application/octet-stream");
        m.put("request", requestId);
        m.put("tool", "FTK Imager");
        m.put("toolVersion", "4.7.1");
        m.put("examiner", "Insp. A. Examiner");
        m.put("source", "Seized laptop, serial 5CD1234XYZ");
        m.put("method", "Physical image, write-blocked");
        m.put("acquiredAt", "2026-11-20T09:30:00Z");
        return m;
    }

    Http.Reply create(long length, Map<String, String> metadata) {
        return http.send(http.builder(UPLOADS).POST(HttpRequest.BodyPublishers.noBody()),
                Map.of("Tus-Resumable", "1.0.0", "Upload-Length", String.valueOf(length), "Upload-Metadata", metadata(metadata)));
    }

    /** The path of a created upload (its Location, made relative). */
    static String path(Http.Reply created) {
        return URI.create(created.header("Location")).getPath();
    }

    Http.Reply head(String path) {
        return http.send(http.builder(path).method("HEAD", HttpRequest.BodyPublishers.noBody()), Map.of("Tus-Resumable", "1.0.0"));
    }

    Http.Reply patch(String path, long offset, byte[] bytes) {
        return patch(path, offset, bytes, Map.of());
    }

    Http.Reply patch(String path, long offset, byte[] bytes, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", String.valueOf(offset),
                "Content-Type", "application/offset+octet-stream"));
        headers.putAll(extra);
        return http.send(http.builder(path).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)), headers);
    }

    Http.Reply delete(String path) {
        return http.send(http.builder(path).DELETE(), Map.of("Tus-Resumable", "1.0.0"));
    }

    static String checksum(String algorithm, byte[] bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm.equals("sha1") ? "SHA-1" : "SHA-256");
            return algorithm + " " + Base64.getEncoder().encodeToString(digest.digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
