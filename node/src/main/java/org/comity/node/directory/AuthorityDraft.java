package org.comity.node.directory;

import java.util.List;

/**
 * What an administrator enters to create or change an authority.
 *
 * @param hours when a 24/7 point of contact answers, such as "24/7" (null: not stated)
 */
public record AuthorityDraft(
        String stateCode,
        String nodeId,
        String name,
        AuthorityKind kind,
        String email,
        String phone,
        List<String> languages,
        Boolean active,
        String hours) {

    public AuthorityDraft(String stateCode, String nodeId, String name, AuthorityKind kind, String email, String phone, List<String> languages,
            Boolean active) {
        this(stateCode, nodeId, name, kind, email, phone, languages, active, null);
    }
}
