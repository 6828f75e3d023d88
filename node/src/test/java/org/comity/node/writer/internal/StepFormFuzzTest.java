package org.comity.node.writer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.Completeness;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestValidator;
import org.comity.node.support.Documents;
import org.comity.node.support.Instruments;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The writer's step forms, fed arbitrary field names and values: every step reads what it knows,
 * ignores the rest and yields a document the validators judge; the translation step keeps only
 * texts. Nothing else escapes (a malformed date, enum or id is simply not taken).
 */
class StepFormFuzzTest {

    static final List<String> NAMES = List.of("title", "urgency", "urgencyReason", "language", "requestedAuthority", "replyLanguages",
            "nationalReference", "offences[0].name", "offences[1].legalProvision", "offences[19].maximumPenalty", "summaryOfFacts", "relevance",
            "emergencyFacts", "subjects[0].kind", "subjects[0].role", "subjects[0].name", "subjects[0].identifiers", "subjects[3].details",
            "dataSought[0].category", "dataSought[0].description", "dataSought[0].identifiers", "dataSought[0].from", "dataSought[0].to",
            "dataSought[0].custodian", "dataSought[2].location", "measures[0].type", "measures[0].description", "followUpMlaIntended",
            "procedureRequirements", "necessityAndProportionality", "confidentiality", "confidentialityNote", "t:title", "t:summaryOfFacts",
            "t:offences[0].name");
    static final RequestDocument COMPLETE = Documents.complete("budapest-31");

    @FuzzTest(maxDuration = "20s")
    void everyStepReadsWhatItKnowsAndTheResultIsJudged(FuzzedDataProvider data) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        int fields = data.consumeInt(0, 40);
        for (int i = 0; i < fields; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(40);
            form.add(name, data.consumeString(300));
        }
        StepForm step = new StepForm(form);
        for (Step s : Step.values()) {
            RequestDocument d = step.apply(s, COMPLETE);
            check(RequestValidator.check(d));
            check(Completeness.check(d, Instruments.load("budapest-31")));
        }
        check(step.translation("fr").check());
    }

    static void check(List<FieldProblem> problems) {
        for (FieldProblem p : problems) {
            assertThat(p.field()).isNotBlank();
            assertThat(p.code()).isNotBlank();
            assertThat(p.message()).isNotBlank();
        }
    }
}
