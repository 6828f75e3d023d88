package org.comity.node.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.DocumentDraft;
import org.comity.node.knowledge.DocumentLines;
import org.comity.node.knowledge.ProfileFile;
import org.comity.node.platform.ComityException;

/**
 * The knowledge base's importers fed arbitrary bytes: a country profile file and a JSON-lines file of
 * documents either import, and then every value passes the checks and a profile file survives
 * export and re-import unchanged, or they are refused as a 400 or a 422 naming the problem; never
 * anything else.
 */
class KnowledgeImportFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void profileFilesImportOrAreRefusedWithAReason(byte[] input) {
        ProfileFile file;
        try {
            file = ProfileFile.read(input);
        } catch (ComityException refused) {
            assertThat(refused.status()).isIn(400, 422);
            refused.fieldProblems().forEach(p -> assertThat(p.field()).isNotBlank());
            return;
        }
        for (CountryProfile p : file.profiles()) {
            assertThat(ProfileFile.check(p)).isEmpty();
        }
        List<CountryProfile> again = ProfileFile.read(ProfileFile.write(file.profiles())).profiles();
        assertThat(again).isEqualTo(file.profiles());
    }

    @FuzzTest(maxDuration = "30s")
    void documentLinesImportOrAreRefusedWithAReason(byte[] input) {
        List<DocumentDraft> drafts;
        try {
            drafts = DocumentLines.read(new ByteArrayInputStream(input));
        } catch (ComityException refused) {
            assertThat(refused.status()).isIn(400, 422);
            assertThat(refused.fieldProblems().size()).isLessThanOrEqualTo(100);
            return;
        }
        for (DocumentDraft d : drafts) {
            assertThat(DocumentLines.check(d)).isEmpty();
        }
    }
}
