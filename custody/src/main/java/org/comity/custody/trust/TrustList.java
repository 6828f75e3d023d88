package org.comity.custody.trust;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One edition of the directory. Serials only grow; a list with a lower or equal serial than the
 * one a node holds is refused, so an old list cannot be replayed to restore a revoked key.
 *
 * @param nextUpdate when the issuer promises the next edition, or null
 */
public record TrustList(long serial, Instant issuedAt, Instant nextUpdate, String issuer, List<StateEntry> states,
        List<NodeEntry> nodes, List<AuthorityEntry> authorities, List<ContactPoint> contacts) {

    public static final String SCHEMA = "comity.trust-list/1";

    public TrustList {
        states = List.copyOf(states);
        nodes = List.copyOf(nodes);
        authorities = List.copyOf(authorities);
        contacts = List.copyOf(contacts);
    }

    public Optional<NodeEntry> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The node the directory designates as the federation's statistics node (role {@value NodeEntry#STATISTICS}), if any: at most one is. */
    public Optional<NodeEntry> statisticsNode() {
        return nodes.stream().filter(n -> n.roles().contains(NodeEntry.STATISTICS)).findFirst();
    }

    /** A state and the instruments it is party to (instrument ids as in the instrument files). */
    public record StateEntry(String code, String name, List<String> instruments) {
        public StateEntry {
            instruments = List.copyOf(instruments);
        }
    }

    /**
     * A node: where to send it envelopes and the keys it signs and receives with.
     *
     * @param roles what the directory designates the node for beyond the exchange, sorted; empty for most nodes
     */
    public record NodeEntry(String id, String state, String name, URI endpoint, List<NodeKey> keys, String ledger, List<String> roles) {

        /** The role of the statistics node, which receives the other nodes' anonymized aggregates (docs/formats/statistics.md). */
        public static final String STATISTICS = "statistics";
        /** Every role a node may be given. */
        public static final java.util.Set<String> ROLES = java.util.Set.of(STATISTICS);

        public NodeEntry {
            keys = List.copyOf(keys);
            roles = roles == null ? List.of() : roles.stream().distinct().sorted().toList();
        }

        public NodeEntry(String id, String state, String name, URI endpoint, List<NodeKey> keys, String ledger) {
            this(id, state, name, endpoint, keys, ledger, List.of());
        }

        /** A node that publishes no custody ledger (yet). */
        public NodeEntry(String id, String state, String name, URI endpoint, List<NodeKey> keys) {
            this(id, state, name, endpoint, keys, null, List.of());
        }

        /** The same node with another endpoint. */
        public NodeEntry at(URI other) {
            return new NodeEntry(id, state, name, other, keys, ledger, roles);
        }

        /** The same node with these roles (the directory operator's designation). */
        public NodeEntry withRoles(List<String> given) {
            return new NodeEntry(id, state, name, endpoint, keys, ledger, given);
        }
    }

    /**
     * A node's public key and when it is valid: during a rotation the old and the new key are both
     * listed, with overlapping validity, so no message is refused while peers catch up.
     *
     * @param use {@code sig} (Ed25519) or {@code enc} (P-256, ECDH-ES)
     * @param jwk the public JWK, its kid the RFC 7638 thumbprint
     * @param notAfter null while the key has no planned end
     */
    public record NodeKey(String kid, String use, Map<String, Object> jwk, Instant notBefore, Instant notAfter) {
        public boolean validAt(Instant at) {
            return !at.isBefore(notBefore) && (notAfter == null || at.isBefore(notAfter));
        }
    }

    public record AuthorityEntry(UUID id, String node, String state, String name, String kind, List<String> languages, String email) {
        public AuthorityEntry {
            languages = List.copyOf(languages);
        }
    }

    /**
     * How to reach an authority urgently: for a 24/7 point of contact (Budapest Convention Art. 35)
     * when and in which languages it answers, and who backs it up; another authority (a central
     * authority, for Protocol Art. 10 emergencies) has one when it gives a telephone or backups.
     */
    public record ContactPoint(UUID authority, String hours, List<String> languages, String phone, String email, List<Backup> backups) {
        /** The hours of an authority other than a 24/7 point of contact that states none (the field is required). */
        public static final String HOURS_NOT_STATED = "not stated";

        public ContactPoint {
            languages = List.copyOf(languages);
            backups = List.copyOf(backups);
        }
    }

    public record Backup(String name, String phone, String email) {}
}
