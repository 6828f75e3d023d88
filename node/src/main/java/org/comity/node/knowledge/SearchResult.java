package org.comity.node.knowledge;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page of hits, the facet counts of everything that matched, and the glossary terms the query
 * was expanded with.
 *
 * @param facets per dimension (country, topic, type, language) the values and how many matching
 *     documents have each; a dimension being filtered on counts as if it were not (drill sideways),
 *     so the other values stay choosable
 * @param expansions the terms of other languages searched because the query named a glossary term
 * @param totalIsLowerBound {@code total} is at least the number of matches, not the exact number (counting stops early on large results)
 */
public record SearchResult(long total, boolean totalIsLowerBound, List<Hit> hits, Map<String, List<FacetCount>> facets, List<String> expansions) {

    /**
     * @param snippet the best passages of the body, HTML-escaped, the matched words in {@code <mark>}
     */
    public record Hit(UUID id, String title, DocumentType type, String country, Topic topic, String language, LocalDate published,
            String source, String snippet, float score) {}

    public record FacetCount(String value, long count) {}
}
