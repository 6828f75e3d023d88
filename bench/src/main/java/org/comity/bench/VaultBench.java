package org.comity.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The vault's full store path (hash, encrypt, write, fsync, rename) beside a plain copy-and-sync of
 * the same file, in the same JVM, alternating: the node's own {@code VaultSpeed} tool run from the
 * packaged node jar (Spring Boot's PropertiesLauncher gives it the node's classes), on the data disk.
 */
final class VaultBench {

    record Run(String kind, long bytes, double seconds) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    private final Path root;
    private final Path work;
    private final long size;
    private final int runs;

    VaultBench(Path root, Path work, long size, int runs) {
        this.root = root;
        this.work = work;
        this.size = size;
        this.runs = runs;
    }

    List<Run> run() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jar = root.resolve("node/target/comity-node-0.1.0.jar");
        Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx256m", "-cp", jar.toString(),
                "-Dloader.main=org.comity.node.evidence.internal.VaultSpeed", "org.springframework.boot.loader.launch.PropertiesLauncher",
                work.toString(), Long.toString(size), Integer.toString(runs))
                .redirectErrorStream(true).start();
        List<Run> out = new ArrayList<>();
        List<String> other = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] f = line.split(" ");
                if (f.length == 3 && (f[0].equals("copy") || f[0].equals("store"))) {
                    Run r = new Run(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]));
                    out.add(r);
                    System.out.printf("  %-5s %,.0f MB/s%n", r.kind(), r.mbPerSecond());
                } else {
                    other.add(line);
                }
            }
        }
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IOException("VaultSpeed failed: " + String.join("\n", other));
        }
        return out;
    }
}
