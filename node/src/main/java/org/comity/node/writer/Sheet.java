package org.comity.node.writer;

import java.util.List;

/**
 * A request laid out for print in one language: every label already translated, every value
 * already in that language. {@link RequestPdf} prints it; it knows nothing of requests.
 *
 * @param language the ISO 639-1 code of the sheet's language (it decides direction and line breaking)
 * @param signOff the line that says who signed the request off and when, or that nobody has yet
 */
public record Sheet(String language, String title, String subtitle, List<Section> sections, String signOff, String footer) {

    public Sheet {
        sections = List.copyOf(sections);
    }

    /** Arabic, Hebrew, Persian and Urdu are written right to left. */
    public boolean rightToLeft() {
        return List.of("ar", "he", "fa", "ur").contains(language);
    }

    /** Every text the sheet prints, for the check that every character has a glyph. */
    public String allText() {
        StringBuilder out = new StringBuilder().append(title).append('\n').append(subtitle).append('\n');
        for (Section s : sections) {
            out.append(s.heading()).append('\n');
            for (Entry e : s.entries()) {
                out.append(e.label()).append('\n').append(e.value()).append('\n');
            }
        }
        return out.append(signOff).append('\n').append(footer).toString();
    }

    /** A heading and its entries. */
    public record Section(String heading, List<Entry> entries) {
        public Section {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One label and its value.
     *
     * @param literal the value is an identifier, a date or a code, printed left to right whatever the sheet's direction
     */
    public record Entry(String label, String value, boolean literal) {
        public static Entry text(String label, String value) {
            return new Entry(label, value == null ? "" : value, false);
        }

        public static Entry literal(String label, String value) {
            return new Entry(label, value == null ? "" : value, true);
        }
    }
}
