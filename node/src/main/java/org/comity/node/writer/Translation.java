package org.comity.node.writer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestValidator;

/**
 * The request's free text in the requested state's language, field by field beside the original
 * (identifiers, dates and codes are not translated). Keys are the document's field paths, such as
 * {@code summaryOfFacts} or {@code offences[0].name}.
 *
 * @param language the ISO 639-1 code of the translation's language, or null while none is chosen
 */
public record Translation(String language, Map<String, String> texts) {

    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");
    private static final Pattern PATH = Pattern.compile(
            "^(title|urgencyReason|summaryOfFacts|relevance|necessityAndProportionality|procedureRequirements|emergencyFacts|confidentialityNote"
                    + "|offences\\[\\d{1,2}]\\.(name|maximumPenalty)|subjects\\[\\d{1,3}]\\.details|dataSought\\[\\d{1,2}]\\.description"
                    + "|measures\\[\\d{1,2}]\\.description)$");

    public static final Translation NONE = new Translation(null, Map.of());

    public Translation {
        texts = texts == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(texts));
    }

    public String text(String path) {
        return texts.getOrDefault(path, "");
    }

    /** The free-text fields of {@code d} that carry text, in reading order, with their original text. */
    public static Map<String, String> translatable(RequestDocument d) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "title", d.title());
        put(out, "urgencyReason", d.urgencyReason());
        for (int i = 0; i < d.offences().size(); i++) {
            put(out, "offences[" + i + "].name", d.offences().get(i).name());
            put(out, "offences[" + i + "].maximumPenalty", d.offences().get(i).maximumPenalty());
        }
        put(out, "summaryOfFacts", d.summaryOfFacts());
        put(out, "relevance", d.relevance());
        for (int i = 0; i < d.subjects().size(); i++) {
            put(out, "subjects[" + i + "].details", d.subjects().get(i).details());
        }
        for (int i = 0; i < d.dataSought().size(); i++) {
            put(out, "dataSought[" + i + "].description", d.dataSought().get(i).description());
        }
        for (int i = 0; i < d.measures().size(); i++) {
            put(out, "measures[" + i + "].description", d.measures().get(i).description());
        }
        put(out, "necessityAndProportionality", d.necessityAndProportionality());
        put(out, "procedureRequirements", d.procedureRequirements());
        put(out, "emergencyFacts", d.emergencyFacts());
        put(out, "confidentialityNote", d.confidentialityNote());
        return out;
    }

    /** Format and size: a known field path, a language code, text of a sane length without control characters. */
    public List<FieldProblem> check() {
        List<FieldProblem> out = new ArrayList<>();
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            out.add(FieldProblem.of("translation.language", "invalid-language", "Use a two- or three-letter language code such as en or ar."));
        }
        if (texts.size() > 500) {
            out.add(FieldProblem.of("translation.texts", "too-many", "Give at most {0} entries.", 500));
            return out;
        }
        texts.forEach((path, text) -> {
            if (path == null || !PATH.matcher(path).matches()) {
                out.add(FieldProblem.of("translation.texts", "unknown-field", "{0} is not a field that is translated.", String.valueOf(path)));
            } else if (text != null && text.length() > RequestValidator.LONG_TEXT) {
                out.add(FieldProblem.of("translation." + path, "too-long", "Use at most {0} characters.", RequestValidator.LONG_TEXT));
            } else if (text != null && text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                out.add(FieldProblem.of("translation." + path, "control-characters", "Remove control characters from this text."));
            }
        });
        return out;
    }

    /** What is still untranslated in {@code d}: one problem per field with original text and no translation. */
    public List<FieldProblem> missingFrom(RequestDocument d) {
        List<FieldProblem> out = new ArrayList<>();
        if (language == null) {
            return out;
        }
        translatable(d).forEach((path, original) -> {
            String t = texts.get(path);
            if (t == null || t.isBlank()) {
                out.add(FieldProblem.of("translation." + path, "untranslated", "Translate this field into {0}.", language));
            }
        });
        return out;
    }

    private static void put(Map<String, String> out, String path, String value) {
        if (value != null && !value.isBlank()) {
            out.put(path, value);
        }
    }
}
