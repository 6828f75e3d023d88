package org.comity.node.evidence.internal;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.comity.node.platform.SecretBox;
import org.comity.node.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The vault's Tink keysets, kept in PostgreSQL ({@code vault_key}) sealed by the node keystore's
 * secret box, like the node's private keys: generated on the first start (under an advisory lock,
 * so instances sharing the database agree on one set), opened and held in memory, and read again
 * every minute so that instances sharing the database learn of a rotation by another one.
 *
 * <p>Rotation ({@link #rotate}) adds a fresh key to each keyset and makes it the primary: blobs
 * written afterwards are encrypted under it; every blob written before keeps decrypting with the
 * key it was written under, which stays in the keyset (Tink tries each key of a streaming AEAD
 * keyset; the trailer's AEAD ciphertexts name theirs). Keys are never removed: evidence kept for
 * years must stay readable, and re-encrypting a vault is a migration of its own.
 */
@Component
class VaultKeys {

    static final String CONTENT = "blob-content", TRAILER = "blob-trailer";
    private static final String LOCK = "comity.vault_key";
    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final TransactionTemplate tx;
    private final Clock clock;
    private volatile VaultCipher cipher;

    VaultKeys(JdbcClient jdbc, SecretBox secrets, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.tx = tx;
        this.clock = clock;
    }

    /** The node's one cipher: the stores keep it, and it follows the keysets as they rotate. */
    VaultCipher cipher() {
        VaultCipher held = cipher;
        if (held == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = VaultCipher.of(tx.execute(status -> load()));
                }
                held = cipher;
            }
        }
        return held;
    }

    /** Reads the keysets again, so a rotation by another instance sharing the database is followed within a minute. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void refresh() {
        VaultCipher held = cipher;
        if (held != null) {
            held.use(tx.execute(status -> load()));
        }
    }

    /** Adds a fresh key to each keyset and makes it the one that encrypts; returns the keysets' keys after. */
    Map<String, VaultCipher.KeysetInfo> rotate() {
        Map<String, VaultCipher.KeysetInfo> after = tx.execute(status -> {
            VaultCipher.Keysets rotated = VaultCipher.rotate(load());
            update(CONTENT, rotated.content());
            update(TRAILER, rotated.trailer());
            return Map.of(CONTENT, VaultCipher.info(rotated.content()), TRAILER, VaultCipher.info(rotated.trailer()));
        });
        refresh();
        return after;
    }

    /** The keys of each keyset, by keyset name. */
    Map<String, VaultCipher.KeysetInfo> keys() {
        VaultCipher.Keysets keysets = tx.execute(status -> load());
        return Map.of(CONTENT, VaultCipher.info(keysets.content()), TRAILER, VaultCipher.info(keysets.trailer()));
    }

    private VaultCipher.Keysets load() {
        Sql.lockForTransaction(jdbc, LOCK);
        Map<String, byte[]> sealed = jdbc.sql("select name, sealed_keyset from vault_key")
                .query((rs, n) -> Map.entry(rs.getString("name"), rs.getBytes("sealed_keyset"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (sealed.isEmpty()) {
            VaultCipher.Keysets fresh = VaultCipher.newKeysets();
            insert(CONTENT, fresh.content());
            insert(TRAILER, fresh.trailer());
            return fresh;
        }
        if (!sealed.containsKey(CONTENT) || !sealed.containsKey(TRAILER)) {
            throw new IllegalStateException("The vault's keys are incomplete in table vault_key (" + sealed.keySet()
                    + "): restore them from a backup; evidence cannot be read without them.");
        }
        return new VaultCipher.Keysets(open(CONTENT, sealed.get(CONTENT)), open(TRAILER, sealed.get(TRAILER)));
    }

    private void insert(String name, byte[] keyset) {
        jdbc.sql("insert into vault_key (name, sealed_keyset, created_at) values (?, ?, ?)")
                .params(name, secrets.seal(keyset, context(name)), Sql.ts(clock.instant())).update();
    }

    private void update(String name, byte[] keyset) {
        jdbc.sql("update vault_key set sealed_keyset = ? where name = ?").params(secrets.seal(keyset, context(name)), name).update();
    }

    private byte[] open(String name, byte[] sealed) {
        try {
            return secrets.open(sealed, context(name));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The vault's keys do not open with this node's keystore (" + name
                    + "): was <data dir>/keys/node.p12 replaced? Evidence cannot be read without the keystore that sealed them.", e);
        }
    }

    private static String context(String name) {
        return "vault_key:" + name;
    }
}
