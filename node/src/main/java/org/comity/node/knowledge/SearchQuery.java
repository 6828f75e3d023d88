package org.comity.node.knowledge;

import java.util.Set;

/**
 * A search of the repository.
 *
 * @param text words, "phrases", AND / OR / NOT; blank lists every document that passes the filters
 * @param language the language the text is written in (ar, zh, en, fr, ru, es); null: treat it as any of them.
 *     Terms of the glossary found in it are searched in the other five languages too.
 * @param countries, topics, types, languages filters: a document passes when it has one of the values of each non-empty set
 * @param offset, limit the page of hits (limit at most 100)
 */
public record SearchQuery(
        String text,
        String language,
        Set<String> countries,
        Set<Topic> topics,
        Set<DocumentType> types,
        Set<String> languages,
        int offset,
        int limit) {

    public SearchQuery {
        countries = countries == null ? Set.of() : Set.copyOf(countries);
        topics = topics == null ? Set.of() : Set.copyOf(topics);
        types = types == null ? Set.of() : Set.copyOf(types);
        languages = languages == null ? Set.of() : Set.copyOf(languages);
    }

    public static SearchQuery of(String text, String language) {
        return new SearchQuery(text, language, Set.of(), Set.of(), Set.of(), Set.of(), 0, 10);
    }
}
