package org.comity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bulk import's reading of a user's file and of the node's answer: any bytes split into parts
 * within the limit that hold exactly the file's non-blank lines, in order, or are refused as
 * unusable; any answer body gives printable problems, never an exception.
 */
class ImportDocumentsFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyFileSplitsIntoWholeLinesWithinTheLimitOrIsRefused(FuzzedDataProvider data) throws Exception {
        int max = data.consumeInt(1024, 4096);
        String answer = data.consumeString(500);
        byte[] bytes = data.consumeRemainingAsBytes();
        Path file = Files.createTempFile("comity-import-", ".jsonl");
        try {
            Files.write(file, bytes);
            List<ImportDocumentsCommand.Part> parts;
            try {
                parts = ImportDocumentsCommand.split(file, max);
            } catch (ImportDocumentsCommand.Unusable refused) {
                assertThat(refused.getMessage()).isNotBlank();
                return;
            }
            List<String> sent = new ArrayList<>();
            for (ImportDocumentsCommand.Part part : parts) {
                assertThat(part.lines()).isNotEmpty().hasSameSizeAs(part.numbers()).noneMatch(String::isBlank);
                int size = part.lines().stream().mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
                assertThat(size).isLessThanOrEqualTo(max);
                sent.addAll(part.lines());
                assertThat(ImportDocumentsCommand.problems(answer, part)).allSatisfy(p -> assertThat(p).isNotNull());
            }
            List<String> expected = new String(bytes, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").lines().filter(l -> !l.isBlank()).toList();
            assertThat(sent).isEqualTo(expected);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
