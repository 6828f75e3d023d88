package org.comity.node.writer;

import java.util.List;

/**
 * What the requested state asks of a request under an instrument: the languages it accepts, its
 * formal requirements, whether dual criminality applies, and thresholds, with where the answer
 * comes from (the state's profile, or only the instrument and the directory when there is none).
 */
public record Requirements(String state, List<String> languages, List<String> formal, String dualCriminality, List<String> thresholds,
        String source) {

    public Requirements {
        languages = List.copyOf(languages);
        formal = List.copyOf(formal);
        thresholds = List.copyOf(thresholds);
    }
}
