package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.comity.node.platform.ComityException;

/**
 * The upload endpoint's reading of what a client sends in headers: Tus-Resumable, Upload-Length,
 * Upload-Offset, Upload-Checksum and Upload-Metadata, then the metadata's fields. Each is understood
 * or refused with the documented problem (400 invalid-header, 412 tus-version, 422 validation);
 * nothing else escapes, whatever the bytes.
 *
 * <p>An input is the five header values on lines of their own, in that order (seeds are readable
 * text files); missing lines are absent headers.
 */
class UploadHeadersFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final Set<String> HEADER_REFUSALS = Set.of("invalid-header", "tus-version");

    @FuzzTest(maxDuration = "20s")
    void uploadHeadersAreUnderstoodOrRefusedWithAProblem(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 5);
        String version = line(lines, 0), length = line(lines, 1), offset = line(lines, 2), checksum = line(lines, 3), metadata = line(lines, 4);

        refusedOnlyAsHeaderProblem(() -> TusHeaders.requireVersion(version));
        refusedOnlyAsHeaderProblem(() -> assertThat(TusHeaders.length(length)).isNotNegative());
        refusedOnlyAsHeaderProblem(() -> assertThat(TusHeaders.offset(offset)).isNotNegative());
        refusedOnlyAsHeaderProblem(() -> {
            TusHeaders.Checksum parsed = TusHeaders.checksum(checksum);
            if (parsed != null) {
                assertThat(parsed.digest()).hasSize(parsed.algorithm().equals("sha1") ? 20 : 32);
                assertThat(parsed.newDigest()).isNotNull();
            }
        });
        Map<String, String> pairs;
        try {
            pairs = TusHeaders.metadata(metadata);
        } catch (ComityException refused) {
            assertHeaderProblem(refused);
            return;
        }
        pairs.keySet().forEach(key -> assertThat(key).isNotEmpty().doesNotContain(" ", ","));
        try {
            UploadForm form = UploadForm.parse(pairs, CLOCK);
            assertThat(form.requestId()).isNotNull();
            assertThat(form.fileName()).isNotBlank().doesNotContain("/", "\\");
            assertThat(form.acquisition().acquiredAt()).isBeforeOrEqualTo(CLOCK.instant().plus(UploadForm.CLOCK_SKEW));
        } catch (ComityException refused) {
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.type()).isEqualTo("validation");
            assertThat(refused.fieldProblems()).isNotEmpty();
        }
    }

    private static String line(String[] lines, int i) {
        return i < lines.length ? lines[i] : null;
    }

    private static void refusedOnlyAsHeaderProblem(Runnable parse) {
        try {
            parse.run();
        } catch (ComityException refused) {
            assertHeaderProblem(refused);
        }
    }

    private static void assertHeaderProblem(ComityException refused) {
        assertThat(refused.type()).isIn(HEADER_REFUSALS);
        assertThat(refused.status()).isIn(400, 412);
        assertThat(refused.getMessage()).isNotBlank();
    }
}
