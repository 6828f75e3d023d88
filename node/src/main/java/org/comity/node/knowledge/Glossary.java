package org.comity.node.knowledge;

import java.util.List;

/** The multilingual glossary of key terms, as shipped in {@code knowledge/glossary.yaml}. */
public interface Glossary {

    List<GlossaryTerm> terms();
}
