package org.comity.node.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.ProfileFile;
import org.comity.node.platform.FieldProblem;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The profile editor's form, posted with any fields and values: it always reads into a profile and
 * a list of problems (never an exception, so never a 500), every problem names a field of the form,
 * and a profile that reads without problems and passes the checks is shown and read back unchanged.
 */
class ProfileFormFuzzTest {

    /** Names the form uses, so the fuzzer reaches the rows and their fields rather than only unknown keys. */
    static final List<String> NAMES = List.of("stateName", "euMember", "languages", "centralAuthority", "pointOfContact", "notes",
            "treaties[BUDAPEST].party", "treaties[BUDAPEST].inForceSince", "treaties[BILATERAL_MLA].party", "treaties[BILATERAL_MLA].partners",
            "reservations.rows", "reservations[0].instrument", "reservations[0].effect", "reservations[0].text", "reservations[1].remove",
            "requirements.signature", "requirements.threshold", "preservation.days", "preservation.extensionDays", "preservation.basis",
            "providers.rows", "providers[0].name", "providers[0].kind", "providers[0].authority", "providers[0].accepts", "providers[2].contact",
            "processingTimes.rows", "processingTimes[0].channel", "processingTimes[0].typical", "processingTimes[0].unit",
            "processingTimes[0].source", "processingTimes[1].note");

    @FuzzTest(maxDuration = "20s")
    void anyPostedFormReadsIntoAProfileAndProblems(FuzzedDataProvider data) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        int fields = data.consumeInt(0, 40);
        for (int i = 0; i < fields && data.remainingBytes() > 0; i++) {
            String name = data.consumeBoolean() ? NAMES.get(data.consumeInt(0, NAMES.size() - 1)) : data.consumeString(40);
            form.add(name, data.consumeString(80));
        }
        ProfileForm.Parsed parsed = ProfileForm.read("XB", form);
        CountryProfile p = parsed.profile();
        assertThat(p.stateCode()).isEqualTo("XB");
        List<FieldProblem> checked = ProfileFile.check(p);
        for (FieldProblem problem : checked) {
            String field = parsed.onForm(problem).field();
            assertThat(field).isNotBlank();
            // A problem of a row names a row the form posted (blank and removed rows are not counted).
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("^((reservations|providers|processingTimes)\\[\\d+])").matcher(field);
            if (row.find()) {
                assertThat(form.keySet()).anyMatch(k -> k.startsWith(row.group(1) + "."));
            }
        }
        if (parsed.problems().isEmpty() && checked.isEmpty()) {
            assertThat(ProfileForm.read("XB", ProfileForm.values(p)).profile()).isEqualTo(p);
        }
    }
}
