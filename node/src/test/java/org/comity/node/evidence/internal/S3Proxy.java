package org.comity.node.evidence.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for tests: S3Proxy (from Maven Central, copied to {@code target/s3proxy}
 * by the build) in a process of its own, on a free loopback port, keeping its objects on disk.
 * Nothing is downloaded at run time; a missing jar fails the test that needs it.
 */
final class S3Proxy implements AutoCloseable {

    static final String IDENTITY = "comity-test", CREDENTIAL = "comity-test-secret";
    private final Process process;
    private final String endpoint;
    private final Path dir;

    private S3Proxy(Process process, String endpoint, Path dir) {
        this.process = process;
        this.endpoint = endpoint;
        this.dir = dir;
    }

    static S3Proxy start() throws IOException, InterruptedException {
        String jarProperty = System.getProperty("comity.s3proxy.jar", "target/s3proxy/s3proxy.jar");
        Path jar = Path.of(jarProperty);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy is missing at " + jar.toAbsolutePath()
                    + ": the build copies it there (maven-dependency-plugin, execution 's3proxy'); run the tests through Maven.");
        }
        Path dir = Files.createTempDirectory("comity-s3proxy-");
        Files.createDirectories(dir.resolve("data"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data"),
                ""));
        Process process = new ProcessBuilder(List.of(BlobStoreContract.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(), "--properties", conf.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        S3Proxy proxy = new S3Proxy(process, endpoint, dir);
        proxy.awaitReady(port);
        return proxy;
    }

    private void awaitReady(int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy stopped at start: " + Files.readString(dir.resolve("s3proxy.log")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() > 0) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not answer within 60 s: " + Files.readString(dir.resolve("s3proxy.log")));
    }

    String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
