package org.comity.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.comity.custody.checkpoint.Checkpoint;
import org.comity.custody.checkpoint.CheckpointRejected;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.VerifiedCheckpoint;
import org.comity.custody.merkle.MemoryLog;
import org.comity.custody.merkle.RootBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4, target 2: a verifier holding a whole ledger (its entries in order) and a signed
 * checkpoint re-verifies it in under 5 s for 1,000,000 custody events, on one core. Each operation
 * is one full verification: the checkpoint's text is parsed and its signature checked against the
 * ledger's key, every entry is streamed through {@link RootBuilder}, and the recomputed root and size
 * must be the checkpoint's. The log (realistic custody events from {@link SyntheticCustody}, held as
 * their canonical bytes) and the checkpoint are built once per fork, outside the measurement.
 *
 * <p>One thread, the serial collector, single-shot: one iteration is one verification. Run it under
 * {@code taskset -c 0} to hold the forked JVM, compiler and collector threads included, to one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseSerialGC"})
public class LedgerVerifyBenchmark {

    static final String ORIGIN = "xa.comity.example/comity/ledger";

    @Param("1000000")
    public int entries;

    private List<byte[]> log;
    private String signedCheckpoint;
    private LogPolicy policy;

    @Setup(Level.Trial)
    public void buildLedger() {
        SyntheticCustody events = new SyntheticCustody(20261102);
        MemoryLog memory = MemoryLog.empty();
        log = new ArrayList<>(entries);
        long bytes = 0;
        for (int i = 0; i < entries; i++) {
            byte[] entry = events.nextEntry();
            memory.append(entry);
            log.add(entry);
            bytes += entry.length;
        }
        NoteSigner ledgerKey = NoteSigner.generate(ORIGIN);
        signedCheckpoint = SignedCheckpoint.sign(Checkpoint.of(ORIGIN, memory.size(), memory.root()), ledgerKey).format();
        // The verifier knows the ledger's key as published (its vkey text), not the signer.
        policy = LogPolicy.of(ORIGIN, NoteVerifier.parse(ledgerKey.verifier().vkey()));
        System.out.printf("%n%,d entries, %,d bytes (%.0f bytes each on average)%n", entries, bytes, bytes / (double) entries);
    }

    @Benchmark
    public VerifiedCheckpoint verifyWholeLedger() throws CheckpointRejected {
        VerifiedCheckpoint verified = SignedCheckpoint.parse(signedCheckpoint).verify(policy);
        RootBuilder root = RootBuilder.empty();
        for (byte[] entry : log) {
            root.appendEntry(entry);
        }
        Checkpoint checkpoint = verified.checkpoint();
        if (root.size() != checkpoint.size() || !Arrays.equals(root.root(), checkpoint.rootHash())) {
            throw new IllegalStateException("the ledger does not match its checkpoint");
        }
        return verified;
    }
}
