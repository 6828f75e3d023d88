package org.comity.node.account.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.platform.ComityProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * API tokens recently found valid in the database, so that a script's every call does not cost
 * three queries and a transaction. Keyed by the token's SHA-256, never the secret. An entry is used
 * for {@code comity.security.token-recheck} at most, never after the token expires, and only while
 * its authority is active. Every revocation or change to a user made on this instance empties it at
 * once; one made on another instance sharing the database is seen within the recheck time.
 */
@Component
class TokenCache {

    /** A bound on memory: a node has a few hundred live tokens, not this many. */
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(AccountService.TokenCheck check, Instant expiresAt, UUID authorityId, long checkedAtNanos) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Directory directory;
    private final Clock clock;
    private final Duration recheck;

    TokenCache(Directory directory, Clock clock, ComityProperties properties) {
        this.directory = directory;
        this.clock = clock;
        this.recheck = properties.security().tokenRecheck();
    }

    /** The accepted check of this token, if it is recent and still holds; null otherwise. */
    AccountService.TokenCheck recent(byte[] tokenHash) {
        String key = HexFormat.of().formatHex(tokenHash);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        boolean fresh = System.nanoTime() - entry.checkedAtNanos() < recheck.toNanos() && clock.instant().isBefore(entry.expiresAt())
                && directory.authority(entry.authorityId()).map(Authority::active).orElse(false);
        if (!fresh) {
            entries.remove(key, entry);
            return null;
        }
        return entry.check();
    }

    void remember(byte[] tokenHash, AccountService.TokenCheck check, Instant expiresAt) {
        if (check.actor() == null || recheck.isZero() || recheck.isNegative()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(HexFormat.of().formatHex(tokenHash), new Entry(check, expiresAt, check.actor().authorityId(), System.nanoTime()));
    }

    /**
     * After a revocation or a change to a user: every token is checked against the database again,
     * and once more after the change's transaction ends (a check made meanwhile saw the old rows).
     */
    void forgetAll() {
        entries.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    entries.clear();
                }
            });
        }
    }
}
