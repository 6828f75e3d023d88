package org.comity.node.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PeerSlotsTest {

    @Test
    void aPeerTakesUpToItsLimitAndIsFullUntilOneIsGivenBack() {
        PeerSlots slots = new PeerSlots(2);
        assertThat(slots.idle()).isTrue();
        assertThat(slots.take("XB")).isTrue();
        assertThat(slots.full()).isEmpty();
        assertThat(slots.take("XB")).isTrue();
        assertThat(slots.take("XB")).isFalse();
        assertThat(slots.full()).containsExactly("XB");
        // Another peer is not held up by XB.
        assertThat(slots.take("XC")).isTrue();
        assertThat(slots.full()).containsExactly("XB");

        slots.release("XB");
        assertThat(slots.full()).isEmpty();
        assertThat(slots.take("XB")).isTrue();
        assertThat(slots.take("XB")).isFalse();

        slots.release("XB");
        slots.release("XB");
        slots.release("XC");
        assertThat(slots.idle()).isTrue();
    }

    @Test
    void givingBackMoreThanWasTakenDoesNotMakeRoomForMore() {
        PeerSlots slots = new PeerSlots(1);
        slots.release("XB");
        slots.release("XB");
        assertThat(slots.idle()).isTrue();
        assertThat(slots.take("XB")).isTrue();
        assertThat(slots.take("XB")).isFalse();
    }

    @Test
    void aPeerHasAtLeastOneSlot() {
        assertThatThrownBy(() -> new PeerSlots(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(60)
    void aSlotGivenBackBeforeOrDuringTheWaitEndsIt() throws Exception {
        PeerSlots slots = new PeerSlots(1);
        slots.take("XB");
        slots.release("XB");
        slots.release("XB");
        // Released before the wait: the wait returns at once, however long it could have been.
        slots.awaitRelease(Duration.ofHours(1));

        // A release from another thread ends a long wait under way.
        slots.take("XB");
        try (var pool = Executors.newSingleThreadExecutor()) {
            AtomicReference<Thread> thread = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            Future<?> waiter = pool.submit(() -> {
                thread.set(Thread.currentThread());
                started.countDown();
                slots.awaitRelease(Duration.ofHours(1));
                return null;
            });
            started.await();
            while (thread.get().getState() != Thread.State.TIMED_WAITING) {
                Thread.sleep(1);
            }
            assertThat(waiter).isNotDone();
            slots.release("XB");
            waiter.get();
        }
    }

    @Test
    void manyThreadsNeverHaveMoreBatchesInFlightToAPeerThanItsLimit() throws Exception {
        PeerSlots slots = new PeerSlots(3);
        ConcurrentHashMap<String, AtomicInteger> current = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, AtomicInteger> most = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String peer = w % 2 == 0 ? "XB" : "XC";
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        if (slots.take(peer)) {
                            int now = current.computeIfAbsent(peer, p -> new AtomicInteger()).incrementAndGet();
                            most.computeIfAbsent(peer, p -> new AtomicInteger()).accumulateAndGet(now, Math::max);
                            sent.incrementAndGet();
                            for (int hold = 0; hold < 20; hold++) {
                                Thread.yield(); // in flight a while, so that the other threads try meanwhile
                            }
                            current.get(peer).decrementAndGet();
                            slots.release(peer);
                        }
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        }
        assertThat(most.get("XB").get()).isBetween(1, 3);
        assertThat(most.get("XC").get()).isBetween(1, 3);
        assertThat(sent.get()).isPositive();
        assertThat(slots.idle()).isTrue();
    }
}
