package org.comity.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A large item of evidence from Borealis to Aurelia, between two nodes started with
 * {@code ./comity start} with their heap capped: uploaded to XB through tus, sent, pulled by XA in
 * chunks, received whole. Each node's used heap is sampled every second from its Prometheus
 * metrics; the cap itself means a node that needed more would fail the run.
 */
final class TransferBench {

    record Result(long bytes, double uploadSeconds, double transferSeconds, long maxHeapXa, long maxHeapXb, String heapCap, String sha256,
            boolean sameOnBoth) {}

    static final String HEAP_CAP = "-Xmx512m";
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)$", Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    private final Path root;
    private final Path work;
    private final long size;

    TransferBench(Path root, Path work, long size) {
        this.root = root;
        this.work = work;
        this.size = size;
    }

    Result run() throws Exception {
        StartupBench.deleteTree(work);
        Files.createDirectories(work);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path cli = root.resolve("cli/target/comity-cli.jar");
        exec(List.of(java, "-jar", cli.toString(), "directory", "key", "--private", work.resolve("dir/key.jwk").toString(),
                "--public", work.resolve("dir/keys.jwks").toString()));
        int portA = StartupBench.freePort();
        int portB = StartupBench.freePort();
        try (NodeProcess xa = NodeProcess.start(root, "start", portA, env("XA", "Aurelia", portA), work.resolve("xa.log"));
                NodeProcess xb = NodeProcess.start(root, "start", portB, env("XB", "Borealis", portB), work.resolve("xb.log"))) {
            xa.awaitHealthy(Duration.ofMinutes(3));
            xb.awaitHealthy(Duration.ofMinutes(3));
            FederationBench.waitFor(work.resolve("xa.json"));
            FederationBench.waitFor(work.resolve("xb.json"));
            exec(List.of(java, "-jar", cli.toString(), "directory", "demo", "--key", work.resolve("dir/key.jwk").toString(),
                    "--out", work.resolve("dir/list.jws").toString(), work.resolve("xa.json").toString(), work.resolve("xb.json").toString()));
            JsonNode a = Api.JSON.readTree(Files.readString(work.resolve("xa.json")));
            JsonNode b = Api.JSON.readTree(Files.readString(work.resolve("xb.json")));
            Api prosecutor = Api.withToken(xa.baseUrl(), FederationBench.token(a, "prosecutor"));
            Api officer = Api.withToken(xb.baseUrl(), FederationBench.token(b, "ca.officer"));
            String adminA = FederationBench.token(a, "admin");
            String adminB = FederationBench.token(b, "admin");

            @SuppressWarnings("unchecked")
            Map<String, Object> doc = Api.JSON.readValue(Files.readString(root.resolve("node/src/test/resources/org/comity/node/federation/request.json")),
                    Map.class);
            doc.put("requestedAuthority", FederationBench.authorityId(prosecutor, "Borealis Central Authority"));
            doc.put("urgency", "NORMAL");
            String request = prosecutor.postJson("/api/v1/requests", Api.JSON.writeValueAsString(doc), 201).get("summary").get("id").asString();
            prosecutor.postJson("/api/v1/requests/" + request + "/actions/submit", "{}", 200);
            awaitStatus(officer, request, "DELIVERED", Duration.ofMinutes(1));

            AtomicLong heapA = new AtomicLong();
            AtomicLong heapB = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon(true).start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    heapA.accumulateAndGet(heap(xa.baseUrl(), adminA), Math::max);
                    heapB.accumulateAndGet(heap(xb.baseUrl(), adminB), Math::max);
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                System.out.printf("upload: %,d bytes to XB%n", size);
                long t0 = System.nanoTime();
                Uploaded uploaded = upload(xb.baseUrl(), FederationBench.token(b, "ca.officer"), request);
                double uploadSeconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("  %.1f s (%,.0f MB/s)%n", uploadSeconds, size / 1e6 / uploadSeconds);

                System.out.println("transfer: XB to XA");
                long t1 = System.nanoTime();
                officer.postJson("/api/v1/evidence/" + uploaded.item() + "/transfer", "{}", 200);
                awaitTransfer(prosecutor, request, Duration.ofHours(2));
                double transferSeconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf("  %.1f s (%,.0f MB/s)%n", transferSeconds, size / 1e6 / transferSeconds);
                JsonNode received = prosecutor.getJson("/api/v1/requests/" + request + "/evidence").get(0);
                return new Result(size, uploadSeconds, transferSeconds, heapA.get(), heapB.get(), HEAP_CAP, uploaded.sha256(),
                        received.get("sha256").asString().equals(uploaded.sha256()) && received.get("size").asLong() == size);
            } finally {
                sampler.interrupt();
            }
        } finally {
            StartupBench.deleteTree(work.resolve("xa"));
            StartupBench.deleteTree(work.resolve("xb"));
        }
    }

    private record Uploaded(String item, String sha256) {}

    /** A tus upload of generated bytes in 1 GiB PATCHes, hashing what is sent. */
    private Uploaded upload(String base, String token, String request) throws Exception {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("filename", "disk.img");
        meta.put("request", request);
        meta.put("tool", "dd");
        meta.put("toolVersion", "9.1");
        meta.put("examiner", "Insp. B. Lind");
        meta.put("source", "Hosting provider, server 17");
        meta.put("method", "Disk image under warrant");
        meta.put("acquiredAt", "2026-11-20T09:30:00Z");
        String metadata = meta.entrySet().stream()
                .map(e -> e.getKey() + " " + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/uploads")).header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", Long.toString(size)).header("Upload-Metadata", metadata)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("upload creation answered " + created.statusCode() + ": " + created.body());
        }
        URI location = URI.create(created.headers().firstValue("Location").orElseThrow());
        Generated source = new Generated(size);
        String item = null;
        for (long offset = 0; offset < size; ) {
            long part = Math.min(1L << 30, size - offset);
            Generated.Slice slice = source.slice(part);
            HttpResponse<String> patched = HTTP.send(HttpRequest.newBuilder(location).timeout(Duration.ofHours(1))
                    .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0").header("Upload-Offset", Long.toString(offset))
                    .header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> slice), part)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (patched.statusCode() != 204) {
                throw new IOException("PATCH at " + offset + " answered " + patched.statusCode() + ": " + patched.body());
            }
            offset = Long.parseLong(patched.headers().firstValue("Upload-Offset").orElseThrow());
            item = patched.headers().firstValue("Comity-Evidence-Item").orElse(item);
            System.out.printf("  %,d of %,d bytes%n", offset, size);
        }
        return new Uploaded(item, HexFormat.of().formatHex(source.digest.digest()));
    }

    /** Pseudo-random bytes, generated as they are read (nothing of this size is ever in memory), and their SHA-256. */
    private static final class Generated {
        final MessageDigest digest;
        private final SplittableRandom random = new SplittableRandom(10);

        Generated(long size) throws Exception {
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        Slice slice(long length) {
            return new Slice(length);
        }

        final class Slice extends InputStream {
            private long left;

            Slice(long length) {
                this.left = length;
            }

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) random.nextInt();
                }
                digest.update(b, off, n);
                left -= n;
                return n;
            }
        }
    }

    private static long heap(String base, String adminToken) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
            long sum = 0;
            Matcher m = HEAP.matcher(r.body());
            while (m.find()) {
                sum += (long) Double.parseDouble(m.group(1));
            }
            return sum;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return 0;
        }
    }

    private static void awaitStatus(Api api, String request, String status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = api.get("/api/v1/requests/" + request);
            if (r.statusCode() == 200 && Api.JSON.readTree(r.body()).get("summary").get("status").asString().equals(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("request " + request + " did not become " + status);
    }

    private static void awaitTransfer(Api api, String request, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long shown = -1;
        while (System.nanoTime() < deadline) {
            JsonNode list = api.getJson("/api/v1/requests/" + request + "/transfers");
            if (!list.isEmpty()) {
                JsonNode t = list.get(0);
                if (t.get("status").asString().equals("DONE")) {
                    return;
                }
                if (t.get("status").asString().equals("FAILED")) {
                    throw new IllegalStateException("the transfer failed: " + t.get("lastError"));
                }
                long done = t.get("chunksDone").asLong();
                if (done / 256 != shown / 256) {
                    System.out.printf("  %,d of %,d chunks%n", done, t.get("chunks").asLong());
                    shown = done;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the transfer did not finish within " + timeout);
    }

    private Map<String, String> env(String id, String name, int port) {
        String lower = id.toLowerCase(java.util.Locale.ROOT);
        return Map.of("COMITY_DEMO", "true", "COMITY_NODE_ID", id, "COMITY_NODE_NAME", name, "COMITY_NODE_STATE", id,
                "COMITY_PUBLIC_URL", "http://127.0.0.1:" + port, "COMITY_DATA_DIR", work.resolve(lower).toString(),
                "COMITY_DEMO_SUMMARY", work.resolve(lower + ".json").toString(),
                "COMITY_EXCHANGE_DIRECTORY_KEY_FILE", work.resolve("dir/keys.jwks").toString(),
                "COMITY_JAVA_OPTS", "-XX:+UseSerialGC " + HEAP_CAP, "COMITY_AOT", "off");
    }

    private void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("cli.log").toFile())).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed; see " + work.resolve("cli.log"));
        }
    }
}
