package org.comity.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark drivers. Run from the repository root with {@code ./comity bench startup},
 * {@code load}, {@code federation}, {@code hash}, {@code ledger} or {@code jmh} (the custody
 * micro-benchmarks); each prints its figures and appends a Markdown table to
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
        if (args[0].equals("jmh")) {
            // JMH has its own command line; only a run (not a listing) has figures to keep.
            java.util.Optional<String> report = MicroBenchmarks.run(root, List.of(args).subList(1, args.length).toArray(String[]::new));
            if (report.isPresent()) {
                record(root, report.get());
            }
            return;
        }
        Options options = Options.parse(args);
        String report = switch (args[0]) {
            case "startup" -> startup(root, options);
            case "load" -> load(root, options);
            case "federation" -> federation(root, options);
            case "hash" -> hash(root, options);
            case "ledger" -> ledger(root, options);
            case "vault" -> vault(root, options);
            case "transfer" -> transfer(root, options);
            case "knowledge" -> knowledge(root, options);
            case "writer-pdf" -> writerPdf(root, options);
            case "stats" -> stats(root, options);
            default -> {
                usage();
                fail("unknown benchmark '" + args[0] + "'");
                yield "";
            }
        };
        record(root, report);
    }

    /** Prints the report and appends it to {@code data/bench/results.md}. */
    private static void record(Path root, String report) throws java.io.IOException {
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

    private static String federation(Path root, Options options) throws Exception {
        options.allowOnly("requests", "clients", "rate", "duration", "keep");
        int requests = options.intValue("requests", 5000);
        int clients = options.intValue("clients", 8);
        int rate = options.intValue("rate", 50);
        java.time.Duration duration = options.durationValue("duration", java.time.Duration.ofSeconds(60));
        FederationBench.Result r = new FederationBench(root, root.resolve("data/bench/federation"), requests, clients, rate, duration,
                options.flag("keep")).run();
        FederationBench.Side c = r.comity();
        FederationBench.Side p = r.plain();
        StringBuilder md = header(String.format(Locale.ROOT, "Exchange between nodes: XA to XB on loopback, %,d requests by %d clients; "
                + "latency at %.0f/s for %s; beside plain HTTP + JSON", r.requests(), r.clients(), r.rate(), FederationBench.seconds(r.duration())));
        md.append("| measure | Comity: signed, encrypted, persisted, receipted | plain HTTP + JSON, persisted | Comity / plain |\n");
        md.append("|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| create + submit accepted on XA | %,.0f/s | %,.0f/s | %.3f |%n", c.throughput().submitPerSecond(),
                p.throughput().submitPerSecond(), c.throughput().submitPerSecond() / p.throughput().submitPerSecond()));
        md.append(String.format(Locale.ROOT, "| end to end: delivered on XB, DELIVERED back on XA, everything acknowledged (target >= 500/s) | %,.0f/s | %,.0f/s | %.3f |%n",
                c.throughput().endToEndPerSecond(), p.throughput().endToEndPerSecond(),
                c.throughput().endToEndPerSecond() / p.throughput().endToEndPerSecond()));
        md.append(String.format(Locale.ROOT, "| CPU ms per request during the throughput run: both nodes / both databases / driver | %s | %s | %.2f |%n",
                cpu(c.throughput()), cpu(p.throughput()),
                c.throughput().cpu().total().toNanos() / (double) Math.max(1, p.throughput().cpu().total().toNanos())
                        * p.throughput().requests() / Math.max(1, c.throughput().requests())));
        for (int pct : new int[] {50, 95, 99}) {
            md.append(String.format(Locale.ROOT, "| submit -> delivered p%d at %.0f/s%s | %s ms | %s ms | %.1f |%n", pct, r.rate(),
                    pct == 99 ? " (target < 500 ms at 50/s)" : "", Stats.ms(c.latency().stats().millis(pct)), Stats.ms(p.latency().stats().millis(pct)),
                    c.latency().stats().millis(pct) / p.latency().stats().millis(pct)));
        }
        md.append(String.format(Locale.ROOT, "| submit -> delivered max | %s ms | %s ms | |%n", Stats.ms(c.latency().stats().maxNanos() / 1e6),
                Stats.ms(p.latency().stats().maxNanos() / 1e6)));
        md.append(String.format(Locale.ROOT, "| latency run: requests delivered (rate achieved) | %d (%.1f/s) | %d (%.1f/s) | |%n", c.latency().stats().count(),
                c.latency().achievedRate(), p.latency().stats().count(), p.latency().achievedRate()));
        md.append(String.format(Locale.ROOT, "| errors: failed calls / not delivered | %d / %d | %d / %d | |%n",
                c.throughput().errors() + c.latency().errors(), c.latency().undelivered(), p.throughput().errors() + p.latency().errors(),
                p.latency().undelivered()));
        md.append(String.format(Locale.ROOT, "| receipts verified: submissions by XB / DELIVERED events by XA, of %d requests | %d / %d | none (HTTP 200) | |%n",
                r.receipts().expected(), r.receipts().xaReceipted(), r.receipts().xbReceipted()));
        md.append(String.format(Locale.ROOT, "%nNodes and reference JVMs: `%s`. Reference: %s (request.submitted %,d bytes, request.event %,d bytes "
                + "as plain JSON); see `FederationBench` and `PlainNode` for what it does and does not do. Results: %s%n",
                r.nodeJvmOptions(), r.messages(), r.submittedBytes(), r.eventBytes(), root.relativize(r.json())));
        return md.toString();
    }

    private static String cpu(FederationBench.Throughput t) {
        return CpuMeter.perOperation(t.cpu().node(), t.requests()) + " / " + CpuMeter.perOperation(t.cpu().database(), t.requests()) + " / "
                + CpuMeter.perOperation(t.cpu().driver(), t.requests());
    }

    private static String hash(Path root, Options options) throws Exception {
        options.allowOnly("size", "runs");
        long size = options.sizeValue("size", 1L << 30);
        int runs = options.intValue("runs", 3);
        HashBench.Result r = new HashBench(root.resolve("data/bench/hash"), size, runs).run();
        StringBuilder md = header(String.format(Locale.ROOT, "Hashing an ingest: SHA-256 of %s of random bytes, %d runs each, alternating", bytes(size), runs));
        md.append("| reader | MB/s by wall time: median (each run) | / reference's in the same round: median (min to max) | MB per CPU second, median "
                + "| / reference's, median |\n|---|---|---|---|---|\n");
        for (HashBench.Method m : HashBench.METHODS) {
            md.append(String.format(Locale.ROOT, "| %s | %,.0f (%s) | %s | %,.0f | %s |%n", m.name(), HashBench.medianSpeed(r, m),
                    String.join(", ", r.runs(m).stream().map(run -> String.format(Locale.ROOT, "%,.0f", HashBench.mbPerSecond(size, run.nanos()))).toList()),
                    m.reference() == null ? "reference" : ratio(r, m), HashBench.medianCpuSpeed(r, m),
                    m.reference() == null ? "reference" : String.format(Locale.ROOT, "%.3f", HashBench.medianCpuRatio(r, m))));
        }
        md.append(String.format(Locale.ROOT, "%nTarget 1 (>= 0.85 of openssl dgst), by wall time / by CPU time: JDK with a direct buffer %s; with a heap buffer %s; "
                + "custody's package writer %s. MB = 10^6 bytes. %s; processor SHA extensions: %s; %s; every file reader's digest equal to openssl's.%n",
                verdict(r, HashBench.JDK_DIRECT), verdict(r, HashBench.JDK_HEAP), verdict(r, HashBench.PACKAGE), r.openssl(), shaNi(), r.cache()));
        return md.toString();
    }

    private static String vault(Path root, Options options) throws Exception {
        options.allowOnly("size", "runs");
        long size = options.sizeValue("size", 1L << 30);
        int runs = options.intValue("runs", 3);
        System.out.printf("vault: %s, %d runs of each, alternating%n", bytes(size), runs);
        List<VaultBench.Run> all = new VaultBench(root, root.resolve("data/bench/vault"), size, runs).run();
        StringBuilder md = header(String.format(Locale.ROOT, "Vault store path: %s of random bytes, %d runs each, alternating with a plain copy", bytes(size), runs));
        md.append("| run | plain copy + fsync (MB/s) | store: SHA-256 + Tink AES-GCM-HKDF + write + fsync + rename (MB/s) | store / copy |\n|---|---|---|---|\n");
        List<Double> ratios = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < all.size(); i += 2) {
            double ratio = all.get(i + 1).mbPerSecond() / all.get(i).mbPerSecond();
            ratios.add(ratio);
            md.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f |%n", i / 2 + 1, all.get(i).mbPerSecond(), all.get(i + 1).mbPerSecond(), ratio));
        }
        double median = ratios.stream().sorted().toList().get(ratios.size() / 2);
        md.append(String.format(Locale.ROOT, "%nTarget (store path >= 0.6 of a plain copy-and-sync): median %.2f, **%s**.%n", median, median >= 0.6 ? "met" : "not met"));
        return md.toString();
    }

    private static String writerPdf(Path root, Options options) throws Exception {
        options.allowOnly("samples");
        int samples = options.intValue("samples", 200);
        WriterPdfBench.Result r = new WriterPdfBench(root, root.resolve("data/bench/writer-pdf"), samples).run();
        StringBuilder md = header(String.format(Locale.ROOT, "Request Writer PDF: GET /api/v1/writer/drafts/{id}/pdf on a demo node, %d calls each, one after another", samples));
        md.append("| PDF | size | p50 (ms) | p95 (ms) | max (ms) | target p95 < 500 ms |\n|---|---|---|---|---|---|\n");
        for (WriterPdfBench.Measured m : r.measured()) {
            md.append(String.format(Locale.ROOT, "| %s | %,d bytes | %s | %s | %s | %s |%n", m.languages(), m.bytes(), Stats.ms(m.stats().millis(50)),
                    Stats.ms(m.stats().millis(95)), Stats.ms(m.stats().maxNanos() / 1e6), m.stats().millis(95) < 500 ? "met" : "**not met**"));
        }
        return md.toString();
    }

    private static String transfer(Path root, Options options) throws Exception {
        options.allowOnly("size");
        long size = options.sizeValue("size", 10L << 30);
        TransferBench.Result r = new TransferBench(root, root.resolve("data/bench/transfer"), size).run();
        StringBuilder md = header(String.format(Locale.ROOT, "Evidence transfer: %s uploaded to XB (tus) and transferred to XA, nodes' heap capped (%s)",
                bytes(size), r.heapCap()));
        md.append("| measure | measured |\n|---|---|\n");
        md.append(String.format(Locale.ROOT, "| upload to XB (tus, 1 GiB PATCHes; hashed, sealed, then moved into the vault) | %.1f s, %,.0f MB/s |%n",
                r.uploadSeconds(), r.bytes() / 1e6 / r.uploadSeconds()));
        md.append(String.format(Locale.ROOT, "| transfer: from sending until XA holds it, verified (offer, chunks, vault, custody) | %.1f s, %,.0f MB/s |%n",
                r.transferSeconds(), r.bytes() / 1e6 / r.transferSeconds()));
        md.append(String.format(Locale.ROOT, "| largest heap used, sampled every second: XA / XB (target < 512 MB each) | %,.0f / %,.0f MB |%n",
                r.maxHeapXa() / 1e6, r.maxHeapXb() / 1e6));
        md.append(String.format(Locale.ROOT, "| the same bytes on XA (SHA-256 %s) | %s |%n", r.sha256(), r.sameOnBoth() ? "yes" : "**no**"));
        md.append(String.format(Locale.ROOT, "%nTarget (heap under 512 MB on each node): **%s**.%n",
                r.sameOnBoth() && r.maxHeapXa() < 512_000_000L && r.maxHeapXb() < 512_000_000L ? "met" : "not met"));
        return md.toString();
    }

    private static String verdict(HashBench.Result r, HashBench.Method m) {
        double wall = HashBench.medianRatio(r, m);
        double cpu = HashBench.medianCpuRatio(r, m);
        return String.format(Locale.ROOT, "%.3f **%s** / %.3f **%s**", wall, wall >= 0.85 ? "met" : "not met", cpu, cpu >= 0.85 ? "met" : "not met");
    }

    private static String ratio(HashBench.Result r, HashBench.Method m) {
        double[] ratios = HashBench.ratios(r, m);
        return String.format(Locale.ROOT, "%.3f (%.3f to %.3f)", HashBench.medianRatio(r, m), ratios[0], ratios[ratios.length - 1]);
    }


    private static String shaNi() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).contains(" sha_ni") ? "sha_ni" : "none";
        } catch (java.io.IOException | RuntimeException unknown) {
            return "unknown";
        }
    }

    private static String bytes(long size) {
        return size % (1L << 30) == 0 ? size / (1L << 30) + " GiB" : size % (1L << 20) == 0 ? size / (1L << 20) + " MiB" : String.format(Locale.ROOT, "%,d bytes", size);
    }

    private static String ledger(Path root, Options options) throws Exception {
        options.allowOnly("rate", "duration", "keep");
        int rate = options.intValue("rate", 5000);
        java.time.Duration duration = options.durationValue("duration", java.time.Duration.ofSeconds(30));
        LedgerBench.Result r = new LedgerBench(root, root.resolve("data/bench/ledger"), rate, duration, options.flag("keep")).run();
        StringBuilder md = header(String.format(Locale.ROOT, "Custody ledger: %,d custody events queued at %,d/s for %s, %d per transaction, checkpoint every second",
                r.queued(), rate, FederationBench.seconds(duration), LedgerBench.BATCH));
        boolean kept = r.lag().millis(99) < 1000;
        // Sustained: 5,000/s queued, the size growing as fast in the steady part of the run, and every entry integrated within a second.
        boolean rateMet = r.offeredPerSecond() >= 0.99 * 5000 && r.steadyPerSecond() >= 0.99 * 5000 && kept;
        // Every second: the usual gap within 5% of a second, and never an interval without a checkpoint (no gap of 1.5 s or more).
        boolean cadenceMet = r.checkpoints() > 1 && r.checkpointGaps().millis(50) <= 1050 && r.checkpointGaps().maxNanos() < 1_500_000_000L;
        LedgerBench.Verification v = r.verification();
        md.append("| measure | measured | target | met? |\n|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| queued by the driver (open loop, %d connections) | %,.0f/s over %.1f s; %d of %,d transactions started > 10 ms late "
                + "(max %.1f ms); transaction p50 / p99 %s / %s ms | | |%n", LedgerBench.WRITERS, r.offeredPerSecond(), r.windowSeconds(), r.lateTransactions(),
                r.queued() / LedgerBench.BATCH, r.maxLatenessMillis(), Stats.ms(r.transactionTimes().millis(50)), Stats.ms(r.transactionTimes().millis(99))));
        md.append(String.format(Locale.ROOT, "| integrated (`ledger_state.size`): steady rate from 10%% to 90%% of the run; over the whole run | %,.0f/s; %,.0f/s (%,d), "
                + "the rest %.2f s after the last commit | >= 5,000/s | %s |%n", r.steadyPerSecond(), r.integratedPerSecond(), r.integratedInWindow(),
                r.drainSeconds(), rateMet ? "yes" : "**no**"));
        md.append(String.format(Locale.ROOT, "| queue -> integration lag, p50 / p99 / max | %s / %s / %s ms | keeps up (p99 < 1 s) | %s |%n",
                Stats.ms(r.lag().millis(50)), Stats.ms(r.lag().millis(99)), Stats.ms(r.lag().maxNanos() / 1e6), kept ? "yes" : "**no**"));
        md.append(String.format(Locale.ROOT, "| largest backlog in `ledger_pending` (sampled every 100 ms) | %,d | | |%n", r.maxPending()));
        md.append(String.format(Locale.ROOT, "| checkpoints signed during the run; gap p50 / max | %d; %s / %s ms (first %.2f s after the start) | every 1 s (p50 gap <= 1.05 s, max < 1.5 s) | %s |%n",
                r.checkpoints(), Stats.ms(r.checkpointGaps().millis(50)), Stats.ms(r.checkpointGaps().maxNanos() / 1e6), r.firstCheckpointAfter(),
                cadenceMet ? "yes" : "**no**"));
        md.append(String.format(Locale.ROOT, "| CPU ms per 1,000 appends: node / its database (with the driver's inserts) / driver | %s / %s / %s | | |%n",
                CpuMeter.perOperation(r.cpu().node().multipliedBy(1000), r.appendsForCpu()),
                CpuMeter.perOperation(r.cpu().database().multipliedBy(1000), r.appendsForCpu()),
                CpuMeter.perOperation(r.cpu().driver().multipliedBy(1000), r.appendsForCpu())));
        md.append(String.format(Locale.ROOT, "| after the run: checkpoints verified against the published ledger key / roots recomputed from the entries | %d / %s, entries 0..%,d with no gap: %s; %,d of %,d queued entries in the ledger | all | %s |%n",
                v.checkpointsVerified(), v.rootsMatch() ? "all match" : "**MISMATCH**", v.size() - 1, v.noGap() ? "yes" : "**no**", v.benchEntries(), r.queued(),
                v.rootsMatch() && v.noGap() && v.benchEntries() == r.queued() ? "yes" : "**no**"));
        md.append(String.format(Locale.ROOT, "%nLedger key (from `/.well-known/comity-node.json`): `%s`. Target 3 (5,000 appends/s with a checkpoint every second): **%s**.%n",
                v.ledgerKey(), rateMet && cadenceMet && v.rootsMatch() && v.noGap() ? "met" : "not met"));
        return md.toString();
    }

    private static String stats(Path root, Options options) throws Exception {
        options.allowOnly("requests", "samples", "keep");
        int requests = options.intValue("requests", 1_000_000);
        int samples = options.intValue("samples", 40);
        StatsBench.Result r = new StatsBench(root, root.resolve("data/bench/stats"), requests, samples, options.flag("keep")).run();
        StringBuilder md = header(String.format(Locale.ROOT, "Statistics: %,d requests and %,d events (inserted in %.0f s), dashboard queries over HTTP, %d samples each",
                r.requests(), r.events(), r.setupSeconds(), samples));
        md.append("| query (analyst's token) | p50 (ms) | p95 (ms) | target p95 < 200 ms |\n|---|---|---|---|\n");
        boolean all = true;
        for (StatsBench.Query q : r.queries()) {
            boolean met = q.times().millis(95) < 200;
            all &= met;
            md.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %s |%n", q.path(), Stats.ms(q.times().millis(50)), Stats.ms(q.times().millis(95)),
                    met ? "yes" : "**no**"));
        }
        md.append("\n| CSV export (streamed) | rows | MB | seconds | node RSS before -> peak (MB) |\n|---|---|---|---|---|\n");
        for (StatsBench.Export e : r.exports()) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %,d -> %,d |%n", e.what(), e.rows(), e.bytes() / 1e6, e.seconds(),
                    e.rssBeforeKb() / 1024, e.rssPeakKb() / 1024));
        }
        md.append(String.format(Locale.ROOT, "%nEvery dashboard query p95 < 200 ms: **%s**.%n", all ? "met" : "not met"));
        return md.toString();
    }

    private static String load(Path root, Options options) throws Exception {
        int requests = options.intValue("requests", 100_000);
        int concurrency = options.intValue("clients", 16);
        int samples = options.intValue("samples", 300);
        LoadBench.Result r = new LoadBench(root, root.resolve("data/bench/load"), requests, concurrency, samples).run();
        StringBuilder md = header(String.format(Locale.ROOT, "Load: %,d requests created and submitted through the API by %d clients, then inbox listings",
                requests, concurrency));
        md.append("| throughput | operations | seconds | per second | errors | CPU ms per operation: node / database / driver |\n|---|---|---|---|---|---|\n");
        for (LoadBench.Throughput t : r.throughputs()) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %d | %s / %s / %s |%n", t.what(), t.operations(),
                    t.elapsed().toNanos() / 1e9, t.perSecond(), t.errors(), CpuMeter.perOperation(t.cpu().node(), t.operations()),
                    CpuMeter.perOperation(t.cpu().database(), t.operations()), CpuMeter.perOperation(t.cpu().driver(), t.operations())));
        }
        double best = Math.max(r.createAndSubmit().perSecond(), Math.max(r.submitAtOnce().perSecond(), r.submitMinimal().perSecond()));
        md.append(String.format(Locale.ROOT, "%nRates relative to the no-op reference: two calls %.3f, one call %.3f, one call with "
                + "return=minimal %.3f. Target 500 created and submitted per second: %s (best %,.0f/s)%n%n",
                r.createAndSubmit().perSecond() / r.reference().perSecond(), r.submitAtOnce().perSecond() / r.reference().perSecond(),
                r.submitMinimal().perSecond() / r.reference().perSecond(), best >= 500 ? "met" : "not met", best));
        md.append(String.format(Locale.ROOT, "Inbox of the requested central authority with %,d requests in the database, %d sequential calls each "
                + "(client-side round trip on loopback, an upper bound of the server-side time):%n%n", r.requests(), samples));
        md.append("| listing | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | rows |\n|---|---|---|---|---|---|\n");
        for (LoadBench.Latency l : r.latencies()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d |%n", l.what(), Stats.ms(l.stats().millis(50)),
                    Stats.ms(l.stats().millis(95)), Stats.ms(l.stats().millis(99)), Stats.ms(l.stats().maxNanos() / 1e6), l.rows()));
        }
        return md.toString();
    }

    static StringBuilder header(String title) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(title).append("\n\n");
        md.append(String.format(Locale.ROOT, "%s; Java %s; %d processors; %s %s%n%n", LocalDate.now(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch")));
        return md;
    }

    private static String knowledge(Path root, Options options) throws Exception {
        options.allowOnly("documents", "batch", "clients", "searches");
        int documents = options.intValue("documents", 100_000);
        int batch = options.intValue("batch", 500);
        int clients = options.intValue("clients", 2);
        int searches = options.intValue("searches", 2_000);
        System.out.printf("knowledge: %,d documents in batches of %d by %d clients, then %,d faceted searches%n", documents, batch, clients, searches);
        KnowledgeBench.Result r = new KnowledgeBench(root, root.resolve("data/bench/knowledge"), documents, batch, clients, searches).run();
        StringBuilder md = header(String.format(Locale.ROOT, "Knowledge base: %,d generated documents in the six UN languages, imported and searched through the API",
                documents));
        md.append("| measure | figure | target |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| import (JSON lines, batches of %d, %d clients): documents per second | %,.0f | ≥ 2,000 |%n",
                batch, clients, r.docsPerSecond()));
        md.append(String.format(Locale.ROOT, "| search with facets, one client, %,d queries: p50 / p95 / p99 / max (ms) | %s / %s / %s / %s | p95 < 20 |%n",
                r.searches(), Stats.ms(r.search().millis(50)), Stats.ms(r.search().millis(95)), Stats.ms(r.search().millis(99)),
                Stats.ms(r.search().maxNanos() / 1e6)));
        md.append(String.format(Locale.ROOT, "%nDocuments searchable at the end: %,d. See `KnowledgeBench` for the workload.%n", r.indexed()));
        return md.toString();
    }

    private static void usage() {
        System.out.println("""
                usage: ./comity bench startup [--runs N]
                       ./comity bench load [--requests N] [--clients N] [--samples N]
                       ./comity bench federation [--requests N] [--clients N] [--rate N] [--duration 60s] [--keep]
                       ./comity bench hash [--size 1g] [--runs N]
                       ./comity bench ledger [--rate N] [--duration 30s] [--keep]
                       ./comity bench knowledge [--documents N] [--batch N] [--clients N] [--searches N]
                       ./comity bench writer-pdf [--samples N]
                       ./comity bench stats [--requests N] [--samples N] [--keep]
                       ./comity bench jmh [JMH options] [benchmark regex]   (-h for JMH's options, -l to list)""");
    }

    private static void fail(String message) {
        System.err.println("bench: " + message);
        System.exit(2);
    }

    /** {@code --name value} pairs after the benchmark's name; a {@code --name} followed by no value is a flag. */
    record Options(java.util.Map<String, String> values) {
        static Options parse(String[] args) {
            java.util.Map<String, String> values = new java.util.HashMap<>();
            List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                if (!a.startsWith("--") || a.length() == 2) {
                    fail("expected --name value, got '" + a + "'");
                }
                boolean flag = i + 1 >= rest.size() || rest.get(i + 1).startsWith("--");
                values.put(a.substring(2), flag ? "true" : rest.get(++i));
            }
            return new Options(values);
        }

        void allowOnly(String... names) {
            for (String name : values.keySet()) {
                if (!List.of(names).contains(name)) {
                    fail("unknown option --" + name + " (allowed: --" + String.join(", --", names) + ")");
                }
            }
        }

        boolean flag(String name) {
            String v = values.get(name);
            if (v == null || v.equals("false")) {
                return false;
            }
            if (!v.equals("true")) {
                fail("--" + name + " takes no value, not '" + v + "'");
            }
            return true;
        }

        /** {@code 60}, {@code 60s}, {@code 1500ms}, {@code 2m} or ISO-8601 ({@code PT60S}). */
        java.time.Duration durationValue(String name, java.time.Duration fallback) {
            String v = values.get(name);
            if (v == null) {
                return fallback;
            }
            try {
                String t = v.trim().toLowerCase(Locale.ROOT);
                java.time.Duration d;
                if (t.startsWith("pt")) {
                    d = java.time.Duration.parse(t);
                } else if (t.endsWith("ms")) {
                    d = java.time.Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
                } else if (t.endsWith("m")) {
                    d = java.time.Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
                } else {
                    d = java.time.Duration.ofMillis(Math.round(Double.parseDouble(t.endsWith("s") ? t.substring(0, t.length() - 1) : t) * 1000));
                }
                if (d.isNegative() || d.isZero()) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (RuntimeException e) {
                fail("--" + name + " must be a positive duration such as 60s, 2m or 1500ms, not '" + v + "'");
                return fallback;
            }
        }

        /** A size in bytes: {@code 1g}, {@code 512m}, {@code 64k} (powers of 1024) or a plain number of bytes. */
        long sizeValue(String name, long fallback) {
            String v = values.get(name);
            if (v == null) {
                return fallback;
            }
            String t = v.trim().toLowerCase(Locale.ROOT).replace("_", "").replaceFirst("i?b$", "");
            int shift = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                case 't' -> 40;
                default -> 0;
            };
            try {
                long n = Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 1));
                if (n <= 0 || n > Long.MAX_VALUE >> shift) {
                    throw new NumberFormatException();
                }
                return n << shift;
            } catch (NumberFormatException e) {
                fail("--" + name + " must be a positive size such as 1g, 512m or 65536, not '" + v + "'");
                return fallback;
            }
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
