package org.comity.node.ledger.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.comity.custody.checkpoint.Checkpoint;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.merkle.TreeHash;
import org.comity.node.platform.ComityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives queued entries their place in the ledger and signs checkpoints. One transaction holds the
 * ledger's state row while it integrates a batch, so instances sharing the database take turns and
 * indexes follow one order with no gap. A checkpoint is signed at the configured cadence whenever
 * the ledger grew since the last one.
 */
@Component
class Sequencer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sequencer.class);
    static final int BATCH = 2_000;

    private final LedgerStore store;
    private final LedgerKey key;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration checkpointInterval;
    private final Semaphore wake = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    Sequencer(LedgerStore store, LedgerKey key, TransactionTemplate tx, Clock clock, ComityProperties properties) {
        this.store = store;
        this.key = key;
        this.tx = tx;
        this.clock = clock;
        this.checkpointInterval = properties.ledger().checkpointInterval();
    }

    /** After a transaction that queued entries commits: integrate now rather than at the next tick. */
    void wake() {
        wake.release();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("comity-ledger").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        // Checkpoints keep a fixed rate: each is due one interval after the previous one was due, not after it
        // finished, so the time spent signing and integrating does not stretch every gap.
        long due = System.nanoTime();
        while (running) {
            try {
                int integrated = integrate();
                long now = System.nanoTime();
                if (now - due >= 0) {
                    checkpoint();
                    due += checkpointInterval.toNanos();
                    if (System.nanoTime() - due > checkpointInterval.toNanos()) {
                        due = System.nanoTime(); // far behind (a pause): start the rate again rather than sign a burst
                    }
                }
                if (integrated < BATCH) {
                    long untilCheckpoint = due - System.nanoTime();
                    wake.tryAcquire(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(untilCheckpoint), 250)), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("The ledger's sequencer failed; it tries again in a second", e);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Integrates one batch of queued entries; returns how many. */
    int integrate() {
        Integer n = tx.execute(status -> {
            long size = store.lockSize();
            List<LedgerStore.Pending> pending = store.pending(BATCH);
            if (!pending.isEmpty()) {
                store.integrate(size, pending, clock.instant());
            }
            return pending.size();
        });
        return n == null ? 0 : n;
    }

    /** Signs a checkpoint of the integrated ledger if it grew since the last one; returns its size. */
    long checkpoint() {
        Long signed = tx.execute(status -> {
            long size = store.lockSize();
            long last = store.latestCheckpoint().map(LedgerStore.StoredCheckpoint::size).orElse(-1L);
            if (size == last || size == 0) {
                return last;
            }
            Instant now = clock.instant();
            byte[] root = TreeHash.root(store.source(size), size);
            SignedCheckpoint checkpoint = SignedCheckpoint.sign(Checkpoint.of(key.origin(), size, root), key.signer());
            store.insertCheckpoint(size, root, checkpoint.format(), now);
            return size;
        });
        return signed == null ? -1 : signed;
    }
}
