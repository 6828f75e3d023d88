package org.comity.node.writer;

import java.util.List;

/**
 * What the requested state asks of a request under an instrument: the languages it accepts, its
 * formal requirements, whether dual criminality applies, and thresholds, with where the answer
 * comes from (the state's country profile, or only the instrument and the directory without one).
 *
 * @param languages ISO 639-1 codes, preferred first; empty when unknown
 */
public record Requirements(String state, List<String> languages, List<Line> formal, Line dualCriminality, List<Line> thresholds, Line source) {

    public Requirements {
        languages = List.copyOf(languages);
        formal = List.copyOf(formal);
        thresholds = List.copyOf(thresholds);
    }

    /**
     * One statement: a message key (translated on pages) with its arguments, or, with a null key,
     * text taken as it is from a data file or a profile.
     */
    public record Line(String key, List<String> args, String text) {
        public Line {
            args = args == null ? List.of() : List.copyOf(args);
        }

        public static Line of(String key, String... args) {
            return new Line(key, List.of(args), null);
        }

        public static Line text(String text) {
            return new Line(null, List.of(), text);
        }
    }
}
