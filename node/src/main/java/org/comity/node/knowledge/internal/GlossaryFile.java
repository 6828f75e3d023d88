package org.comity.node.knowledge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.comity.node.knowledge.Glossary;
import org.comity.node.knowledge.GlossaryTerm;
import org.comity.node.knowledge.SearchLanguage;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The glossary read from {@code knowledge/glossary.yaml}; a term missing one of the six languages stops the node. */
@Component
class GlossaryFile implements Glossary {

    static final String FILE = "knowledge/glossary.yaml";

    private final List<GlossaryTerm> terms;

    GlossaryFile() {
        this.terms = load();
    }

    static List<GlossaryTerm> load() {
        record Terms(List<Map<String, String>> terms) {}
        YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
            List<Map<String, String>> raw = yaml.readValue(in, Terms.class).terms();
            for (Map<String, String> t : raw) {
                for (SearchLanguage l : SearchLanguage.values()) {
                    if (t.get(l.code()) == null || t.get(l.code()).isBlank()) {
                        throw new IllegalStateException(FILE + ": the term " + t + " has no " + l.code());
                    }
                }
                if (t.size() != SearchLanguage.values().length) {
                    throw new IllegalStateException(FILE + ": the term " + t + " has a language other than the six");
                }
            }
            return raw.stream().map(GlossaryTerm::new).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + FILE, e);
        }
    }

    @Override
    public List<GlossaryTerm> terms() {
        return terms;
    }
}
