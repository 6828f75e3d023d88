package org.comity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk import of knowledge documents against a real HTTP server on loopback that answers as the
 * node's import API does: a file larger than one call goes in parts, in order, each within the limit;
 * a refused part stops the import with its problems named by the file's lines; an unusable file sends nothing.
 */
class ImportDocumentsCommandTest {

    @TempDir
    Path dir;
    HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> types = new CopyOnWriteArrayList<>();
    /** The call (from 1) the fake node refuses, naming its second line; 0 for none. */
    volatile int refuse;
    Path token;

    @BeforeEach
    void node() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/admin/knowledge/documents/import", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            types.add(exchange.getRequestHeaders().getFirst("Content-Type") + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            boolean refused = bodies.size() == refuse;
            long lines = body.lines().filter(l -> !l.isBlank()).count();
            byte[] answer = (refused
                    ? "{\"type\":\"/problems/validation\",\"status\":422,\"detail\":\"The file has errors; nothing was imported.\","
                            + "\"errors\":[{\"field\":\"line 2: language\",\"code\":\"invalid\",\"message\":\"Use one of the six UN languages.\"}]}"
                    : "{\"imported\":" + lines + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", refused ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(refused ? 422 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        token = Files.writeString(dir.resolve("token"), "cty_admin\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static String line(int i) {
        return "{\"externalId\":\"doc-" + i + "\",\"type\":\"GUIDE\",\"country\":\"XA\",\"topic\":\"PREVENTION\",\"language\":\"fr\","
                + "\"title\":\"Guide " + i + "\",\"body\":\"" + "Prévention de la cybercriminalité. ".repeat(20) + "\"}";
    }

    Path file(int lines, String... extra) throws Exception {
        List<String> all = new ArrayList<>(IntStream.rangeClosed(1, lines).mapToObj(ImportDocumentsCommandTest::line).toList());
        all.addAll(List.of(extra));
        return Files.writeString(dir.resolve("docs.jsonl"), String.join("\n", all) + "\n");
    }

    int run(StringWriter out, StringWriter err, String... args) {
        List<String> all = new ArrayList<>(List.of("import-documents"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--token-file", token.toString()));
        return ApiCommandTest.command(out, err).execute(all.toArray(String[]::new));
    }

    @Test
    void aLargeFileGoesInPartsInOrderEachWithinTheLimit() throws Exception {
        Path docs = file(300);
        StringWriter out = new StringWriter();
        int exit = run(out, new StringWriter(), docs.toString(), "--part-bytes", "50000");
        assertThat(exit).isZero();
        assertThat(bodies).hasSizeGreaterThan(5);
        assertThat(bodies).allSatisfy(b -> assertThat(b.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(50_000));
        assertThat(types).allMatch(t -> t.equals("application/x-ndjson Bearer cty_admin"));
        assertThat(bodies.stream().collect(Collectors.joining())).isEqualTo(Files.readString(docs));
        assertThat(out.toString()).contains("Imported 300 documents from " + bodies.size() + " parts.");
    }

    @Test
    void aRefusedPartStopsTheImportAndNamesTheLinesOfTheFile() throws Exception {
        Path docs = file(300);
        refuse = 2;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = run(out, err, docs.toString(), "--part-bytes", "50000");
        assertThat(exit).isEqualTo(1);
        assertThat(bodies).as("nothing sent after the refused part").hasSize(2);
        long firstPart = bodies.getFirst().lines().count();
        // The node's "line 2" of the second part is the file's line firstPart + 2.
        assertThat(err.toString()).contains("line " + (firstPart + 2) + ": language: Use one of the six UN languages.")
                .contains("Stopped at line " + (firstPart + 1) + ": " + firstPart + " documents before it were imported");
    }

    @Test
    void blankLinesAreNotSentAndDoNotShiftTheLinesNamed() throws Exception {
        Files.writeString(dir.resolve("docs.jsonl"), line(1) + "\n\n   \n" + line(2) + "\n" + line(3) + "\n");
        refuse = 1;
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, dir.resolve("docs.jsonl").toString())).isEqualTo(1);
        assertThat(bodies.getFirst().lines().toList()).hasSize(3).noneMatch(String::isBlank);
        assertThat(err.toString()).contains("line 4: language"); // the part's second line is the file's fourth
    }

    @Test
    void aFileThatCannotBeImportedWholeSendsNothing() throws Exception {
        StringWriter err = new StringWriter();
        Path huge = file(2, "{\"title\":\"" + "x".repeat(60_000) + "\"}");
        assertThat(run(new StringWriter(), err, huge.toString(), "--part-bytes", "50000")).isEqualTo(2);
        assertThat(err.toString()).contains("line 3 is longer than one call carries (50000 bytes)");

        Path latin1 = dir.resolve("latin1.jsonl");
        Files.write(latin1, "{\"title\":\"Pr\u00e9vention\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(run(new StringWriter(), err, latin1.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not UTF-8");

        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n  \n");
        assertThat(run(new StringWriter(), err, empty.toString())).isEqualTo(2);
        assertThat(run(new StringWriter(), err, dir.resolve("missing.jsonl").toString())).isEqualTo(2);
        assertThat(run(new StringWriter(), err, file(1).toString(), "--part-bytes", "2000000")).isEqualTo(2);
        assertThat(run(new StringWriter(), err, dir.toString())).as("a folder").isEqualTo(2);
        // A token file that is not there, and a --url that is not a URL: a message, not a stack trace.
        StringWriter noToken = new StringWriter();
        assertThat(ApiCommandTest.command(new StringWriter(), noToken).execute("import-documents", file(1).toString(), "--token-file",
                dir.resolve("no-such-token").toString())).isEqualTo(2);
        assertThat(noToken.toString()).contains("cannot read the token file").doesNotContain("Exception\n\tat ");
        StringWriter badUrl = new StringWriter();
        assertThat(ApiCommandTest.command(new StringWriter(), badUrl).execute("import-documents", file(1).toString(), "--token-file", token.toString(),
                "--url", "http://bad host/")).isEqualTo(2);
        assertThat(badUrl.toString()).contains("not a URL");
        assertThat(bodies).isEmpty();
    }

    @Test
    void aNodeThatCannotBeReachedIsSaidSo() throws Exception {
        StringWriter err = new StringWriter();
        int exit = ApiCommandTest.command(new StringWriter(), err).execute("import-documents", file(2).toString(), "--token-file", token.toString(),
                "--url", "http://127.0.0.1:9");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach http://127.0.0.1:9").contains("Stopped at line 1: 0 documents before it were imported");
    }

    @Test
    void anAnswerThatIsNotAnImportsIsAFailureNotZeroDocuments() throws Exception {
        server.removeContext("/api/v1/admin/knowledge/documents/import");
        server.createContext("/api/v1/admin/knowledge/documents/import", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] page = "<html>A login page</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, file(3).toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not an import's").contains("A login page");
    }
}
