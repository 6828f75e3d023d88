package org.comity.node.knowledge;

import java.util.Map;

/** A key term in the six UN languages, keyed by ISO 639-1 code ({@code knowledge/glossary.yaml}). */
public record GlossaryTerm(Map<String, String> byLanguage) {

    public GlossaryTerm {
        byLanguage = Map.copyOf(byLanguage);
    }

    /** The term in a language, or the English one when that language is missing. */
    public String in(String language) {
        return byLanguage.getOrDefault(language, byLanguage.get("en"));
    }
}
