package org.comity.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Imports a repository's documents from a JSON-lines file of any size (docs/formats/knowledge-documents.md)
 * into a node, in parts the import API accepts (at most 1 MiB a call), one after the other. Each part
 * is all or none; the first part the node refuses stops the import, with its problems named by the
 * line of the whole file. Documents with an {@code externalId} are replaced when imported again, so
 * the same file can be run again once fixed.
 */
@Command(name = "import-documents", description = "Import knowledge documents (JSON lines) into a node, a file of any size in parts.")
final class ImportDocumentsCommand implements Callable<Integer> {

    /** What one call may carry: the node takes bodies of at most 1 MiB. */
    static final int MAX_PART_BYTES = 1024 * 1024;
    private static final Pattern LINE = Pattern.compile("^line (\\d{1,9})(.*)$");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "the JSON-lines file")
    Path file;

    @Mixin
    NodeOptions node;

    @Option(names = "--part-bytes", description = "the most bytes sent in one call (default and at most ${DEFAULT-VALUE})", defaultValue = "1000000")
    int partBytes;

    /** Lines of the file sent in one call, with the file's line number of each (blank lines are not sent). */
    record Part(List<String> lines, List<Integer> numbers) {
        int first() {
            return numbers.getFirst();
        }

        int last() {
            return numbers.getLast();
        }

        /** The file's line number of the part's line {@code k} (from 1), as the node counts them. */
        long fileLine(long k) {
            return k >= 1 && k <= numbers.size() ? numbers.get((int) k - 1) : k + first() - 1;
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (partBytes < 1024 || partBytes > MAX_PART_BYTES) {
            err.println("comity import-documents: --part-bytes must be between 1024 and " + MAX_PART_BYTES);
            return 2;
        }
        List<Part> parts;
        try {
            parts = split(file, partBytes);
        } catch (NoSuchFileException e) {
            err.println("comity import-documents: no such file: " + file);
            return 2;
        } catch (Unusable e) {
            err.println("comity import-documents: " + e.getMessage());
            return 2;
        }
        String token = node.token();
        if (token == null) {
            err.println("comity import-documents: no token. Put an administrator's API token in a file and pass --token-file, or set COMITY_TOKEN.");
            return 2;
        }
        String base = node.base();
        long imported = 0;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            for (Part part : parts) {
                String body = String.join("\n", part.lines()) + "\n";
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/knowledge/documents/import"))
                        .timeout(Duration.ofMinutes(5))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json, application/problem+json")
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build();
                HttpResponse<String> response;
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    err.println("comity import-documents: cannot reach " + base + ": " + e.getMessage());
                    stopped(err, part, imported);
                    return 1;
                }
                if (response.statusCode() != 200) {
                    err.println("comity import-documents: the node refused lines " + part.first() + " to " + part.last() + " (HTTP "
                            + response.statusCode() + ")");
                    for (String problem : problems(response.body(), part)) {
                        err.println("  " + problem);
                    }
                    stopped(err, part, imported);
                    return 1;
                }
                long n = count(response.body());
                imported += n;
                out.println("lines " + part.first() + " to " + part.last() + ": " + n + " imported (" + imported + " in all)");
                out.flush();
            }
        }
        out.println("Imported " + imported + " documents from " + parts.size() + (parts.size() == 1 ? " part." : " parts."));
        return 0;
    }

    private static void stopped(PrintWriter err, Part part, long imported) {
        err.println("Stopped at line " + part.first() + ": " + imported + " documents before it were imported, none from it on."
                + " Fix the file and run it again: a document with an externalId is replaced, not added twice.");
    }

    /**
     * The file's non-blank lines in parts of at most {@code maxBytes} (UTF-8, with their newlines),
     * read before anything is sent, so a file that cannot be imported whole is refused whole.
     */
    static List<Part> split(Path file, int maxBytes) throws IOException {
        List<Part> parts = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        int bytes = 0;
        int lineNo = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            while ((line = readLine(reader, lineNo + 1)) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                int size = line.getBytes(StandardCharsets.UTF_8).length + 1;
                if (size > maxBytes) {
                    throw new Unusable("line " + lineNo + " is " + size + " bytes; one call carries at most " + maxBytes
                            + ". Shorten that document's body.");
                }
                if (bytes + size > maxBytes) { // the part closes before the line that would not fit
                    parts.add(new Part(List.copyOf(lines), List.copyOf(numbers)));
                    lines.clear();
                    numbers.clear();
                    bytes = 0;
                }
                lines.add(line);
                numbers.add(lineNo);
                bytes += size;
            }
        }
        if (!lines.isEmpty()) {
            parts.add(new Part(List.copyOf(lines), List.copyOf(numbers)));
        }
        if (parts.isEmpty()) {
            throw new Unusable(file + " has no documents (no line that is not blank).");
        }
        return parts;
    }

    private static String readLine(BufferedReader reader, int lineNo) throws IOException {
        try {
            return reader.readLine();
        } catch (CharacterCodingException e) {
            throw new Unusable("the file is not UTF-8 text (near line " + lineNo + ").");
        }
    }

    /** The node's problems, their lines counted from the start of the file rather than of the part. */
    static List<String> problems(String body, Part part) {
        List<String> out = new ArrayList<>();
        Map<String, Object> problem;
        try {
            problem = Json.parseObject(body == null ? "" : body, 1 << 20);
        } catch (JsonException e) {
            out.add(body == null || body.isBlank() ? "(no explanation)" : body.length() > 500 ? body.substring(0, 500) + "…" : body);
            return out;
        }
        if (problem.get("detail") instanceof String detail) {
            out.add(detail);
        }
        if (problem.get("errors") instanceof List<?> errors) {
            for (Object e : errors) {
                if (e instanceof Map<?, ?> m) {
                    String field = String.valueOf(m.get("field"));
                    Matcher line = LINE.matcher(field);
                    if (line.matches()) {
                        field = "line " + part.fileLine(Long.parseLong(line.group(1))) + line.group(2);
                    }
                    out.add(field + ": " + m.get("message"));
                }
            }
        }
        return out;
    }

    private static long count(String body) {
        try {
            return Json.parseObject(body, 1 << 16).get("imported") instanceof Number n ? n.longValue() : 0;
        } catch (JsonException e) {
            return 0;
        }
    }

    /** A file that cannot be imported as it is (exit code 2). */
    static final class Unusable extends IOException {
        Unusable(String message) {
            super(message);
        }
    }
}
