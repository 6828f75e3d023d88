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
    /**
     * How long the list in force and the pins are read from memory: a list installed, or a peer
     * pinned, through another instance sharing the database is seen here within this time.
     */
    static final java.time.Duration REFRESH = java.time.Duration.ofSeconds(10);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FederationService.class);
    private final AtomicReference<Held> cache = new AtomicReference<>();
    private final AtomicReference<Held> trustedCache = new AtomicReference<>();
    /** Moves on with every change made here, so that a read begun before it is not kept after it. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A list as read at a time, in a generation (empty: none installed); {@code from}, for the list
     * with the pins, is the list in force it was built on.
     */
    private record Held(Optional<TrustList> list, java.time.Instant readAt, long generation, Optional<TrustList> from) {
        boolean fresh(java.time.Instant now) {
            return !readAt.plus(REFRESH).isBefore(now) && !readAt.isAfter(now);
        }
    }

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
        return held(cache, Optional.empty(), "the trust list in force", held -> {
            // A cheap look first: the list is read and its signature checked again only when a newer one was installed.
            long newest = jdbc.sql("select coalesce(max(serial), 0) from trust_list").query(Long.class).single();
            return held != null && held.list().map(TrustList::serial).orElse(0L) == newest ? held.list() : inForceNow();
        });
    }

    @Override
    public Optional<TrustList> trusted() {
        Optional<TrustList> inForce = inForce();
        return held(trustedCache, inForce, "the pinned peers", held -> withPins(inForce));
    }

    /**
     * What {@code slot} holds, read again with {@code read} (given what is held, when it was read
     * in this generation from the same {@code from}) once it is older than {@link #REFRESH}. While
     * the database does not answer, what is held stays in force; a read begun before a change made
     * here is not kept.
     */
    private Optional<TrustList> held(AtomicReference<Held> slot, Optional<TrustList> from, String what,
            java.util.function.Function<Held, Optional<TrustList>> read) {
        Held held = slot.get();
        java.time.Instant now = clock.instant();
        long current = generation.get();
        Held same = held != null && held.generation() == current && held.from() == from ? held : null;
        if (same != null && same.fresh(now)) {
            return same.list();
        }
        Optional<TrustList> list;
        try {
            list = read.apply(same);
        } catch (org.springframework.dao.DataAccessException e) {
            if (same == null) {
                throw e;
            }
            log.warn("Could not read {} again; what is held stays in force: {}", what, e.getMessage());
            slot.compareAndSet(held, new Held(same.list(), now, current, from));
            return same.list();
        }
        if (generation.get() == current) {
            slot.set(new Held(list, now, current, from));
        }
        return list;
    }

    /** The list joined by the pins it does not name; a pin that clashes with it (an authority id, a key id) is left out. */
    private Optional<TrustList> withPins(Optional<TrustList> list) {
        TrustList result = list.orElse(null);
        for (TrustList pin : pins()) {
            String id = pin.nodes().getFirst().id();
            if (result != null && result.node(id).isPresent()) {
                continue;
            }
            try {
                result = result == null ? pin : TrustLists.merge(result.serial(), result.issuer(), result.issuedAt(), result.nextUpdate(),
                        List.of(result, pin));
            } catch (TrustListRejected e) {
                log.warn("Pinned peer {} is left out: {}", id, e.getMessage());
            }
        }
        return Optional.ofNullable(result);
    }

    private List<TrustList> pins() {
        List<TrustList> out = new ArrayList<>();
        for (String description : jdbc.sql("select description from pinned_peer order by node_id").query(String.class).list()) {
            try {
                out.add(TrustLists.parseUnsigned(description));
            } catch (TrustListRejected e) {
                // Checked when pinned; a pin this version cannot read any more is not trusted.
            }
        }
        return out;
    }

    @Override
    public List<TrustList.NodeEntry> pinned() {
        return pins().stream().map(p -> p.nodes().getFirst()).toList();
    }

    @Override
    @Transactional
    public TrustList.NodeEntry pin(Actor actor, String description, String confirmedSigningKid) {
        if (!actor.has(Role.ADMIN)) {
            throw ComityException.forbidden("Only administrators pin peers.");
        }
        Sql.lockForTransaction(jdbc, "comity.trust_list"); // one change to what this node trusts at a time, lists and pins alike
        TrustList part;
        try {
            part = TrustLists.parseUnsigned(description == null ? "" : description.strip());
        } catch (TrustListRejected e) {
            throw ComityException.invalid("Not a node description: " + e.getMessage(),
                    List.of(FieldProblem.of("description", "invalid", e.getMessage())));
        }
        if (part.nodes().size() != 1) {
            throw ComityException.invalid("A node description describes exactly one node.",
                    List.of(FieldProblem.of("description", "invalid", "Paste one node's /.well-known/comity-node.json.")));
        }
        TrustList.NodeEntry node = part.nodes().getFirst();
        if (!node.roles().isEmpty()) {
            throw ComityException.invalid("Only the directory gives a node a role such as " + TrustList.NodeEntry.STATISTICS + ".",
                    List.of(FieldProblem.of("description", "roles", "Pin the node's own description, without roles.")));
        }
        if (node.id().equals(localNode)) {
            throw ComityException.invalid("This is this node's own description.", List.of(FieldProblem.of("description", "self", "Pin another node.")));
        }
        String kid = confirmedSigningKid == null ? "" : confirmedSigningKid.strip();
        if (node.keys().stream().noneMatch(k -> k.use().equals("sig") && k.kid().equals(kid))) {
            throw ComityException.invalid("The signing key id you confirmed is not in the description.",
                    List.of(FieldProblem.of("signingKid", "mismatch", "Compare the key id with the one the peer gave you out of band.")));
        }
        if (part.authorities().stream().anyMatch(a -> !a.node().equals(node.id()))) {
            throw ComityException.invalid("A node describes only its own authorities.", List.of(FieldProblem.of("description", "invalid",
                    "The description lists authorities of other nodes.")));
        }
        Optional<TrustList> list = inForceNow();
        if (list.flatMap(l -> l.node(node.id())).isPresent()) {
            throw ComityException.invalid("The trust list already names " + node.id() + "; it is trusted as the list says.",
                    List.of(FieldProblem.of("description", "listed", "Nodes of the trust list need no pin.")));
        }
        try {
            if (list.isPresent()) {
                TrustLists.merge(list.get().serial(), list.get().issuer(), list.get().issuedAt(), null, List.of(list.get(), part));
            }
        } catch (TrustListRejected e) {
            throw ComityException.invalid("The description clashes with the trust list: " + e.getMessage(),
                    List.of(FieldProblem.of("description", "clash", e.getMessage())));
        }
        jdbc.sql("insert into pinned_peer (node_id, description, signing_kid, pinned_at, pinned_by) values (?, ?, ?, ?, ?) "
                        + "on conflict (node_id) do update set description = excluded.description, signing_kid = excluded.signing_kid, "
                        + "pinned_at = excluded.pinned_at, pinned_by = excluded.pinned_by")
                .params(node.id(), description.strip(), kid, ts(clock.instant()), actor.username()).update();
        directory.importPeer(part, localNode, clock.instant());
        audit.success(actor, "peer.pin", "node", node.id(), Map.of("endpoint", node.endpoint().toString(), "signingKid", kid));
        afterCommitForget();
        return node;
    }

    @Override
    @Transactional
    public void unpin(Actor actor, String nodeId) {
        if (!actor.has(Role.ADMIN)) {
            throw ComityException.forbidden("Only administrators unpin peers.");
        }
        Sql.lockForTransaction(jdbc, "comity.trust_list");
        Optional<String> description = jdbc.sql("delete from pinned_peer where node_id = ? returning description").param(nodeId)
                .query(String.class).optional();
        if (description.isEmpty()) {
            throw ComityException.notFound("Pinned peer");
        }
        Optional<TrustList> list = inForceNow();
        if (list.flatMap(l -> l.node(nodeId)).isEmpty()) {
            directory.deactivateNode(nodeId);
        }
        // The instruments the pin added are no longer vouched for: its states keep what the list and the other pins say.
        Optional<TrustList> rest = withPins(list);
        for (String state : statesOf(description.get())) {
            directory.setInstruments(state, rest.flatMap(l -> l.states().stream().filter(s -> s.code().equals(state)).findFirst())
                    .map(TrustList.StateEntry::instruments).orElse(null));
        }
        audit.success(actor, "peer.unpin", "node", nodeId);
        afterCommitForget();
    }

    /** The list in force as the database holds it now (not the cached one another instance may have changed): for changes, under the lock. */
    private Optional<TrustList> inForceNow() {
        return jdbc.sql("select signed from trust_list order by serial desc limit 1").query(String.class).optional().map(this::reopen);
    }

    private static List<String> statesOf(String description) {
        try {
            return TrustLists.parseUnsigned(description).states().stream().map(TrustList.StateEntry::code).toList();
        } catch (TrustListRejected e) {
            return List.of(); // checked when pinned; one this version cannot read any more added nothing it trusts
        }
    }

    private void afterCommitForget() {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        generation.incrementAndGet(); // the next reader reads the pins again
                    }
                });
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
        return trusted().flatMap(list -> list.node(nodeId)).flatMap(node -> node.keys().stream()
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
        directory.importTrustList(withPins(Optional.of(list)).orElse(list), localNode, clock.instant());
        audit.success(actor, "trust-list.accept", "trust-list", list.serial(),
                Map.of("issuer", list.issuer(), "nodes", list.nodes().size(), "previous", held));
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        generation.incrementAndGet(); // the next reader loads the new list
                    }
                });
        return list;
    }
}
