package org.comity.node.exchange.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.comity.node.platform.ComityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the federation endpoints, open to anyone without signing in, let a sender cost this node:
 * the bodies held in memory at once ({@code comity.exchange.inbound-megabytes}; beyond it the answer
 * is {@code 503 unavailable}, which a real peer sends again), how many refusals of envelopes no
 * trusted node signed are recorded and logged each minute (the rest are counted in one line), and
 * how long refusals are kept.
 */
@Component
class InboundLimits {

    private static final Logger log = LoggerFactory.getLogger(InboundLimits.class);

    private final long budget;
    private final AtomicLong held = new AtomicLong();
    private final int unverifiedPerMinute;
    private final java.time.Duration retention;
    private final TransmissionStore store;
    private final Clock clock;

    private Instant minute = Instant.EPOCH;
    private int recorded;
    private int recordedVerified;
    private int unrecorded;

    @org.springframework.beans.factory.annotation.Autowired
    InboundLimits(ComityProperties properties, TransmissionStore store, Clock clock) {
        this(properties.exchange(), store, clock);
    }

    InboundLimits(ComityProperties.Exchange settings, TransmissionStore store, Clock clock) {
        this.budget = settings.inboundMegabytes() * 1024L * 1024L;
        this.unverifiedPerMinute = settings.unverifiedRefusalsPerMinute();
        this.retention = settings.refusalRetention();
        this.store = store;
        this.clock = clock;
    }

    /** Reserves room for {@code bytes} more of a body; false, reserving nothing, when the node holds all it will. */
    boolean reserve(long bytes) {
        if (held.addAndGet(bytes) > budget) {
            held.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Bytes of bodies held now. */
    long held() {
        return held.get();
    }

    /**
     * Whether a refusal may be recorded and logged: of envelopes no trusted node's signature vouched
     * for, at most {@code comity.exchange.unverified-refusals-per-minute} each minute; of those a
     * trusted node signed (a stale or misaddressed message, which anyone holding a captured envelope
     * can replay), ten times as many. The others are counted, and the count logged when the next
     * minute's first one comes.
     */
    synchronized boolean recordRefusal(boolean verified) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        if (!now.equals(minute)) {
            if (unrecorded > 0) {
                log.warn("{} more refused envelope(s) in the minute from {} were not recorded one by one", unrecorded, minute);
            }
            minute = now;
            recorded = 0;
            recordedVerified = 0;
            unrecorded = 0;
        }
        if (verified ? recordedVerified < 10 * unverifiedPerMinute : recorded < unverifiedPerMinute) {
            if (verified) {
                recordedVerified++;
            } else {
                recorded++;
            }
            return true;
        }
        unrecorded++;
        return false;
    }

    @Scheduled(fixedDelayString = "${comity.exchange.refusal-retention-check:PT1H}", initialDelayString = "PT2M")
    void forgetOldRefusals() {
        int forgotten = store.forgetRejections(clock.instant().minus(retention));
        if (forgotten > 0) {
            log.info("Forgot {} refused envelope(s) older than {}", forgotten, retention);
        }
    }
}
