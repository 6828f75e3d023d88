package org.comity.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.comity.custody.checkpoint.Checkpoint;
import org.comity.custody.checkpoint.Cosigner;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.VerifiedCheckpoint;
import org.comity.custody.checkpoint.Witness;
import org.comity.custody.merkle.MemoryLog;
import org.comity.custody.proof.EntryProof;
import org.comity.custody.proof.EntryProofRejected;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4, target 4: an inclusion proof plus its checkpoint verifies in under 1 ms. Each operation
 * is what a verifier does with one proof it was handed: parse the tlog-proof text (UTF-8 bytes, as
 * read from a package or a file), check the checkpoint against a policy that names the ledger's key
 * and requires its one witness's cosignature (two Ed25519 verifications), and check the inclusion
 * of the custody event's bytes against the checkpoint's root.
 *
 * <p>The ledger has 1,000,000 leaves; the proofs are of {@value #PROOFS} entries at random places
 * (their paths are at most 20 hashes long), taken in turn. Only those entries are custody events: the
 * other leaves are random leaf hashes, which a proof cannot tell apart and which keep the set-up short.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseSerialGC"})
public class ProofVerifyBenchmark {

    static final int LEAVES = 1_000_000;
    static final int PROOFS = 256;

    private final byte[][] proofs = new byte[PROOFS][];
    private final byte[][] entries = new byte[PROOFS][];
    private LogPolicy policy;
    private int next;

    @Setup(Level.Trial)
    public void proveEntries() {
        SplittableRandom random = new SplittableRandom(4);
        long[] at = random.longs(PROOFS, 0, LEAVES).sorted().toArray();
        SyntheticCustody events = new SyntheticCustody(4);
        MemoryLog log = MemoryLog.empty();
        byte[] leafHash = new byte[32];
        for (int i = 0, p = 0; i < LEAVES; i++) {
            if (p < PROOFS && at[p] == i) {
                // Two random places may coincide: the entry is then proven twice.
                byte[] entry = events.nextEntry();
                log.append(entry);
                for (; p < PROOFS && at[p] == i; p++) {
                    entries[p] = entry;
                }
            } else {
                random.nextBytes(leafHash);
                log.appendLeafHash(leafHash);
            }
        }
        String origin = LedgerVerifyBenchmark.ORIGIN;
        NoteSigner ledgerKey = NoteSigner.generate(origin);
        Cosigner witness = Cosigner.generate("xb.comity.example/witness");
        Checkpoint head = Checkpoint.of(origin, log.size(), log.root());
        SignedCheckpoint cosigned = SignedCheckpoint.sign(head, ledgerKey).withCosignature(witness.cosign(head, Instant.parse("2026-11-03T10:00:00Z")));
        for (int p = 0; p < PROOFS; p++) {
            proofs[p] = EntryProof.prove(log, at[p], cosigned).format().getBytes(StandardCharsets.UTF_8);
        }
        // The verifier is configured with the published keys (vkey texts), once.
        policy = LogPolicy.of(origin, NoteVerifier.parse(ledgerKey.verifier().vkey()))
                .withWitnesses(List.of(Witness.parse(witness.witness().vkey())), 1);
    }

    @Benchmark
    public VerifiedCheckpoint parseAndVerify() throws EntryProofRejected {
        int p = next++ & (PROOFS - 1);
        return EntryProof.parse(proofs[p]).verifyEntry(entries[p], policy);
    }
}
