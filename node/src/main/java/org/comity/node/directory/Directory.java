package org.comity.node.directory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.platform.Actor;

/**
 * The directory of states, nodes and authorities this node knows. Reads are open to every signed-in
 * user (it is a contact list, not case data); changes need the ADMIN role and are audited.
 */
public interface Directory {

    Optional<Authority> authority(UUID id);

    /** Every authority, local and remote, ordered by state then name. */
    List<Authority> authorities();

    List<Authority> localAuthorities();

    List<State> states();

    List<NodeEntry> nodes();

    NodeEntry localNode();

    Optional<State> state(String code);

    Authority createAuthority(Actor actor, AuthorityDraft draft);

    Authority updateAuthority(Actor actor, UUID id, int expectedVersion, AuthorityDraft draft);

    /** The backup contacts of an authority (a 24/7 point of contact), in the order they are called. */
    List<BackupContact> backups(UUID authority);

    /** Every authority's backup contacts, in calling order, read at once (authorities without any are absent). */
    java.util.Map<UUID, List<BackupContact>> allBackups();

    /** Replaces an authority's backup contacts. Administrators only, for this node's authorities; audited. */
    List<BackupContact> setBackups(Actor actor, UUID authority, List<BackupContact> backups);

    /** Registers a state if absent; used when seeding and when a trust list arrives. */
    void ensureState(State state);

    /** Registers a node if absent. */
    void ensureNode(NodeEntry node);
}
