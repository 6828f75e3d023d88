package org.comity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.comity.custody.checkpoint.CheckpointRejected;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.merkle.RootBuilder;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./comity bench ledger}: issue 4, target 3, the custody ledger sustains 5,000 appends per
 * second with a checkpoint every second. A demo node is started with {@code ./comity start} on its
 * own data folder; the driver connects to its embedded PostgreSQL and queues realistic custody events
 * ({@link SyntheticCustody}, made before the clock starts) into {@code ledger_pending} as the node's
 * own transactions do, open loop: {@value #BATCH} rows per transaction, as many transactions per
 * second as the rate needs, each started on schedule whether or not the previous ones finished,
 * from {@value #WRITERS} connections. The node's sequencer integrates them and signs checkpoints.
 *
 * <p>A warm-up of {@link #WARM_UP} at the same rate comes first, unmeasured. Measured: the entries integrated per second ({@code ledger_state.size}, sampled every 100 ms),
 * the lag from queueing (the time the driver wrote into {@code queued_at}) to integration
 * ({@code ledger_entry.integrated_at}), the largest backlog, the checkpoints signed and the gaps
 * between them, and the CPU of the node, its database (which also serves the driver's inserts) and
 * the driver. Then the driver checks the ledger as an outsider would: every checkpoint signed during
 * the run verifies against the ledger key the node publishes in {@code /.well-known/comity-node.json},
 * and its root is the root the driver recomputes with {@link RootBuilder} from the entries read in
 * index order, which must run from 0 with no gap; every entry the driver queued is there once.
 *
 * <p>Entries the driver queues do not wake the sequencer as a commit inside the node does, so it
 * finds them on its own schedule (at most every 250 ms): the lag is that of the polling path.
 */
final class LedgerBench {

    static final int BATCH = 50;
    /** Queued at the rate before the measured run, so the node's JIT has compiled the sequencer's path. */
    static final Duration WARM_UP = Duration.ofSeconds(5);
    /** Enough connections that a slow commit (fsync) never holds back the schedule: the node's own appends come from many requests at once. */
    static final int WRITERS = 16;

    /**
     * @param steadyPerSecond the slope of the ledger's size between 10% and 90% of the queueing window, where neither the start nor the
     *     backlog left at the end weighs
     * @param transactionTimes how long each of the driver's transactions took, commit included
     */
    record Result(int rate, Duration duration, long queued, double offeredPerSecond, double integratedPerSecond, double steadyPerSecond,
            long integratedInWindow, double windowSeconds, double drainSeconds, long maxPending, Stats lag, int checkpoints, Stats checkpointGaps,
            double firstCheckpointAfter, CpuMeter.Reading cpu, long appendsForCpu, int lateTransactions, double maxLatenessMillis,
            Stats transactionTimes, Verification verification) {}

    /**
     * What the driver checked after the run.
     *
     * @param ledgerKey the vkey the node publishes
     * @param size the size of the newest checkpoint, whose root was recomputed from the entries
     * @param checkpointsVerified checkpoints whose signature and root were checked (all signed by the end of the run)
     * @param benchEntries entries of the run's kind found in the ledger (each ref is unique)
     */
    record Verification(String ledgerKey, long size, int checkpointsVerified, long benchEntries, boolean noGap, boolean rootsMatch) {}

    private record Sample(long nanos, long size, long pending) {}

    private final Path root;
    private final Path work;
    private final int rate;
    private final Duration duration;
    private final boolean keep;

    LedgerBench(Path root, Path work, int rate, Duration duration, boolean keep) {
        this.root = root;
        this.work = work;
        this.rate = rate;
        this.duration = duration;
        this.keep = keep;
    }

    Result run() throws Exception {
        StartupBench.deleteTree(work);
        Files.createDirectories(work);
        SyntheticCustody events = new SyntheticCustody(20261128);
        byte[][] warmUp = entries(events, WARM_UP);
        byte[][] entries = entries(events, duration);
        Result result;
        try (NodeProcess node = NodeProcess.startDemo(root, work)) {
            Path data = work.resolve("node");
            NodeProcess.Database db = NodeProcess.Database.of(work);
            String url = db.url();
            String password = db.password();
            CpuMeter cpu = new CpuMeter(node.handle(), data.resolve("postgresql"));
            try (Connection monitor = DriverManager.getConnection(url, "postgres", password)) {
                System.out.printf("ledger: warm-up, %s at the same rate, not measured%n", FederationBench.seconds(WARM_UP));
                measure(url, password, monitor, warmUp, "warm-up", cpu, node.baseUrl());
                result = measure(url, password, monitor, entries, "bench", cpu, node.baseUrl());
            }
        }
        if (!keep) {
            StartupBench.deleteTree(work.resolve("node"));
            Files.deleteIfExists(work.resolve("demo.json"));
        }
        return result;
    }

    /** Custody events for {@code time} at the rate, whole transactions of them, made before any clock starts. */
    private byte[][] entries(SyntheticCustody events, Duration time) {
        int total = (int) Math.max(BATCH, Math.round(rate * time.toMillis() / 1000.0 / BATCH) * BATCH);
        byte[][] entries = new byte[total][];
        long bytes = 0;
        for (int i = 0; i < total; i++) {
            entries[i] = events.nextEntry();
            bytes += entries[i].length;
        }
        System.out.printf("ledger: made %,d custody events, %,d bytes, %.0f per entry%n", total, bytes, bytes / (double) total);
        return entries;
    }

    /** Queues {@code entries} as ledger entries of {@code kind} (refs {@code <kind>:<n>}) at the rate, then measures and verifies. */
    private Result measure(String url, String password, Connection monitor, byte[][] entries, String kind, CpuMeter cpu, String baseUrl)
            throws Exception {
        int transactions = entries.length / BATCH;
        long periodNanos = Math.round(1e9 * BATCH / rate);
        Instant[] queuedAt = new Instant[transactions];
        long[] lateness = new long[transactions];
        long[] took = new long[transactions];
        List<Sample> samples = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(WRITERS);
        for (int i = 0; i < WRITERS; i++) {
            Connection c = DriverManager.getConnection(url, "postgres", password);
            c.setAutoCommit(false);
            connections.add(c);
        }
        Sample before = sample(monitor, System.nanoTime());
        System.out.printf(Locale.ROOT, "ledger: queueing %,d entries at %,d/s (%d per transaction, a transaction every %.1f ms) for %s; "
                + "the ledger holds %,d%n", entries.length, rate, BATCH, periodNanos / 1e6, FederationBench.seconds(duration), before.size());
        CpuMeter.Reading cpuBefore = cpu.read();
        long begin = System.nanoTime();
        Instant runStart = Instant.now();
        AtomicLong lastCommit = new AtomicLong(begin);
        try (ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            AtomicInteger started = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            // Open loop: a transaction every period, on schedule, whether or not the earlier ones have committed.
            timer.scheduleAtFixedRate(() -> {
                int t = started.getAndIncrement();
                if (t >= transactions) {
                    return;
                }
                long due = begin + t * periodNanos;
                synchronized (done) {
                    done.add(writers.submit(() -> {
                        Connection c = connections.take();
                        long startedAt = System.nanoTime();
                        lateness[t] = startedAt - due;
                        try {
                            queuedAt[t] = queue(c, entries, t, kind);
                            long committed = System.nanoTime();
                            took[t] = committed - startedAt;
                            lastCommit.accumulateAndGet(committed, Math::max);
                        } catch (SQLException e) {
                            failed.incrementAndGet();
                            System.err.println("  transaction " + t + " failed: " + e.getMessage());
                            c.rollback();
                        } finally {
                            connections.add(c);
                        }
                        return null;
                    }));
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            long nextPrint = begin + 1_000_000_000L;
            while (started.get() < transactions) {
                Thread.sleep(100);
                Sample s = sample(monitor, System.nanoTime());
                samples.add(s);
                if (s.nanos() >= nextPrint) {
                    System.out.printf(Locale.ROOT, "  %4.0f s  ledger %,d  pending %,d%n", (s.nanos() - begin) / 1e9, s.size(), s.pending());
                    nextPrint += 1_000_000_000L;
                }
            }
            timer.shutdown();
            for (Future<?> f : snapshot(done)) {
                f.get();
            }
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
        long end = lastCommit.get();
        Sample atEnd = sample(monitor, System.nanoTime());
        samples.add(atEnd);
        // Until every queued entry is integrated.
        long target = before.size() + (long) (transactions - failed.get()) * BATCH;
        Sample drained = atEnd;
        while (drained.size() < target || drained.pending() > 0) {
            if (System.nanoTime() - end > TimeUnit.MINUTES.toNanos(5)) {
                throw new IllegalStateException("the ledger did not integrate what was queued within 5 minutes: " + drained);
            }
            Thread.sleep(50);
            drained = sample(monitor, System.nanoTime());
            samples.add(drained);
        }
        CpuMeter.Reading used = cpu.read().minus(cpuBefore);
        long appended = drained.size() - before.size();
        double windowSeconds = (end - begin) / 1e9;
        long integratedInWindow = sizeAt(samples, end) - before.size();
        long from = begin + (end - begin) / 10;
        long to = begin + (end - begin) * 9 / 10;
        double steady = (sizeAt(samples, to) - sizeAt(samples, from)) / ((sampleTime(samples, to) - sampleTime(samples, from)) / 1e9);
        System.out.printf(Locale.ROOT, "  queued for %.1f s; integrated %,d in that time (%,.0f/s; %,.0f/s from 10%% to 90%% of it); all %,d integrated "
                + "%.2f s after the last commit%n", windowSeconds, integratedInWindow, integratedInWindow / windowSeconds, steady, appended,
                (drained.nanos() - end) / 1e9);
        // The checkpoint of the final size comes within the next interval.
        Instant runEnd = Instant.now();
        awaitCheckpoint(monitor, drained.size(), Duration.ofSeconds(10));

        Stats lag = lag(monitor, queuedAt, kind);
        List<Instant> signed = checkpointTimes(monitor, runStart, runEnd);
        long[] gaps = new long[Math.max(1, signed.size() - 1)];
        for (int i = 1; i < signed.size(); i++) {
            gaps[i - 1] = Duration.between(signed.get(i - 1), signed.get(i)).toNanos();
        }
        double firstAfter = signed.isEmpty() ? Double.NaN : Duration.between(runStart, signed.getFirst()).toNanos() / 1e9;
        long late = Arrays.stream(lateness).filter(l -> l > 10_000_000L).count();
        double maxLate = Arrays.stream(lateness).max().orElse(0) / 1e6;
        Verification verification = verify(monitor, baseUrl, kind);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of the driver's transactions failed; see above");
        }
        return new Result(rate, duration, (long) transactions * BATCH, (long) transactions * BATCH / windowSeconds, integratedInWindow / windowSeconds,
                steady, integratedInWindow, windowSeconds, (drained.nanos() - end) / 1e9, samples.stream().mapToLong(Sample::pending).max().orElse(0), lag,
                signed.size(), new Stats(gaps), firstAfter, used, appended, (int) late, maxLate, new Stats(took), verification);
    }

    /** One transaction of {@value #BATCH} entries; returns the time written into their {@code queued_at}. */
    private static Instant queue(Connection c, byte[][] entries, int t, String kind) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement insert = c.prepareStatement("insert into ledger_pending (ref, kind, entry, queued_at) values (?, ?, ?, ?)")) {
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            for (int i = t * BATCH; i < (t + 1) * BATCH; i++) {
                insert.setString(1, kind + ":" + i);
                insert.setString(2, kind);
                insert.setBytes(3, entries[i]);
                insert.setObject(4, at);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        c.commit();
        return now;
    }

    private static List<Future<?>> snapshot(List<Future<?>> done) {
        synchronized (done) {
            return new ArrayList<>(done);
        }
    }

    private static Sample sample(Connection monitor, long nanos) throws SQLException {
        try (Statement st = monitor.createStatement();
                ResultSet rs = st.executeQuery("select (select size from ledger_state), (select count(*) from ledger_pending)")) {
            rs.next();
            return new Sample(nanos, rs.getLong(1), rs.getLong(2));
        }
    }

    /** The ledger's size at the last sample taken at or before {@code nanos}. */
    private static long sizeAt(List<Sample> samples, long nanos) {
        long size = samples.getFirst().size();
        for (Sample s : samples) {
            if (s.nanos() <= nanos) {
                size = s.size();
            }
        }
        return size;
    }

    /** When the last sample taken at or before {@code nanos} was taken. */
    private static long sampleTime(List<Sample> samples, long nanos) {
        long at = samples.getFirst().nanos();
        for (Sample s : samples) {
            if (s.nanos() <= nanos) {
                at = s.nanos();
            }
        }
        return at;
    }

    private static void awaitCheckpoint(Connection monitor, long size, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement st = monitor.createStatement(); ResultSet rs = st.executeQuery("select coalesce(max(size), 0) from ledger_checkpoint")) {
                rs.next();
                if (rs.getLong(1) >= size) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no checkpoint of the ledger's " + size + " entries within " + timeout);
    }

    /** Queue-to-integration time of every entry the driver queued. */
    private static Stats lag(Connection monitor, Instant[] queuedAt, String kind) throws SQLException {
        List<Long> lags = new ArrayList<>();
        try (PreparedStatement st = monitor.prepareStatement("select ref, integrated_at from ledger_entry where kind = ?")) {
            st.setString(1, kind);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int t = Integer.parseInt(rs.getString(1).substring(kind.length() + 1)) / BATCH;
                    Instant integrated = rs.getObject(2, OffsetDateTime.class).toInstant();
                    lags.add(Duration.between(queuedAt[t], integrated).toNanos());
                }
            }
        }
        return new Stats(lags.stream().mapToLong(Long::longValue).toArray());
    }

    private static List<Instant> checkpointTimes(Connection monitor, Instant from, Instant to) throws SQLException {
        List<Instant> times = new ArrayList<>();
        try (PreparedStatement st = monitor.prepareStatement("select signed_at from ledger_checkpoint where signed_at >= ? and signed_at <= ? order by size")) {
            st.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            st.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    times.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
        }
        return times;
    }

    /**
     * The outsider's check: each signed checkpoint verifies against the published ledger key, and the
     * entries read in index order, from 0 with no gap, give each checkpoint's root at its size.
     */
    private static Verification verify(Connection monitor, String baseUrl, String kind) throws Exception {
        HttpResponse<String> description = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/.well-known/comity-node.json"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = Api.JSON.readTree(Api.expect(description, 200, "GET /.well-known/comity-node.json")).get("nodes").get(0);
        String vkey = node.get("ledger").asString();
        NoteVerifier ledgerKey = NoteVerifier.parse(vkey);
        LogPolicy policy = LogPolicy.of(ledgerKey.name(), ledgerKey); // the key's name is the ledger's origin
        List<SignedCheckpoint> checkpoints = new ArrayList<>();
        try (Statement st = monitor.createStatement(); ResultSet rs = st.executeQuery("select note from ledger_checkpoint order by size")) {
            while (rs.next()) {
                SignedCheckpoint c = SignedCheckpoint.parse(rs.getString(1));
                try {
                    c.verify(policy);
                } catch (CheckpointRejected e) {
                    throw new IllegalStateException("checkpoint of size " + c.checkpoint().size() + " does not verify: " + e.getMessage(), e);
                }
                checkpoints.add(c);
            }
        }
        if (checkpoints.isEmpty()) {
            throw new IllegalStateException("the node signed no checkpoint");
        }
        RootBuilder builder = RootBuilder.empty();
        boolean noGap = true;
        boolean rootsMatch = true;
        long benchEntries = 0;
        int next = 0;
        long last = checkpoints.getLast().checkpoint().size();
        monitor.setAutoCommit(false); // so the driver streams the entries rather than loading them all
        try (PreparedStatement st = monitor.prepareStatement("select idx, kind, entry from ledger_entry where idx < ? order by idx")) {
            st.setFetchSize(5_000);
            st.setLong(1, last);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    noGap &= rs.getLong(1) == builder.size();
                    benchEntries += rs.getString(2).equals(kind) ? 1 : 0;
                    builder.appendEntry(rs.getBytes(3));
                    while (next < checkpoints.size() && checkpoints.get(next).checkpoint().size() == builder.size()) {
                        rootsMatch &= Arrays.equals(builder.root(), checkpoints.get(next).checkpoint().rootHash());
                        next++;
                    }
                }
            }
        } finally {
            monitor.commit();
            monitor.setAutoCommit(true);
        }
        rootsMatch &= next == checkpoints.size() && builder.size() == last;
        System.out.printf(Locale.ROOT, "  verified: %d checkpoints against %s; entries 0..%,d in order with no gap: %s; every root recomputed: %s%n",
                checkpoints.size(), vkey, last - 1, noGap, rootsMatch);
        return new Verification(vkey, last, next, benchEntries, noGap, rootsMatch);
    }
}
