package org.comity.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Time from {@code ./comity start} to a healthy node, on the embedded default database: a first start
 * on an empty data folder (the database cluster is created and migrated) and a restart on existing data,
 * each with and without the JDK's ahead-of-time class cache. The runs alternate so that drift in the
 * machine affects both alike; the cache-less run is the reference.
 */
final class StartupBench {

    record Result(String scenario, Stats withCache, Stats withoutCache) {}

    private final Path root;
    private final Path work;
    private final int runs;

    StartupBench(Path root, int runs) {
        this.root = root;
        this.work = root.resolve("data/bench/startup");
        this.runs = runs;
    }

    List<Result> run() throws IOException, InterruptedException {
        deleteTree(work);
        // One untimed start records the ahead-of-time cache (./comity does that once per build).
        time("warm-up", true, true);
        List<Long> freshCached = new ArrayList<>(), freshPlain = new ArrayList<>(), restartCached = new ArrayList<>(), restartPlain = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            freshCached.add(time("fresh-aot-" + i, true, true));
            restartCached.add(time("fresh-aot-" + i, true, false));
            freshPlain.add(time("fresh-plain-" + i, false, true));
            restartPlain.add(time("fresh-plain-" + i, false, false));
            System.out.printf("  run %d: first start %s / %s ms, restart %s / %s ms (with / without cache)%n", i + 1,
                    Stats.ms(freshCached.getLast() / 1e6), Stats.ms(freshPlain.getLast() / 1e6),
                    Stats.ms(restartCached.getLast() / 1e6), Stats.ms(restartPlain.getLast() / 1e6));
        }
        deleteTree(work);
        return List.of(new Result("first start (empty data folder)", stats(freshCached), stats(freshPlain)),
                new Result("restart (existing data)", stats(restartCached), stats(restartPlain)));
    }

    private long time(String dataName, boolean aot, boolean fresh) throws IOException, InterruptedException {
        Path data = work.resolve(dataName);
        if (fresh) {
            deleteTree(data);
        }
        Map<String, String> env = Map.of(
                "COMITY_DATA_DIR", data.toString(),
                "COMITY_KEYSTORE_PASSPHRASE", "bench-only-passphrase",
                "COMITY_DEMO", "false",
                "COMITY_AOT", aot ? "on" : "off");
        try (NodeProcess node = NodeProcess.start(root, "start", freePort(), env, work.resolve("logs/" + dataName + (fresh ? "-first" : "-restart") + ".log"))) {
            return node.awaitHealthy(Duration.ofSeconds(120)).toNanos();
        }
    }

    private static Stats stats(List<Long> nanos) {
        return new Stats(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
