package org.comity.node.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.comity.node.platform.FieldProblem;
import org.springframework.context.MessageSource;

/**
 * Field problems ready for a form: translated ({@code field.<code>.<field>} in the message bundles,
 * then {@code field.<code>}, then the English text) and found by field path, so that {@code of("dataSought[0]")} also
 * returns the problems of that row's fields.
 */
public final class FieldErrors {

    private final Map<String, List<String>> byField = new LinkedHashMap<>();

    private FieldErrors() {}

    public static FieldErrors none() {
        return new FieldErrors();
    }

    public static FieldErrors of(List<FieldProblem> problems, MessageSource messages, Locale locale) {
        FieldErrors errors = new FieldErrors();
        for (FieldProblem p : problems) {
            String fallback = new java.text.MessageFormat(p.message().replace("'", "''"), locale).format(p.args().toArray());
            String general = messages.getMessage("field." + p.code(), p.args().toArray(), fallback, locale);
            String text = messages.getMessage("field." + p.code() + "." + p.field().replaceAll("\\[\\d+]", ""), p.args().toArray(), general, locale);
            errors.byField.computeIfAbsent(p.field(), f -> new ArrayList<>()).add(text);
        }
        return errors;
    }

    /** Problems of {@code field} itself and of everything beneath it. */
    public List<String> of(String field) {
        List<String> out = new ArrayList<>();
        byField.forEach((path, texts) -> {
            if (path.equals(field) || path.startsWith(field + ".") || path.startsWith(field + "[")) {
                out.addAll(texts);
            }
        });
        return out;
    }

    /** Problems of {@code field} itself only. */
    public List<String> exact(String field) {
        return byField.getOrDefault(field, List.of());
    }

    public boolean has(String field) {
        return !of(field).isEmpty();
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    /** Every problem with the field it concerns, for the summary at the top of a form. */
    public List<Map.Entry<String, String>> all() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        byField.forEach((path, texts) -> texts.forEach(t -> out.add(Map.entry(path, t))));
        return out;
    }

    /** The id of the input that shows {@code path} (for templates). */
    public String id(String path) {
        return anchor(path);
    }

    /** The id of the input that shows {@code path}, so the summary can link to it. */
    public static String anchor(String path) {
        return "f-" + path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
    }
}
