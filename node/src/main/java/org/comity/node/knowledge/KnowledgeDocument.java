package org.comity.node.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A document of the repository: legislation, a case summary, a good practice, a guide or a template. */
public record KnowledgeDocument(
        UUID id,
        String externalId,
        DocumentType type,
        String country,
        Topic topic,
        String language,
        String title,
        String body,
        LocalDate published,
        String source,
        String url,
        Instant createdAt,
        String createdBy) {}
