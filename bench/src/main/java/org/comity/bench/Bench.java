package org.comity.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark drivers. Run from the repository root with {@code ./comity bench startup} or
 * {@code ./comity bench load}; each prints its figures and appends a Markdown table to
 * {@code data/bench/results.md}, ready to be copied into {@code docs/benchmarks.md}.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        Path root = Path.of(System.getProperty("comity.root", ".")).toAbsolutePath().normalize();
        if (!Files.isExecutable(root.resolve("comity"))) {
            fail("run from the repository root (no ./comity in " + root + ")");
        }
        Options options = Options.parse(args);
        String report = switch (args[0]) {
            case "startup" -> startup(root, options);
            case "load" -> load(root, options);
            case "exchange" -> exchange(root, options);
            default -> {
                usage();
                fail("unknown benchmark '" + args[0] + "'");
                yield "";
            }
        };
        Path results = root.resolve("data/bench/results.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, report + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        System.out.println();
        System.out.println(report);
        System.out.println("(appended to " + root.relativize(results) + ")");
    }

    private static String startup(Path root, Options options) throws Exception {
        int runs = options.intValue("runs", 5);
        System.out.printf("startup: %d runs of each kind, alternating%n", runs);
        List<StartupBench.Result> results = new StartupBench(root, runs).run();
        StringBuilder md = header("Start-up: `./comity start` to healthy (`/actuator/health` UP), embedded PostgreSQL, " + runs + " runs each");
        md.append("| scenario | with AOT cache: median / max (ms) | without: median / max (ms) | ratio (median with / without) |\n");
        md.append("|---|---|---|---|\n");
        for (StartupBench.Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s / %s | %s / %s | %.2f |%n", r.scenario(),
                    Stats.ms(r.withCache().millis(50)), Stats.ms(r.withCache().maxNanos() / 1e6),
                    Stats.ms(r.withoutCache().millis(50)), Stats.ms(r.withoutCache().maxNanos() / 1e6),
                    r.withCache().millis(50) / r.withoutCache().millis(50)));
        }
        return md.toString();
    }

    private static String exchange(Path root, Options options) throws Exception {
        int requests = options.intValue("requests", 5000);
        int clients = options.intValue("clients", 8);
        int rate = options.intValue("rate", 50);
        int seconds = options.intValue("seconds", 60);
        ExchangeBench.Result r = new ExchangeBench(root, root.resolve("data/bench/exchange"), requests, clients, rate,
                java.time.Duration.ofSeconds(seconds)).run();
        StringBuilder md = header("Exchange between two nodes on loopback (XA to XB), " + r.requests() + " requests, " + r.clients()
                + " clients; latency at " + r.rate() + "/s for " + seconds + " s");
        md.append("| measure | value |\n|---|---|\n");
        md.append(String.format(Locale.ROOT, "| create + submit on XA | %.0f requests/s |%n", r.submitPerSecond()));
        md.append(String.format(Locale.ROOT, "| end to end: delivered to XB, DELIVERED back, every envelope receipted | %.0f requests/s (target 500) |%n",
                r.endToEndPerSecond()));
        md.append(String.format(Locale.ROOT, "| reference: same messages, plain HTTP + JSON (parse only) | %.0f requests/s |%n", r.referencePerSecond()));
        md.append(String.format(Locale.ROOT, "| ratio secure end to end / reference | %.3f |%n", r.endToEndPerSecond() / r.referencePerSecond()));
        md.append(String.format(Locale.ROOT, "| submit -> delivered at %.0f/s (%d requests): p50 / p95 / p99 / max | %s / %s / %s / %s ms (target p99 < 500) |%n",
                r.rate(), r.latencyRequests(), Stats.ms(r.latency().millis(50)), Stats.ms(r.latency().millis(95)),
                Stats.ms(r.latency().millis(99)), Stats.ms(r.latency().maxNanos() / 1e6)));
        md.append(String.format(Locale.ROOT, "| errors | %d |%n", r.errors()));
        return md.toString();
    }

    private static String load(Path root, Options options) throws Exception {
        int requests = options.intValue("requests", 100_000);
        int concurrency = options.intValue("clients", 16);
        int samples = options.intValue("samples", 300);
        LoadBench.Result r = new LoadBench(root, root.resolve("data/bench/load"), requests, concurrency, samples).run();
        StringBuilder md = header(String.format(Locale.ROOT, "Load: %,d requests created and submitted through the API by %d clients, then inbox listings",
                requests, concurrency));
        md.append("| throughput | operations | seconds | per second | errors |\n|---|---|---|---|---|\n");
        for (LoadBench.Throughput t : List.of(r.reference(), r.createAndSubmit())) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %d |%n", t.what(), t.operations(),
                    t.elapsed().toNanos() / 1e9, t.perSecond(), t.errors()));
        }
        md.append(String.format(Locale.ROOT, "%nCreate + submit rate relative to the no-op reference: %.2f%n%n",
                r.createAndSubmit().perSecond() / r.reference().perSecond()));
        md.append(String.format(Locale.ROOT, "Inbox of the requested central authority with %,d requests in the database, %d sequential calls each "
                + "(client-side round trip on loopback, an upper bound of the server-side time):%n%n", r.createAndSubmit().operations(), samples));
        md.append("| listing | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | rows |\n|---|---|---|---|---|---|\n");
        for (LoadBench.Latency l : r.latencies()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d |%n", l.what(), Stats.ms(l.stats().millis(50)),
                    Stats.ms(l.stats().millis(95)), Stats.ms(l.stats().millis(99)), Stats.ms(l.stats().maxNanos() / 1e6), l.rows()));
        }
        return md.toString();
    }

    private static StringBuilder header(String title) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(title).append("\n\n");
        md.append(String.format(Locale.ROOT, "%s; Java %s; %d processors; %s %s%n%n", LocalDate.now(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch")));
        return md;
    }

    private static void usage() {
        System.out.println("""
                usage: ./comity bench startup [--runs N]
                       ./comity bench load [--requests N] [--clients N] [--samples N]
                       ./comity bench exchange [--requests N] [--clients N] [--rate N] [--seconds N]""");
    }

    private static void fail(String message) {
        System.err.println("bench: " + message);
        System.exit(2);
    }

    /** {@code --name value} pairs after the benchmark's name. */
    record Options(java.util.Map<String, String> values) {
        static Options parse(String[] args) {
            java.util.Map<String, String> values = new java.util.HashMap<>();
            List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                if (!a.startsWith("--") || i + 1 >= rest.size()) {
                    fail("expected --name value, got '" + a + "'");
                }
                values.put(a.substring(2), rest.get(++i));
            }
            return new Options(values);
        }

        int intValue(String name, int fallback) {
            String v = values.get(name);
            if (v == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(v.replace("_", ""));
                if (parsed <= 0) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                fail("--" + name + " must be a positive whole number, not '" + v + "'");
                return fallback;
            }
        }
    }
}
