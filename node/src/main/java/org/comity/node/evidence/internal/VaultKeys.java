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
 * so instances sharing the database agree on one set), opened once and held in memory.
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

    VaultCipher cipher() {
        VaultCipher held = cipher;
        if (held == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = tx.execute(status -> load());
                }
                held = cipher;
            }
        }
        return held;
    }

    private VaultCipher load() {
        Sql.lockForTransaction(jdbc, LOCK);
        Map<String, byte[]> sealed = jdbc.sql("select name, sealed_keyset from vault_key")
                .query((rs, n) -> Map.entry(rs.getString("name"), rs.getBytes("sealed_keyset"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (sealed.isEmpty()) {
            VaultCipher.Keysets fresh = VaultCipher.newKeysets();
            insert(CONTENT, fresh.content());
            insert(TRAILER, fresh.trailer());
            return VaultCipher.of(fresh);
        }
        if (!sealed.containsKey(CONTENT) || !sealed.containsKey(TRAILER)) {
            throw new IllegalStateException("The vault's keys are incomplete in table vault_key (" + sealed.keySet()
                    + "): restore them from a backup; evidence cannot be read without them.");
        }
        return VaultCipher.of(new VaultCipher.Keysets(open(CONTENT, sealed.get(CONTENT)), open(TRAILER, sealed.get(TRAILER))));
    }

    private void insert(String name, byte[] keyset) {
        jdbc.sql("insert into vault_key (name, sealed_keyset, created_at) values (?, ?, ?)")
                .params(name, secrets.seal(keyset, context(name)), Sql.ts(clock.instant())).update();
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
