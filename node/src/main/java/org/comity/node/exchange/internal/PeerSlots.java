package org.comity.node.exchange.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The batches in flight to each peer from this instance, at most {@code perPeer} at a time
 * ({@code comity.exchange.batches-per-peer}). A peer at its limit is left out when messages are
 * claimed, so what falls due for it meanwhile waits and goes in its next, larger batch; the
 * delivery worker, finding nothing else to do, waits for a slot to be given back.
 */
final class PeerSlots {

    private final int perPeer;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final Semaphore freed = new Semaphore(0);

    PeerSlots(int perPeer) {
        if (perPeer < 1) {
            throw new IllegalArgumentException("at least one batch in flight per peer, not " + perPeer);
        }
        this.perPeer = perPeer;
    }

    /** One more batch in flight to the peer, if it has room for one. */
    boolean take(String peer) {
        boolean[] taken = {false};
        inFlight.compute(peer, (p, n) -> {
            int current = n == null ? 0 : n;
            if (current >= perPeer) {
                return n;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    /** A batch to the peer was answered (or failed): room for the next, and the worker is woken. */
    void release(String peer) {
        inFlight.computeIfPresent(peer, (p, n) -> n > 1 ? n - 1 : null);
        freed.release();
    }

    /** The peers with no room for another batch now. */
    Set<String> full() {
        return inFlight.entrySet().stream().filter(e -> e.getValue() >= perPeer).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** No batch in flight to any peer. */
    boolean idle() {
        return inFlight.isEmpty();
    }

    /** Waits until a slot is given back (one given back since the last wait counts), or at most {@code max}. */
    void awaitRelease(Duration max) throws InterruptedException {
        freed.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS);
        freed.drainPermits();
    }
}
