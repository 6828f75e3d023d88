package org.comity.node.directory;

import java.util.List;
import java.util.UUID;

/**
 * An authority in the directory: a central authority, a prosecutor's office, a 24/7 point of
 * contact or a service provider, of one state, reachable through one node.
 *
 * @param local true when this node hosts the authority (its users sign in here)
 * @param hours when a 24/7 point of contact answers ("24/7", or hours and a time zone); null if not stated
 */
public record Authority(
        UUID id,
        String stateCode,
        String nodeId,
        String name,
        AuthorityKind kind,
        String email,
        String phone,
        List<String> languages,
        boolean active,
        boolean local,
        int version,
        String hours) {

    public Authority {
        languages = languages == null ? List.of() : List.copyOf(languages);
    }
}
