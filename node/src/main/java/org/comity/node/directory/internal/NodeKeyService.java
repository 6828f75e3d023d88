package org.comity.node.directory.internal;

import com.nimbusds.jose.jwk.OctetKeyPair;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.comity.custody.envelope.Keyring;
import org.comity.custody.envelope.PeerKeys;
import org.comity.custody.keys.EncryptionKey;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.trust.TrustList;
import org.comity.node.directory.Federation;
import org.comity.node.directory.NodeIdentity;
import org.comity.node.directory.NodeKeyInfo;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Role;
import org.comity.node.platform.SecretBox;
import org.comity.node.platform.Sql;
import static org.comity.node.platform.Sql.ts;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node's keys in PostgreSQL, private halves sealed by the keystore's secret box. Keys are
 * created on the first start (under an advisory lock, so instances sharing the database agree).
 */
@Service
class NodeKeyService implements NodeIdentity, SmartInitializingSingleton {

    private static final String SIG = "sig", ENC = "enc", LOCK = "comity.node_key";
    /** How long the key table is read from memory: a rotation elsewhere is seen within this, far inside any overlap. */
    private static final java.time.Duration REFRESH = java.time.Duration.ofMinutes(1);
    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final AuditTrail audit;
    private final Clock clock;
    private final Federation federation;
    private final TransactionTemplate tx;
    private final ComityProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Object> unsealed = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    /** The key table (public facts), read once a minute instead of on every envelope. */
    private record KeyRow(String kid, String use, String publicJwk, Instant notBefore, Instant notAfter) {
        boolean validAt(Instant at) {
            return !notBefore.isAfter(at) && (notAfter == null || notAfter.isAfter(at));
        }
    }

    private record Snapshot(List<KeyRow> rows, Instant readAt) {}

    NodeKeyService(JdbcClient jdbc, SecretBox secrets, AuditTrail audit, Clock clock, Federation federation, TransactionTemplate tx,
            ComityProperties properties) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        this.federation = federation;
        this.tx = tx;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        tx.executeWithoutResult(status -> {
            Sql.lockForTransaction(jdbc, LOCK);
            forget();
            if (current(SIG).isEmpty()) {
                create(clock.instant());
                forget();
            }
        });
    }

    private void create(Instant from) {
        SigningKey sign = SigningKey.generate();
        EncryptionKey enc = EncryptionKey.generate();
        insert(sign.kid(), SIG, sign.publicJwk().toJSONObject(), sign.toPrivateJson(), from);
        insert(enc.kid(), ENC, enc.publicJwk().toJSONObject(), enc.toPrivateJson(), from);
    }

    private void insert(String kid, String use, Map<String, Object> publicJwk, String privateJson, Instant from) {
        Map<String, Object> withUse = new java.util.LinkedHashMap<>(publicJwk);
        withUse.put("use", use);
        withUse.put("kid", kid);
        jdbc.sql("insert into node_key (kid, use, public_jwk, sealed_private, not_before, created_at) values (?, ?, ?::jsonb, ?, ?, ?)")
                .params(kid, use, json.writeValueAsString(withUse), secrets.seal(privateJson.getBytes(StandardCharsets.UTF_8), "node_key:" + kid),
                        ts(from), ts(clock.instant()))
                .update();
    }

    private List<KeyRow> rows() {
        Snapshot held = snapshot;
        Instant now = clock.instant();
        if (held == null || held.readAt().plus(REFRESH).isBefore(now) || held.readAt().isAfter(now)) {
            held = new Snapshot(jdbc.sql("select kid, use, public_jwk::text as jwk, not_before, not_after from node_key "
                            + "order by not_before desc, created_at desc, use")
                    .query((rs, n) -> new KeyRow(rs.getString("kid"), rs.getString("use"), rs.getString("jwk"),
                            Sql.instant(rs, "not_before"), Sql.instant(rs, "not_after")))
                    .list(), now);
            snapshot = held;
        }
        return held.rows();
    }

    private void forget() {
        snapshot = null;
    }

    private Optional<String> current(String use) {
        Instant now = clock.instant();
        return rows().stream().filter(r -> r.use().equals(use) && r.validAt(now)).map(KeyRow::kid).findFirst();
    }

    private String privateJson(String kid) {
        byte[] sealed = jdbc.sql("select sealed_private from node_key where kid = ?").param(kid).query(byte[].class).single();
        return new String(secrets.open(sealed, "node_key:" + kid), StandardCharsets.UTF_8);
    }

    /**
     * How long before a key's end it stops being preferred: a message is signed once and resent as
     * the same bytes until it is delivered (hours at most), so its key must outlive it.
     */
    static final java.time.Duration SIGNING_MARGIN = java.time.Duration.ofDays(1);

    /**
     * The key this node signs with now: the newest one the trust list in force names for this node
     * (as valid now, in the list and here) that stays valid here for a while yet. After a rotation
     * the old key so signs on, and peers can check what it signs, until the directory's next
     * edition names the new key, or until a day (half the overlap, if shorter) before the old key
     * ends. Otherwise (no list naming any of them, a node known to its peers only by pinning) the
     * newest valid one.
     */
    private Optional<String> signingKid() {
        Instant now = clock.instant();
        java.time.Duration overlap = properties.exchange().keyOverlap();
        Instant until = now.plus(overlap.dividedBy(2).compareTo(SIGNING_MARGIN) < 0 ? overlap.dividedBy(2) : SIGNING_MARGIN);
        List<KeyRow> valid = rows().stream().filter(r -> r.use().equals(SIG) && r.validAt(now)).toList();
        java.util.Set<String> published = federation.inForce().flatMap(list -> list.node(properties.node().id()))
                .map(node -> node.keys().stream().filter(k -> k.use().equals(SIG) && k.validAt(now)).map(TrustList.NodeKey::kid)
                        .collect(java.util.stream.Collectors.toUnmodifiableSet()))
                .orElse(java.util.Set.of());
        return valid.stream().filter(r -> published.contains(r.kid()) && r.validAt(until)).map(KeyRow::kid).findFirst()
                .or(() -> valid.stream().map(KeyRow::kid).findFirst());
    }

    @Override
    public SigningKey signingKey() {
        String kid = signingKid().orElseThrow(() -> new IllegalStateException("this node has no valid signing key"));
        return (SigningKey) unsealed.computeIfAbsent(kid, k -> SigningKey.fromPrivateJson(privateJson(k)));
    }

    @Override
    public Keyring keyring() {
        return kid -> {
            Instant now = clock.instant();
            boolean valid = rows().stream().anyMatch(r -> r.kid().equals(kid) && r.use().equals(ENC) && r.validAt(now));
            if (!valid) {
                return Optional.empty();
            }
            return Optional.of(((EncryptionKey) unsealed.computeIfAbsent(kid, k -> EncryptionKey.fromPrivateJson(privateJson(k)))).privateJwk());
        };
    }

    @Override
    public PeerKeys peerKeys() {
        return (kid, at) -> federation.trusted().flatMap(list -> find(list, kid, at));
    }

    private static Optional<PeerKeys.PeerKey> find(TrustList list, String kid, Instant at) {
        for (TrustList.NodeEntry node : list.nodes()) {
            for (TrustList.NodeKey key : node.keys()) {
                if (key.kid().equals(kid) && key.use().equals(SIG) && key.validAt(at)) {
                    try {
                        return Optional.of(new PeerKeys.PeerKey(node.id(), OctetKeyPair.parse(key.jwk())));
                    } catch (ParseException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Map<String, Object>> publicJwks() {
        Instant now = clock.instant();
        List<Map<String, Object>> out = new ArrayList<>();
        rows().stream().filter(r -> r.validAt(now)).sorted(java.util.Comparator.comparing(KeyRow::use))
                .forEach(r -> out.add(json.readValue(r.publicJwk(), Map.class)));
        return out;
    }

    @Override
    public List<NodeKeyInfo> keys() {
        Optional<String> sig = signingKid(), enc = current(ENC);
        return rows().stream().map(r -> new NodeKeyInfo(r.kid(), r.use(), r.notBefore(), r.notAfter(),
                sig.map(r.kid()::equals).orElse(false) || enc.map(r.kid()::equals).orElse(false))).toList();
    }

    @Override
    @Transactional
    public List<NodeKeyInfo> rotate(Actor actor) {
        if (!actor.has(Role.ADMIN)) {
            throw ComityException.forbidden("Only administrators rotate the node's keys.");
        }
        Sql.lockForTransaction(jdbc, LOCK);
        Instant now = clock.instant();
        Instant end = now.plus(properties.exchange().keyOverlap());
        List<String> retiring = jdbc.sql("select kid from node_key where not_after is null or not_after > ?").param(ts(end)).query(String.class).list();
        jdbc.sql("update node_key set not_after = ? where not_after is null or not_after > ?").params(ts(end), ts(end)).update();
        create(now);
        forget();
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        forget(); // committed or not, the next reader sees the table as it is
                    }
                });
        audit.success(actor, "node-key.rotate", "node", properties.node().id(), Map.of("retiring", retiring, "until", end.toString()));
        return keys();
    }
}
