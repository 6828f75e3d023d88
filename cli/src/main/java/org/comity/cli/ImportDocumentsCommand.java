package org.comity.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
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

    @Option(names = "--part-bytes", description = "the most bytes sent in one call (default ${DEFAULT-VALUE}, at most 1048576)", defaultValue = "1000000")
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
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (partBytes < 1024 || partBytes > MAX_PART_BYTES) {
            err.println("comity import-documents: --part-bytes must be between 1024 and " + MAX_PART_BYTES);
            return 2;
        }
        try {
            check(file, partBytes);
        } catch (NoSuchFileException e) {
            err.println("comity import-documents: no such file: " + file);
            return 2;
        } catch (IOException e) { // Unusable, or a file that cannot be read (a folder, no permission)
            err.println("comity import-documents: " + (e instanceof Unusable ? "" : "cannot read " + file + ": ") + e.getMessage());
            return 2;
        }
        String token;
        try {
            token = node.token();
        } catch (IOException e) {
            err.println("comity import-documents: cannot read the token file: " + e.getMessage());
            return 2;
        }
        if (token == null) {
            err.println("comity import-documents: no token. Put an administrator's API token in a file and pass --token-file, or set COMITY_TOKEN.");
            return 2;
        }
        String base = node.base();
        URI endpoint;
        try {
            endpoint = URI.create(base + "/api/v1/admin/knowledge/documents/import");
        } catch (IllegalArgumentException e) {
            err.println("comity import-documents: --url is not a URL: " + base);
            return 2;
        }
        long imported = 0;
        int parts = 0;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                PartReader reader = new PartReader(file, partBytes)) {
            Part part;
            while ((part = reader.next()) != null) {
                String body = String.join("\n", part.lines()) + "\n";
                HttpRequest request = HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofMinutes(5))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json, application/problem+json")
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build();
                HttpResponse<String> response;
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (java.net.ConnectException e) {
                    err.println("comity import-documents: cannot reach " + base + " (" + e.getClass().getSimpleName() + ")");
                    stopped(err, part, imported);
                    return 1;
                } catch (IOException e) {
                    err.println("comity import-documents: no answer from " + base + " for lines " + part.first() + " to " + part.last() + " ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "); the node may or may not have imported them.");
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
                if (n < 0) {
                    err.println("comity import-documents: the answer for lines " + part.first() + " to " + part.last()
                            + " is not an import's (is --url a Comity node?): " + abbreviate(response.body()));
                    stopped(err, part, imported);
                    return 1;
                }
                imported += n;
                parts++;
                out.println("lines " + part.first() + " to " + part.last() + ": " + n + " imported (" + imported + " in all)");
                out.flush();
            }
        } catch (IOException e) {
            err.println("comity import-documents: cannot read " + file + " any more: " + e.getMessage());
            return 1;
        }
        out.println("Imported " + imported + " documents from " + parts + (parts == 1 ? " part." : " parts."));
        return 0;
    }

    private static void stopped(PrintWriter err, Part part, long imported) {
        err.println("Stopped at line " + part.first() + ": " + imported + " documents before it were imported. Fix the file and run it again:"
                + " a document with an externalId is replaced, not added twice.");
    }

    /**
     * Reads the whole file once before anything is sent, in bounded memory and one pass: it must be UTF-8 text,
     * hold at least one line that is not blank, and no line may be longer than one call carries.
     */
    static void check(Path file, int maxBytes) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        long lineNo = 1;
        long size = 0; // the line's length in UTF-8 bytes so far
        boolean afterCr = false;
        boolean any = false;
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), decoder)) {
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                for (int k = 0; k < n; k++) {
                    char c = buffer[k];
                    if (c == '\n' && afterCr) {
                        afterCr = false;
                        continue;
                    }
                    afterCr = c == '\r';
                    if (c == '\n' || c == '\r') {
                        lineNo++;
                        size = 0;
                        continue;
                    }
                    any |= !Character.isWhitespace(c) && c != '\uFEFF';
                    size += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4 bytes
                    if (size + 1 > maxBytes) {
                        throw new Unusable("line " + lineNo + " is longer than one call carries (" + maxBytes + " bytes). Shorten that document's body.");
                    }
                }
            }
        } catch (CharacterCodingException e) {
            throw new Unusable("the file is not UTF-8 text.");
        }
        if (!any) {
            throw new Unusable(file + " has no documents (no line that is not blank).");
        }
    }

    /** The file's non-blank lines in parts of at most {@code maxBytes} (UTF-8, with their newlines), one part at a time. */
    static final class PartReader implements AutoCloseable {
        private final BufferedReader reader;
        private final int maxBytes;
        private int lineNo;
        private String pending;
        private int pendingNo;

        PartReader(Path file, int maxBytes) throws IOException {
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            this.reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder));
            this.maxBytes = maxBytes;
        }

        /** The next part, or null at the end of the file. */
        Part next() throws IOException {
            List<String> lines = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>();
            int bytes = 0;
            while (true) {
                String line;
                int no;
                if (pending != null) {
                    line = pending;
                    no = pendingNo;
                    pending = null;
                } else {
                    line = readLine(reader, lineNo + 1);
                    if (line == null) {
                        break;
                    }
                    no = ++lineNo;
                    if (no == 1 && line.startsWith("\uFEFF")) {
                        line = line.substring(1);
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                }
                int size = line.getBytes(StandardCharsets.UTF_8).length + 1;
                if (size > maxBytes) {
                    throw new Unusable("line " + no + " is longer than one call carries (" + maxBytes + " bytes). Shorten that document's body.");
                }
                if (bytes + size > maxBytes) { // the part closes before the line that would not fit
                    pending = line;
                    pendingNo = no;
                    break;
                }
                lines.add(line);
                numbers.add(no);
                bytes += size;
            }
            return lines.isEmpty() ? null : new Part(List.copyOf(lines), List.copyOf(numbers));
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Every part of a file that {@link #check} accepts (for tests: the command itself reads one part at a time). */
    static List<Part> split(Path file, int maxBytes) throws IOException {
        check(file, maxBytes);
        List<Part> parts = new ArrayList<>();
        try (PartReader reader = new PartReader(file, maxBytes)) {
            Part part;
            while ((part = reader.next()) != null) {
                parts.add(part);
            }
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

    /** The "imported" count of an import's answer; -1 when the answer is not one. */
    static long count(String body) {
        try {
            return Json.parseObject(body == null ? "" : body, 1 << 16).get("imported") instanceof Number n && n.longValue() >= 0 ? n.longValue() : -1;
        } catch (JsonException e) {
            return -1;
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    /** A file that cannot be imported as it is (exit code 2). */
    static final class Unusable extends IOException {
        Unusable(String message) {
            super(message);
        }
    }
}
