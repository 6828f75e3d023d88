package org.comity.node.knowledge;

import java.time.LocalDate;

/**
 * A repository document as it is added or imported (one line of a JSON-lines import,
 * docs/formats/knowledge-documents.md).
 *
 * @param externalId the source's own identifier; a later import with the same one replaces the document; may be null
 * @param country ISO 3166 alpha-2 code of the state it concerns, or {@code INT} for international texts
 * @param language the language of the text: ar, zh, en, fr, ru or es
 * @param published the date of the text; may be null
 * @param source who published it ("Parliament of Aurelia", "UNODC"); may be null
 * @param url where the original is; may be null
 */
public record DocumentDraft(
        String externalId,
        DocumentType type,
        String country,
        Topic topic,
        String language,
        String title,
        String body,
        LocalDate published,
        String source,
        String url) {}
