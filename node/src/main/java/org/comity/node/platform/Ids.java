package org.comity.node.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered identifiers (UUIDv7, RFC 9562 section 5.7): sortable by creation time, so index pages
 * stay warm, and unguessable in their 62 random bits.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Sequence PROCESS = new Sequence();

    private Ids() {}

    public static UUID newId() {
        return PROCESS.next(Clock.systemUTC());
    }

    public static UUID newId(Clock clock) {
        return PROCESS.next(clock);
    }

    /**
     * Hands out strictly increasing ids: the 12-bit counter (RFC 9562 method 1) orders ids made in the
     * same millisecond, and a clock that steps back never makes an id sort before an earlier one.
     */
    static final class Sequence {
        // Last (millis << 12 | counter) handed out.
        private final AtomicLong last = new AtomicLong();

        UUID next(Clock clock) {
            long millis = clock.millis();
            long stamp = last.updateAndGet(previous -> Math.max(previous + 1, millis << 12));
            long msb = ((stamp >>> 12) << 16) | 0x7000L | (stamp & 0xFFFL);
            long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb);
        }
    }
}
