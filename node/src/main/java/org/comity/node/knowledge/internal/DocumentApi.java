package org.comity.node.knowledge.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.comity.node.knowledge.DocumentDraft;
import org.comity.node.knowledge.DocumentType;
import org.comity.node.knowledge.Glossary;
import org.comity.node.knowledge.GlossaryTerm;
import org.comity.node.knowledge.KnowledgeDocument;
import org.comity.node.knowledge.KnowledgeDocuments;
import org.comity.node.knowledge.ProfileFile;
import org.comity.node.knowledge.SearchQuery;
import org.comity.node.knowledge.SearchResult;
import org.comity.node.knowledge.Topic;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The document repository over the API: search and read for every user; add and import for administrators. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Knowledge")
class DocumentApi {

    static final String NDJSON = "application/x-ndjson";

    private final KnowledgeDocuments documents;
    private final Glossary glossary;

    DocumentApi(KnowledgeDocuments documents, Glossary glossary) {
        this.documents = documents;
        this.glossary = glossary;
    }

    @GetMapping("/knowledge/documents")
    @Operation(summary = "Search the repository: words in any of the six languages, filters, facets and highlighted snippets")
    SearchResult search(@RequestParam(required = false) String q, @RequestParam(required = false) String lang,
            @RequestParam(required = false) Set<String> country, @RequestParam(required = false) Set<Topic> topic,
            @RequestParam(required = false) Set<DocumentType> type, @RequestParam(required = false) Set<String> language,
            @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > 100 || offset < 0 || offset + limit > LuceneKnowledgeIndex.MAX_WINDOW) {
            throw ComityException.badRequest("limit is 1 to 100 and offset + limit at most " + LuceneKnowledgeIndex.MAX_WINDOW + ".");
        }
        return documents.search(new SearchQuery(q, lang, country, topic, type, language, offset, limit));
    }

    @GetMapping("/knowledge/documents/{id}")
    @Operation(summary = "One document")
    KnowledgeDocument one(@PathVariable UUID id) {
        return documents.find(id).orElseThrow(() -> ComityException.notFound("Document"));
    }

    @GetMapping("/knowledge/glossary")
    @Operation(summary = "The multilingual glossary of key terms")
    List<Map<String, String>> glossary() {
        return glossary.terms().stream().map(GlossaryTerm::byLanguage).toList();
    }

    @PostMapping(path = "/admin/knowledge/documents", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a document (or replace the one with the same externalId)")
    ResponseEntity<KnowledgeDocument> add(@AuthenticationPrincipal Actor actor, @RequestBody byte[] body) {
        KnowledgeDocument d = documents.add(actor, ProfileFile.readBody(body, DocumentDraft.class));
        return ResponseEntity.created(URI.create("/api/v1/knowledge/documents/" + d.id())).body(d);
    }

    @PostMapping(path = "/admin/knowledge/documents/import", consumes = NDJSON)
    @Operation(summary = "Import documents as JSON lines (docs/formats/knowledge-documents.md), all or none")
    Map<String, Integer> importLines(@AuthenticationPrincipal Actor actor, @RequestBody byte[] body) {
        return Map.of("imported", documents.importLines(actor, new ByteArrayInputStream(body)));
    }
}
