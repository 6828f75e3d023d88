package org.comity.node.directory;

import java.util.List;

/** What an administrator enters to create or change an authority. */
public record AuthorityDraft(
        String stateCode,
        String nodeId,
        String name,
        AuthorityKind kind,
        String email,
        String phone,
        List<String> languages,
        Boolean active) {}
