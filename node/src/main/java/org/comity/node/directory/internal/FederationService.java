package org.comity.node.directory.internal;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.comity.custody.trust.TrustList;
import org.comity.custody.trust.TrustListRejected;
import org.comity.custody.trust.TrustLists;
import org.comity.node.directory.Federation;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Role;
import org.comity.node.platform.Sql;
import static org.comity.node.platform.Sql.ts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the trust list in force (in PostgreSQL, cached in memory) and accepts newer ones. */
@Service
class FederationService implements Federation {

    private final JdbcClient jdbc;
    private final DirectoryStore directory;
    private final String localNode;
    private final AuditTrail audit;
    private final Clock clock;
    private final List<OctetKeyPair> directoryKeys;
    private final AtomicReference<Optional<TrustList>> cache = new AtomicReference<>();

    FederationService(JdbcClient jdbc, DirectoryStore directory, AuditTrail audit, Clock clock, ComityProperties properties) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.localNode = properties.node().id();
        this.audit = audit;
        this.clock = clock;
        this.directoryKeys = directoryKeys(properties.exchange());
    }

    /** The configured directory keys; a key that does not parse stops the node, naming the setting. */
    static List<OctetKeyPair> directoryKeys(ComityProperties.Exchange exchange) {
        List<OctetKeyPair> keys = new ArrayList<>();
        try {
            for (String json : exchange.directoryKeys()) {
                keys.add(OctetKeyPair.parse(json).toPublicJWK());
            }
            if (exchange.directoryKeyFile() != null) {
                for (var jwk : JWKSet.parse(Files.readString(exchange.directoryKeyFile())).getKeys()) {
                    keys.add(((OctetKeyPair) jwk).toPublicJWK());
                }
            }
        } catch (ParseException | IOException | ClassCastException e) {
            throw new IllegalStateException("comity.exchange.directory-keys / directory-key-file: not Ed25519 public JWKs: " + e.getMessage(), e);
        }
        return List.copyOf(keys);
    }

    @Override
    public Optional<TrustList> inForce() {
        Optional<TrustList> held = cache.get();
        if (held == null) {
            held = jdbc.sql("select signed from trust_list order by serial desc limit 1").query(String.class).optional().map(this::reopen);
            cache.set(held);
        }
        return held;
    }

    private TrustList reopen(String signed) {
        try {
            return TrustLists.open(signed, directoryKeys, 0);
        } catch (TrustListRejected e) {
            // The directory keys changed since the list was accepted: the node trusts no list until a new one arrives.
            return null;
        }
    }

    @Override
    public Optional<Peer> peer(String nodeId) {
        java.time.Instant now = clock.instant();
        return inForce().flatMap(list -> list.node(nodeId)).flatMap(node -> node.keys().stream()
                .filter(k -> k.use().equals("enc") && k.validAt(now))
                .max(java.util.Comparator.comparing(TrustList.NodeKey::notBefore))
                .map(k -> {
                    try {
                        return new Peer(node.id(), node.endpoint(), com.nimbusds.jose.jwk.ECKey.parse(k.jwk()));
                    } catch (ParseException e) {
                        throw new IllegalStateException("the trust list holds an encryption key that does not parse: " + k.kid(), e);
                    }
                }));
    }

    @Override
    @Transactional(noRollbackFor = ComityException.class)
    public TrustList accept(Actor actor, String signed) {
        if (!actor.has(Role.ADMIN)) {
            throw ComityException.forbidden("Only administrators install trust lists.");
        }
        Sql.lockForTransaction(jdbc, "comity.trust_list");
        long held = jdbc.sql("select coalesce(max(serial), 0) from trust_list").query(Long.class).single();
        TrustList list;
        try {
            if (directoryKeys.isEmpty()) {
                throw new TrustListRejected(TrustListRejected.Reason.UNKNOWN_DIRECTORY_KEY, "this node has no directory key configured");
            }
            list = TrustLists.open(signed, directoryKeys, held);
        } catch (TrustListRejected e) {
            audit.record(actor, "trust-list.accept", "trust-list", null, AuditTrail.Outcome.DENIED,
                    Map.of("reason", e.reason().name(), "held", held));
            throw ComityException.invalid("The trust list was refused: " + e.getMessage(),
                    List.of(FieldProblem.of("trustList", e.reason().name().toLowerCase().replace('_', '-'), e.getMessage())));
        }
        jdbc.sql("insert into trust_list (serial, issuer, issued_at, signed, accepted_at, accepted_by) values (?, ?, ?, ?, ?, ?)")
                .params(list.serial(), list.issuer(), ts(list.issuedAt()), signed.strip(), ts(clock.instant()), actor.username())
                .update();
        directory.importTrustList(list, localNode, clock.instant());
        audit.success(actor, "trust-list.accept", "trust-list", list.serial(),
                Map.of("issuer", list.issuer(), "nodes", list.nodes().size(), "previous", held));
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        cache.set(null); // the next reader loads the new list
                    }
                });
        return list;
    }
}
