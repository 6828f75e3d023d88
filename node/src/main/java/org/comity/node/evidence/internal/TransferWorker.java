package org.comity.node.evidence.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves evidence transfers on: offers what is ready to its peer, and pulls what was offered here.
 * Work is claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so instances sharing a database
 * never work on one transfer at once, and a stopped instance's work is picked up again.
 */
@Component
class TransferWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TransferWorker.class);

    private final TransferStore store;
    private final TransferService transfers;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);
    private volatile boolean running;
    private volatile Thread thread;

    TransferWorker(TransferStore store, TransferService transfers, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.transfers = transfers;
        this.tx = tx;
        this.clock = clock;
    }

    void wake() {
        wake.release();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("comity-transfers").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
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
        while (running) {
            try {
                boolean busy = round();
                if (!busy) {
                    wake.tryAcquire(1, java.util.concurrent.TimeUnit.SECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("The transfer worker failed; it tries again in a second", e);
            }
        }
    }

    /** One pass over offers to make and transfers to fetch; true when something moved. */
    boolean round() throws InterruptedException {
        boolean moved = false;
        for (UUID id : claim(TransferStore.Status.OFFERING)) {
            try {
                if (transfers.offer(id)) {
                    moved = true;
                } else {
                    tx.executeWithoutResult(s -> store.status(id, TransferStore.Direction.OUT, TransferStore.Status.OFFERING, null, clock.instant()));
                }
            } catch (java.io.IOException | RuntimeException e) {
                transfers.failed(id, TransferStore.Direction.OUT, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        for (UUID id : claim(TransferStore.Status.FETCHING)) {
            try {
                transfers.fetch(id);
                moved = true;
            } catch (java.io.IOException | RuntimeException e) {
                if (!running) {
                    return moved;
                }
                transfers.failed(id, TransferStore.Direction.IN, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        return moved;
    }

    private List<UUID> claim(TransferStore.Status status) {
        List<UUID> claimed = tx.execute(s -> store.claim(status, clock.instant(), 8));
        return claimed == null ? List.of() : claimed;
    }
}
