package org.comity.node.knowledge.internal;

import java.util.Collection;
import java.util.function.Consumer;
import org.comity.node.knowledge.KnowledgeDocument;
import org.comity.node.knowledge.SearchQuery;
import org.comity.node.knowledge.SearchResult;

/**
 * The full-text index of the repository. {@link #put} adds or replaces documents by id and makes them
 * searchable before it returns; it is not transactional, so callers put only what the database has
 * committed, and the database stays the truth the index is rebuilt from ({@link #rebuild}).
 */
interface KnowledgeIndex {

    void put(Collection<KnowledgeDocument> documents);

    /** Replaces the whole index with the documents {@code source} hands to the consumer it is given. */
    void rebuild(Consumer<Consumer<KnowledgeDocument>> source);

    SearchResult search(SearchQuery query);

    long count();
}
