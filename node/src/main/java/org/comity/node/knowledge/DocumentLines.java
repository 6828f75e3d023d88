package org.comity.node.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.web.JsonConfiguration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's bulk import format (docs/formats/knowledge-documents.md, schema
 * docs/formats/knowledge-document.schema.json): UTF-8 JSON lines, one {@link DocumentDraft} per
 * line, blank lines ignored. Read strictly and checked line by line; the whole file is refused if
 * one line is wrong, with up to {@value #MAX_REPORTED} problems named by line.
 */
public final class DocumentLines {

    public static final int MAX_LINES = 200_000;
    public static final int MAX_LINE_CHARS = 1_000_000;
    static final int MAX_REPORTED = 100;

    private static final Pattern COUNTRY = Pattern.compile("^([A-Z]{2}|INT)$");
    private static final Pattern URL = Pattern.compile("^https?://[^\\s]{1,2000}$");
    private static final JsonMapper JSON;

    static {
        JsonMapper.Builder builder = JsonMapper.builder();
        JsonConfiguration.strict(builder);
        JSON = builder.build();
    }

    private DocumentLines() {}

    /**
     * Reads every line.
     *
     * @throws ComityException 422 naming the lines in error (400 when the bytes are not UTF-8 text)
     */
    public static List<DocumentDraft> read(InputStream in) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<DocumentDraft> drafts = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String at = "line " + lineNo;
                if (lineNo > MAX_LINES) {
                    problems.add(FieldProblem.of(at, "too-many", "At most {0} lines in one file.", MAX_LINES));
                    break;
                }
                if (line.length() > MAX_LINE_CHARS) {
                    problems.add(FieldProblem.of(at, "too-long", "A line has at most {0} characters.", MAX_LINE_CHARS));
                    continue;
                }
                DocumentDraft d;
                try {
                    d = JSON.readValue(line, DocumentDraft.class);
                } catch (JacksonException e) {
                    problems.add(FieldProblem.of(at, "unreadable", "Not a document: {0}", e.getOriginalMessage()));
                    continue;
                }
                if (d == null) {
                    problems.add(FieldProblem.of(at, "unreadable", "Not a document: {0}", "null"));
                    continue;
                }
                for (FieldProblem p : check(d)) {
                    problems.add(new FieldProblem(at + ": " + p.field(), p.code(), p.message(), p.args()));
                }
                drafts.add(d);
                if (problems.size() >= MAX_REPORTED) {
                    break;
                }
            }
        } catch (CharacterCodingException e) {
            throw ComityException.badRequest("The file is not UTF-8 text (line " + (lineNo + 1) + ").");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            // A line can bring several problems: the promise is at most MAX_REPORTED (found by KnowledgeImportFuzzTest).
            throw ComityException.invalid("The file has errors; nothing was imported.", problems.subList(0, Math.min(problems.size(), MAX_REPORTED)));
        }
        return drafts;
    }

    /** Every problem of one document, by field; empty when it may be saved. */
    public static List<FieldProblem> check(DocumentDraft d) {
        List<FieldProblem> problems = new ArrayList<>();
        if (d.type() == null) {
            problems.add(FieldProblem.of("type", "required", "Choose the kind of document."));
        }
        if (d.topic() == null) {
            problems.add(FieldProblem.of("topic", "required", "Choose the chapter it belongs to."));
        }
        if (d.country() == null || !COUNTRY.matcher(d.country()).matches()) {
            problems.add(FieldProblem.of("country", "invalid", "Use a two-letter state code, or INT for international texts."));
        }
        if (SearchLanguage.of(d.language()).isEmpty()) {
            problems.add(FieldProblem.of("language", "invalid-language", "Use one of ar, zh, en, fr, ru, es."));
        }
        text(problems, "title", d.title(), 500, true);
        text(problems, "body", d.body(), 200_000, true);
        text(problems, "source", d.source(), 500, false);
        text(problems, "externalId", d.externalId(), 200, false);
        if (d.url() != null && !d.url().isBlank() && !URL.matcher(d.url()).matches()) {
            problems.add(FieldProblem.of("url", "invalid", "Give an http or https address."));
        }
        return problems;
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(FieldProblem.of(field, "required", "This field is required."));
            }
        } else if (value.length() > max) {
            problems.add(FieldProblem.of(field, "too-long", "Use at most {0} characters.", max));
        }
    }
}
