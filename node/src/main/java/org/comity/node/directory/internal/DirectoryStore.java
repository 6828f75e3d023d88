package org.comity.node.directory.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityDraft;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.directory.NodeEntry;
import org.comity.node.directory.State;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The directory's SQL. Authorities are read on every request and API call and change rarely, so
 * they are served from a snapshot of the whole table, taken again after {@link #RELOAD_AFTER} (the
 * longest another instance sharing the database waits to see a change), after any change made here
 * commits or rolls back, and never used by a transaction that changed the directory itself.
 */
@Repository
class DirectoryStore {

    static final java.time.Duration RELOAD_AFTER = java.time.Duration.ofSeconds(5);

    private static final String AUTHORITY_COLUMNS = """
            a.id, a.state_code, a.node_id, a.name, a.kind, a.email, a.phone, a.languages, a.active, a.version, n.local, a.hours
            """;

    /** Bound to a transaction that changed the directory: it reads the tables, not the snapshot. */
    private final Object changedInThisTransaction = new Object();

    private final JdbcClient jdbc;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile Snapshot snapshot;

    private record Snapshot(long generation, long takenAtNanos, List<Authority> ordered, java.util.Map<UUID, Authority> byId,
            java.util.Map<String, State> states) {}

    DirectoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Authority> authority(UUID id) {
        Snapshot current = snapshot();
        if (current != null) {
            Authority known = current.byId().get(id);
            if (known != null) {
                return Optional.of(known);
            }
        }
        // Unknown to the snapshot: perhaps added by another instance a moment ago, or not at all.
        return jdbc.sql("select " + AUTHORITY_COLUMNS + " from authority a join node n on n.id = a.node_id where a.id = ?")
                .param(id)
                .query(DirectoryStore::authority)
                .optional();
    }

    List<Authority> authorities(boolean localOnly) {
        Snapshot current = snapshot();
        List<Authority> all = current != null ? current.ordered() : loadAuthorities();
        return localOnly ? all.stream().filter(Authority::local).toList() : all;
    }

    /** The snapshot to read from, taken again when stale; null inside a transaction that changed the directory. */
    private Snapshot snapshot() {
        if (TransactionSynchronizationManager.hasResource(changedInThisTransaction)) {
            return null;
        }
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (current != null && current.generation() == generation.get() && now - current.takenAtNanos() < RELOAD_AFTER.toNanos()) {
            return current;
        }
        long before = generation.get();
        List<Authority> ordered = loadAuthorities();
        java.util.Map<UUID, Authority> byId = new java.util.HashMap<>();
        ordered.forEach(a -> byId.put(a.id(), a));
        java.util.Map<String, State> states = new java.util.HashMap<>();
        loadStates().forEach(st -> states.put(st.code(), st));
        Snapshot taken = new Snapshot(before, now, ordered, java.util.Map.copyOf(byId), java.util.Map.copyOf(states));
        if (generation.get() == before) {
            snapshot = taken; // a change that committed while this was read leaves it uninstalled
        }
        return taken;
    }

    private List<Authority> loadAuthorities() {
        return jdbc.sql("select " + AUTHORITY_COLUMNS + " from authority a join node n on n.id = a.node_id order by a.state_code, a.name")
                .query(DirectoryStore::authority)
                .list();
    }

    /** Called by every method that writes: this transaction reads the tables, and the snapshot is retaken once it ends. */
    private void changing() {
        generation.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive() && !TransactionSynchronizationManager.hasResource(changedInThisTransaction)) {
            TransactionSynchronizationManager.bindResource(changedInThisTransaction, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(changedInThisTransaction);
                    generation.incrementAndGet();
                }
            });
        }
    }

    void insert(UUID id, AuthorityDraft d, Instant now) {
        changing();
        jdbc.sql("""
                insert into authority (id, state_code, node_id, name, kind, email, phone, languages, active, created_at, hours)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, d.stateCode(), d.nodeId(), d.name().strip(), d.kind().name(), d.email(), d.phone(),
                        d.languages().toArray(String[]::new), d.active() == null || d.active(), org.comity.node.platform.Sql.ts(now), d.hours())
                .update();
    }

    boolean update(UUID id, int expectedVersion, AuthorityDraft d) {
        changing();
        return jdbc.sql("""
                update authority set state_code = ?, node_id = ?, name = ?, kind = ?, email = ?, phone = ?,
                       languages = ?, active = ?, hours = ?, version = version + 1
                where id = ? and version = ?
                """)
                .params(d.stateCode(), d.nodeId(), d.name().strip(), d.kind().name(), d.email(), d.phone(),
                        d.languages().toArray(String[]::new), d.active() == null || d.active(), d.hours(), id, expectedVersion)
                .update() == 1;
    }

    List<State> states() {
        return loadStates();
    }

    /** A state, from the snapshot when there is one (it is read on every request created). */
    Optional<State> state(String code) {
        Snapshot current = snapshot();
        if (current != null && current.states().containsKey(code)) {
            return Optional.of(current.states().get(code));
        }
        return jdbc.sql("select code, name, instruments from state where code = ?").param(code).query(DirectoryStore::state).optional();
    }

    private List<State> loadStates() {
        return jdbc.sql("select code, name, instruments from state order by code").query(DirectoryStore::state).list();
    }

    private static State state(ResultSet rs, int row) throws SQLException {
        Array instruments = rs.getArray("instruments");
        return new State(rs.getString("code"), rs.getString("name"), instruments == null ? null : strings(instruments));
    }

    List<NodeEntry> nodes() {
        return jdbc.sql("select id, name, state_code, endpoint, local from node order by id").query(NodeEntry.class).list();
    }

    List<org.comity.node.directory.BackupContact> backups(UUID authority) {
        return jdbc.sql("select name, email, phone from backup_contact where authority_id = ? order by position")
                .param(authority).query(org.comity.node.directory.BackupContact.class).list();
    }

    java.util.Map<UUID, List<org.comity.node.directory.BackupContact>> allBackups() {
        java.util.Map<UUID, List<org.comity.node.directory.BackupContact>> out = new java.util.HashMap<>();
        jdbc.sql("select authority_id, name, email, phone from backup_contact order by authority_id, position")
                .query(rs -> {
                    out.computeIfAbsent(rs.getObject("authority_id", UUID.class), k -> new java.util.ArrayList<>())
                            .add(new org.comity.node.directory.BackupContact(rs.getString("name"), rs.getString("email"), rs.getString("phone")));
                });
        return out;
    }

    void replaceBackups(UUID authority, List<org.comity.node.directory.BackupContact> backups) {
        changing();
        jdbc.sql("delete from backup_contact where authority_id = ?").param(authority).update();
        for (int i = 0; i < backups.size(); i++) {
            var b = backups.get(i);
            jdbc.sql("insert into backup_contact (authority_id, position, name, email, phone) values (?, ?, ?, ?, ?)")
                    .params(authority, i, b.name(), b.email(), b.phone()).update();
        }
    }

    void ensureState(State state) {
        changing();
        jdbc.sql("insert into state (code, name) values (?, ?) on conflict (code) do nothing")
                .params(state.code(), state.name())
                .update();
    }

    void ensureNode(NodeEntry node) {
        changing();
        if (node.local()) {
            // Only one node is this one: a renamed node leaves its old entry behind as a remote one.
            jdbc.sql("update node set local = false where id <> ?").param(node.id()).update();
        }
        jdbc.sql("""
                insert into node (id, name, state_code, endpoint, local) values (?, ?, ?, ?, ?)
                on conflict (id) do update set local = excluded.local
                """)
                .params(node.id(), node.name(), node.stateCode(), node.endpoint(), node.local())
                .update();
    }

    /**
     * Brings the directory in line with a trust list: its states, the other nodes with their
     * endpoints, and their authorities under the ids the list gives them (the same on every node).
     * Authorities of other nodes that the list no longer names are deactivated, not deleted: past
     * requests still refer to them. This node's own entries are left as its administrators keep them.
     */
    void importTrustList(org.comity.custody.trust.TrustList list, String localNode, Instant now) {
        importParts(list, localNode, now, true);
    }

    /** A pinned peer's description: its state, node and authorities; nothing else is deactivated. */
    void importPeer(org.comity.custody.trust.TrustList description, String localNode, Instant now) {
        importParts(description, localNode, now, false);
    }

    /** What a state is party to, as the trust list and the pins now say together; null when none of them names it (not judged). */
    void setInstruments(String stateCode, List<String> instruments) {
        changing();
        jdbc.sql("update state set instruments = ? where code = ?")
                .params(instruments == null ? null : instruments.toArray(String[]::new), stateCode).update();
    }

    /** An unpinned peer's authorities can no longer be addressed (past requests keep referring to them). */
    void deactivateNode(String nodeId) {
        changing();
        jdbc.sql("update authority set active = false, version = version + 1 where node_id = ? and active").param(nodeId).update();
    }

    private void importParts(org.comity.custody.trust.TrustList list, String localNode, Instant now, boolean deactivateUnlisted) {
        changing();
        for (var state : list.states()) {
            // A trust list says what each state is party to; a pinned peer's description only adds to it.
            jdbc.sql(deactivateUnlisted ? """
                    insert into state (code, name, instruments) values (?, ?, ?)
                    on conflict (code) do update set name = excluded.name, instruments = excluded.instruments
                    """ : """
                    insert into state (code, name, instruments) values (?, ?, ?)
                    on conflict (code) do update set name = excluded.name,
                        instruments = array(select distinct unnest(coalesce(state.instruments, '{}') || excluded.instruments) order by 1)
                    """)
                    .params(state.code(), state.name(), state.instruments().toArray(String[]::new)).update();
        }
        for (var node : list.nodes()) {
            if (node.id().equals(localNode)) {
                continue;
            }
            jdbc.sql("""
                    insert into node (id, name, state_code, endpoint, local) values (?, ?, ?, ?, false)
                    on conflict (id) do update set name = excluded.name, state_code = excluded.state_code, endpoint = excluded.endpoint
                    where not node.local
                    """)
                    .params(node.id(), node.name(), node.state(), node.endpoint().toString()).update();
        }
        java.util.Map<UUID, org.comity.custody.trust.TrustList.ContactPoint> contacts = new java.util.HashMap<>();
        list.contacts().forEach(c -> contacts.putIfAbsent(c.authority(), c));
        List<UUID> listed = new java.util.ArrayList<>();
        for (var a : list.authorities()) {
            if (a.node().equals(localNode)) {
                continue;
            }
            AuthorityKind kind;
            try {
                kind = AuthorityKind.valueOf(a.kind());
            } catch (IllegalArgumentException unknown) {
                continue; // a kind this version does not know: not addressable here
            }
            var contact = java.util.Optional.ofNullable(contacts.get(a.id()));
            String phone = contact.map(c -> c.phone()).orElse(null);
            String hours = contact.map(c -> c.hours()).filter(h -> h != null && !h.isBlank()).map(h -> h.strip())
                    .filter(h -> !h.equals(org.comity.custody.trust.TrustList.ContactPoint.HOURS_NOT_STATED))
                    .map(h -> h.length() > 200 ? h.substring(0, 200) : h).orElse(null);
            int imported = jdbc.sql("""
                    insert into authority (id, state_code, node_id, name, kind, email, phone, languages, active, created_at, hours)
                    values (?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?)
                    on conflict (id) do update set state_code = excluded.state_code, node_id = excluded.node_id, name = excluded.name,
                        kind = excluded.kind, email = excluded.email, phone = excluded.phone, languages = excluded.languages, active = true,
                        hours = excluded.hours, version = authority.version + 1
                    where authority.node_id <> ?
                    """)
                    .params(a.id(), a.state(), a.node(), a.name(), kind.name(), a.email(), phone, a.languages().toArray(String[]::new),
                            org.comity.node.platform.Sql.ts(now), hours, localNode)
                    .update();
            if (imported == 1) { // not one of this node's own, which a list cannot change
                listed.add(a.id());
            }
        }
        for (UUID id : listed) {
            // The list is the source of another node's backups: an authority it gives none has none any more.
            var contact = contacts.get(id);
            replaceBackups(id, contact == null ? List.of() : contact.backups().stream()
                    .map(b -> new org.comity.node.directory.BackupContact(b.name(), b.email(), b.phone())).toList());
        }
        if (deactivateUnlisted) {
            // What no list or pin says any more is not known: a state dropped from the list is not judged on stale instruments.
            jdbc.sql("update state set instruments = null where instruments is not null and not (code = any(?))")
                    .param(list.states().stream().map(st -> st.code()).toArray(String[]::new)).update();
            jdbc.sql("""
                    update authority set active = false, version = version + 1
                    where active and node_id <> ? and not (id = any(?))
                    """)
                    .params(localNode, listed.toArray(UUID[]::new)).update();
        }
    }

    private static Authority authority(ResultSet rs, int row) throws SQLException {
        return new Authority(
                rs.getObject("id", UUID.class),
                rs.getString("state_code"),
                rs.getString("node_id"),
                rs.getString("name"),
                AuthorityKind.valueOf(rs.getString("kind")),
                rs.getString("email"),
                rs.getString("phone"),
                strings(rs.getArray("languages")),
                rs.getBoolean("active"),
                rs.getBoolean("local"),
                rs.getInt("version"),
                rs.getString("hours"));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
