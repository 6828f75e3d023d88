package org.comity.node.knowledge.internal;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.knowledge.DocumentDraft;
import org.comity.node.knowledge.DocumentLines;
import org.comity.node.knowledge.KnowledgeDocument;
import org.comity.node.knowledge.KnowledgeDocuments;
import org.comity.node.knowledge.SearchQuery;
import org.comity.node.knowledge.SearchResult;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Ids;
import org.comity.node.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The document repository: authorize, check, store, audit in one transaction; the documents reach
 * the index once the transaction has committed. At start-up an index that is missing or does not
 * hold as many documents as the database is rebuilt from it.
 */
@Service
class DocumentService implements KnowledgeDocuments {

    private static final Logger log = LoggerFactory.getLogger(DocumentService.class);

    private final DocumentStore store;
    private final KnowledgeIndex index;
    private final AuditTrail audit;
    private final Clock clock;

    DocumentService(DocumentStore store, KnowledgeIndex index, AuditTrail audit, Clock clock) {
        this.store = store;
        this.index = index;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuildIfBehind() {
        long inDatabase = store.count();
        long indexed = index.count();
        if (inDatabase != indexed) {
            log.info("Rebuilding the knowledge index: {} documents in the database, {} indexed", inDatabase, indexed);
            rebuild();
        }
    }

    /** Replaces the index with what the database holds. */
    void rebuild() {
        index.rebuild(store::each);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<KnowledgeDocument> find(UUID id) {
        return store.find(id);
    }

    @Override
    @Transactional
    public KnowledgeDocument add(Actor actor, DocumentDraft draft) {
        requireAdmin(actor);
        List<FieldProblem> problems = DocumentLines.check(draft);
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The document has errors.", problems);
        }
        KnowledgeDocument saved = store.upsert(Ids.newId(clock), draft, clock.instant(), actor.username());
        audit.success(actor, "knowledge.document.add", "knowledge-document", saved.id(), Map.of("title", saved.title()));
        indexAfterCommit(List.of(saved));
        return saved;
    }

    @Override
    @Transactional
    public int importLines(Actor actor, InputStream lines) {
        requireAdmin(actor);
        List<DocumentDraft> drafts = DocumentLines.read(lines);
        Instant now = clock.instant();
        List<KnowledgeDocument> saved = new ArrayList<>(drafts.size());
        for (DocumentDraft d : drafts) {
            saved.add(store.upsert(Ids.newId(clock), d, now, actor.username()));
        }
        audit.success(actor, "knowledge.document.import", "knowledge-document", "import", Map.of("count", saved.size()));
        indexAfterCommit(saved);
        return saved.size();
    }

    @Override
    public SearchResult search(SearchQuery query) {
        if (query.text() != null && query.text().length() > 1000) {
            throw ComityException.invalid("The query is too long.", List.of(FieldProblem.of("q", "too-long", "Use at most {0} characters.", 1000)));
        }
        return index.search(query);
    }

    @Override
    public long count() {
        return store.count();
    }

    private void indexAfterCommit(List<KnowledgeDocument> documents) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                index.put(documents);
            }
        });
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.has(Role.ADMIN)) {
            throw ComityException.forbidden("Only an administrator may add documents to the repository.");
        }
    }
}
