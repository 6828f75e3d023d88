package org.comity.node.knowledge;

import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.platform.Actor;

/**
 * The document repository. Reading and searching are open to every signed-in user (the documents are
 * public texts, no case data); adding and importing need the ADMIN role and are audited. The search
 * index lives in the node's data folder and is rebuilt from the database when it is missing or
 * behind.
 */
public interface KnowledgeDocuments {

    Optional<KnowledgeDocument> find(UUID id);

    /**
     * Adds one document (or replaces the one with the same external id).
     *
     * @throws org.comity.node.platform.ComityException 403 without ADMIN, 422 naming each field in error
     */
    KnowledgeDocument add(Actor actor, DocumentDraft draft);

    /**
     * Imports a JSON-lines file, one {@link DocumentDraft} per line, all or none: a line that does not
     * parse or breaks a rule refuses the whole file with the line numbers in error (at most 100 named).
     *
     * @return how many documents were added or replaced
     */
    int importLines(Actor actor, InputStream lines);

    SearchResult search(SearchQuery query);

    /** How many documents the repository holds. */
    long count();
}
