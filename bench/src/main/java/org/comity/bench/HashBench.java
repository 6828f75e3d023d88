package org.comity.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.comity.custody.checkpoint.Checkpoint;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.event.Actor;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.event.Tool;
import org.comity.custody.keys.Sha256;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.manifest.Acquisition;
import org.comity.custody.manifest.AuthorityRef;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.LedgerRef;
import org.comity.custody.manifest.NodeRef;
import org.comity.custody.manifest.Producer;
import org.comity.custody.manifest.RequestRef;
import org.comity.custody.manifest.WitnessPolicy;
import org.comity.custody.merkle.MemoryLog;
import org.comity.custody.pkg.ByteSource;
import org.comity.custody.pkg.EvidencePackageWriter;
import org.comity.custody.pkg.ItemSource;
import org.comity.custody.pkg.LedgerExcerpt;
import org.comity.custody.pkg.PackageContents;
import org.comity.custody.pkg.PackageLedger;

/**
 * {@code ./comity bench hash}: issue 4, target 1, hashing an ingest at no less than 0.85 times the
 * speed of {@code openssl dgst -sha256} on the same file. A file of random bytes is written, read
 * once so that it sits in the page cache (every reader then hashes from memory: the comparison is
 * of the hashing, not of the disk), and hashed in turn, {@code runs} times each, by:
 *
 * <ol>
 *   <li>the reference, {@code openssl dgst -sha256 FILE}, a process timed from start to exit;
 *   <li>the JDK's SHA-256 in this JVM, the file read through a {@link FileChannel} into a 1 MiB heap
 *       buffer (the target's row: the node's streams hand the digest heap arrays);
 *   <li>the same into a 1 MiB direct buffer;
 *   <li>custody's own copy-and-hash: {@link EvidencePackageWriter} writing a one-item package of the
 *       file (SHA-256 and CRC-32 over each 1 MiB read, the bytes copied into the ZIP) into a channel
 *       that discards them, so no disk write is measured.
 * </ol>
 *
 * And, to tell the hash function from the reading, two rows without I/O: {@code openssl speed} over
 * 1 MiB blocks, and the JDK's SHA-256 over a 1 MiB array as many times as the file has MiB. Every
 * file reader must arrive at openssl's digest. The JIT is warmed first on a smaller file.
 *
 * <p>Each reader's speed is given twice: by wall time, what a user waits for, and per second of the
 * CPU it used (this thread's user and system time; openssl's from bash's {@code times}), which other
 * load on a shared machine disturbs much less.
 */
final class HashBench {

    /** One way of hashing the file, timed; compared with {@code reference} in the same round (none for a reference). */
    record Method(String name, Method reference) {
        boolean inMemory() {
            return this == OPENSSL_SPEED || this == JDK_MEMORY;
        }
    }

    /** @param cpuNanos the CPU time (user and system) the reader used: this thread's, or the openssl process's */
    record Run(Method method, long nanos, long cpuNanos, String sha256) {}

    record Result(long bytes, int runs, Map<Method, List<Run>> byMethod, String cache, String openssl) {
        List<Run> runs(Method m) {
            return byMethod.get(m);
        }
    }

    static final Method OPENSSL = new Method("openssl dgst -sha256 FILE (a process, start to exit)", null);
    static final Method JDK_HEAP = new Method("JDK MessageDigest, FileChannel, 1 MiB heap buffer", OPENSSL);
    static final Method JDK_DIRECT = new Method("JDK MessageDigest, FileChannel, 1 MiB direct buffer", OPENSSL);
    static final Method PACKAGE = new Method("custody EvidencePackageWriter: SHA-256 + CRC-32 + copy into the ZIP (discarded)", OPENSSL);
    static final Method OPENSSL_SPEED = new Method("context, no I/O: openssl speed -elapsed -evp sha256 -bytes 1048576", null);
    static final Method JDK_MEMORY = new Method("context, no I/O: JDK MessageDigest over a 1 MiB array", OPENSSL_SPEED);
    static final List<Method> METHODS = List.of(OPENSSL, JDK_HEAP, JDK_DIRECT, PACKAGE, OPENSSL_SPEED, JDK_MEMORY);

    private static final int BUFFER = 1 << 20;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final long WARM_UP_BYTES = 64L << 20;

    private final Path work;
    private final long size;
    private final int runs;

    HashBench(Path work, long size, int runs) {
        this.work = work;
        this.size = size;
        this.runs = runs;
    }

    Result run() throws Exception {
        StartupBench.deleteTree(work);
        Files.createDirectories(work);
        Path file = work.resolve("ingest.bin");
        Path small = work.resolve("warm-up.bin");
        try {
            String openssl = exec(List.of("openssl", "version")).strip();
            writeRandom(small, Math.min(WARM_UP_BYTES, size), 1);
            System.out.printf("hash: warming up on %d MiB%n", Math.min(WARM_UP_BYTES, size) >> 20);
            for (int i = 0; i < 5; i++) {
                for (Method m : METHODS) {
                    hash(m, small);
                }
            }
            System.out.printf("hash: writing %,d random bytes to %s%n", size, file);
            writeRandom(file, size, 2);
            String cache = warmPageCache(file);
            Map<Method, List<Run>> byMethod = new LinkedHashMap<>();
            METHODS.forEach(m -> byMethod.put(m, new ArrayList<>()));
            for (int run = 0; run < runs; run++) {
                // Each round starts with a different method, so none always follows the same one.
                for (int k = 0; k < METHODS.size(); k++) {
                    Method m = METHODS.get((run + k) % METHODS.size());
                    Run r = hash(m, file);
                    byMethod.get(m).add(r);
                    System.out.printf("  run %d  %-85s %,8.0f MB/s%n", run + 1, m.name(), mbPerSecond(size, r.nanos()));
                }
            }
            String expected = byMethod.get(OPENSSL).getFirst().sha256();
            byMethod.values().stream().flatMap(List::stream).filter(r -> !r.method().inMemory() && !r.sha256().equals(expected)).findFirst().ifPresent(r -> {
                throw new IllegalStateException(r.method().name() + " computed " + r.sha256() + ", openssl " + expected);
            });
            return new Result(size, runs, byMethod, cache, openssl);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(small);
        }
    }

    static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    /** The median of each round's ratio of {@code m}'s speed to its reference's in the same round. */
    static double medianRatio(Result r, Method m) {
        double[] ratios = ratios(r, m);
        return ratios[(ratios.length - 1) / 2] / 2 + ratios[ratios.length / 2] / 2;
    }

    /** Each round's ratio of {@code m}'s speed to its reference's, sorted. */
    static double[] ratios(Result r, Method m) {
        double[] ratios = new double[r.runs()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (double) r.runs(m.reference()).get(i).nanos() / r.runs(m).get(i).nanos();
        }
        Arrays.sort(ratios);
        return ratios;
    }

    static double medianSpeed(Result r, Method m) {
        return median(r.runs(m).stream().mapToDouble(run -> mbPerSecond(r.bytes(), run.nanos())).toArray());
    }

    /** Megabytes hashed per second of CPU the reader used: what the code achieves on one core, whatever else runs on the machine. */
    static double medianCpuSpeed(Result r, Method m) {
        return median(r.runs(m).stream().mapToDouble(run -> mbPerSecond(r.bytes(), run.cpuNanos())).toArray());
    }

    /** As {@link #medianRatio}, by CPU time. */
    static double medianCpuRatio(Result r, Method m) {
        double[] ratios = new double[r.runs()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (double) r.runs(m.reference()).get(i).cpuNanos() / r.runs(m).get(i).cpuNanos();
        }
        return median(ratios);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2] / 2 + sorted[sorted.length / 2] / 2;
    }

    private Run hash(Method m, Path file) throws Exception {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        String sha256;
        if (m == OPENSSL) {
            // bash's times: the shell's own CPU, then its children's (user, system), to 10 ms.
            String[] out = exec(List.of("bash", "-c", "openssl dgst -sha256 \"$1\"; times", "bash", file.toString())).strip().split("\n");
            long nanos = System.nanoTime() - start;
            String digest = out[0];
            return new Run(m, nanos, childCpuNanos(out[out.length - 1]), digest.substring(digest.lastIndexOf(' ') + 1).strip());
        } else if (m == JDK_HEAP) {
            sha256 = jdk(file, ByteBuffer.allocate(BUFFER));
        } else if (m == JDK_DIRECT) {
            sha256 = jdk(file, ByteBuffer.allocateDirect(BUFFER));
        } else if (m == PACKAGE) {
            sha256 = packaged(file);
        } else if (m == JDK_MEMORY) {
            sha256 = inMemory(Files.size(file));
        } else {
            // openssl runs for a second and reports its own rate, by wall time with -elapsed and by user CPU time without.
            long size = Files.size(file);
            return new Run(m, Math.round(size / opensslSpeed(true) * 1e9), Math.round(size / opensslSpeed(false) * 1e9), "");
        }
        return new Run(m, System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpuStart, sha256);
    }

    /** Bytes per second from {@code openssl speed} over 1 MiB blocks. */
    private static double opensslSpeed(boolean elapsed) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "speed"));
        if (elapsed) {
            command.add("-elapsed");
        }
        command.addAll(List.of("-evp", "sha256", "-bytes", Integer.toString(BUFFER), "-seconds", "1"));
        String[] last = exec(command).strip().lines().reduce((a, b) -> b).orElseThrow().trim().split("\\s+");
        return Double.parseDouble(last[last.length - 1].replaceFirst("k$", "")) * 1000;
    }

    /** The children's user and system time from a line of bash's {@code times}: {@code 0m0.750s 0m0.230s}. */
    static long childCpuNanos(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)m([\\d.]+)s").matcher(line);
        double seconds = 0;
        int found = 0;
        while (m.find()) {
            seconds += Long.parseLong(m.group(1)) * 60 + Double.parseDouble(m.group(2));
            found++;
        }
        if (found != 2) {
            throw new IllegalStateException("not a line of bash's times: " + line);
        }
        return Math.round(seconds * 1e9);
    }

    /** SHA-256 over {@code size} bytes of one 1 MiB array already in memory: the hash alone, without reading. */
    private static String inMemory(long size) {
        byte[] block = new byte[BUFFER];
        new SplittableRandom(3).nextBytes(block);
        MessageDigest sha = Sha256.digest();
        for (long done = 0; done < size; done += BUFFER) {
            sha.update(block, 0, (int) Math.min(BUFFER, size - done));
        }
        return Sha256.hex(sha);
    }

    private static String jdk(Path file, ByteBuffer buffer) throws IOException {
        MessageDigest sha = Sha256.digest();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer.clear()) >= 0) {
                sha.update(buffer.flip());
            }
        }
        return Sha256.hex(sha);
    }

    /** Writes a package holding the file as its one item and returns the item's SHA-256 from the manifest. */
    private static String packaged(Path file) throws IOException {
        PackageContents contents = OnePackage.of(file);
        EvidenceManifest manifest = EvidencePackageWriter.write(contents, OnePackage.NODE_KEY, new DiscardingChannel(), p -> {});
        return manifest.items().getFirst().sha256();
    }

    /** Reads the file once so both openssl and the JVM hash it from the page cache; says how long that took. */
    private static String warmPageCache(Path file) throws IOException {
        long available = memAvailable();
        long start = System.nanoTime();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer.clear()) >= 0) {
                // Reading is the point.
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String note = String.format(java.util.Locale.ROOT, "file read once before the runs (%.1f s) so that every reader hashes from the page cache; "
                + "caches not dropped; %,d MiB available to the cache", seconds, available >> 20);
        if (available > 0 && available < Files.size(file) * 2) {
            note += " (less than twice the file: some reads may have gone to disk)";
        }
        System.out.println("hash: " + note);
        return note;
    }

    private static long memAvailable() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // Unknown.
        }
        return -1;
    }

    private static void writeRandom(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[BUFFER];
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (long written = 0; written < size; ) {
                random.nextBytes(chunk);
                ByteBuffer b = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, size - written));
                while (b.hasRemaining()) {
                    written += out.write(b);
                }
            }
        }
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * The smallest package the writer accepts around one file: one custody event (its acquisition) in a
     * one-entry ledger with a signed checkpoint, no witnesses. Everything but the item is a few KiB.
     */
    private static final class OnePackage {

        static final SigningKey NODE_KEY = SigningKey.generate();
        private static final String ORIGIN = "xa.comity.example/comity/ledger";
        private static final NoteSigner LEDGER = NoteSigner.generate(ORIGIN);
        private static final Instant AT = Instant.parse("2026-11-02T09:15:00Z");

        static PackageContents of(Path file) {
            UUID exhibit = UUID.fromString("c0ffee00-1234-4abc-9def-0123456789ab");
            Actor examiner = Actor.of("Insp. Ana Ferreira", "examiner", UUID.fromString("5e0d2f0a-6f8e-4c61-9d7e-2b1a3f4c5d6e"),
                    "Aurelia Cybercrime Unit");
            Tool tool = new Tool("FTK Imager", "4.7.1");
            CustodyEvent acquired = CustodyEvent.builder(UUID.fromString("0196a3b2-0000-7000-8000-000000000001"), exhibit, CustodyAction.ACQUIRE)
                    .actor(examiner).tool(tool).node("XA", "XA").at(AT).reason("Disk image of the seized laptop").build();
            MemoryLog log = MemoryLog.empty();
            LoggedEvent logged = new LoggedEvent(ORIGIN, log.append(acquired.canonicalBytes()), acquired);
            SignedCheckpoint checkpoint = SignedCheckpoint.sign(Checkpoint.of(ORIGIN, log.size(), log.root()), LEDGER);
            Producer producer = new Producer(ORIGIN, NODE_KEY.publicJwk());
            LedgerRef ledger = new LedgerRef(ORIGIN, LEDGER.verifier(), new NodeRef("XA", "Aurelia central authority node", "XA"), WitnessPolicy.none());
            RequestRef request = new RequestRef(UUID.fromString("0196a3b2-7c10-7d2e-8f3a-4b5c6d7e8f90"), "XB-2026-0412",
                    "Budapest Convention Art. 31", new AuthorityRef("Borealis Public Prosecutor's Office", "XB"),
                    new AuthorityRef("Aurelia Ministry of Justice", "XA"));
            ItemSource item = ItemSource.included(exhibit, "Image of the suspect's laptop disk", "laptop.img", "application/octet-stream",
                    new Acquisition(tool, "Insp. Ana Ferreira", "Laptop, serial 5CD1234XYZ", "physical image", AT), ByteSource.ofFile(file));
            return new PackageContents(UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"), AT.plusSeconds(3600), producer, request, List.of(item),
                    List.of(new PackageLedger(ledger, LedgerExcerpt.prove(log, List.of(logged), List.of(checkpoint)))));
        }
    }

    /** A seekable channel that keeps nothing: the package writer's output when only its reading and hashing are measured. */
    private static final class DiscardingChannel implements SeekableByteChannel {
        private long position;
        private long size;
        private boolean open = true;

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException("nothing is kept to read");
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            position += n;
            size = Math.max(size, position);
            return n;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long newSize) {
            size = Math.min(size, newSize);
            return this;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
