package org.comity.node.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.comity.node.platform.FieldProblem;
import org.comity.node.support.Documents;
import org.comity.node.support.Instruments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What each instrument requires before a request may leave (DOMAIN.md, "Instruments and what each request needs"). */
class CompletenessTest {

    static Stream<String> instruments() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/instruments"))) {
            return files.map(f -> f.getFileName().toString().replace(".yaml", "")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("instruments")
    void aCompleteDocumentSatisfiesEveryInstrument(String id) {
        assertThat(Completeness.check(Documents.complete(id), Instruments.load(id))).isEmpty();
    }

    @Test
    void anArticle29PreservationNeedsTheCustodianTheNecessityAndTheIntentToFollowUp() {
        RequestDocument d = Documents.complete("budapest-29");
        RequestDocument without = new RequestDocument(d.instrument(), d.requestingAuthority(), d.requestedAuthority(), d.urgency(),
                d.urgencyReason(), d.title(), null, "en", List.of(), d.offences(), d.summaryOfFacts(), d.relevance(), d.subjects(),
                List.of(new RequestDocument.DataSought(DataCategory.TRAFFIC, "logs", List.of(), null, null, null, null)), List.of(),
                null, null, null, null, null, null, null);
        assertThat(Completeness.check(without, Instruments.load("budapest-29"))).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("dataSought[0].custodian", "necessityAndProportionality", "followUpMlaIntended");
    }

    @Test
    void anEmergencyDisclosureNeedsTheEmergencyFactsAndTheOffencesLawAndPenalty() {
        RequestDocument d = Documents.complete("protocol-9");
        RequestDocument without = new RequestDocument(d.instrument(), d.requestingAuthority(), d.requestedAuthority(), Urgency.EMERGENCY,
                "Life at risk", d.title(), null, "en", List.of(), List.of(new RequestDocument.Offence("Kidnapping", null, null)), null, null,
                List.of(), d.dataSought(), List.of(), null, null, null, null, null, null, null);
        assertThat(Completeness.check(without, Instruments.load("protocol-9"))).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("emergencyFacts", "offences[0].legalProvision", "offences[0].maximumPenalty");
    }

    @Test
    void anUrgentRequestMustSayWhyItIsUrgent() {
        RequestDocument d = Documents.complete("budapest-31");
        RequestDocument urgent = new RequestDocument(d.instrument(), d.requestingAuthority(), d.requestedAuthority(), Urgency.URGENT, null,
                d.title(), d.nationalReference(), d.language(), d.replyLanguages(), d.offences(), d.summaryOfFacts(), d.relevance(), d.subjects(),
                d.dataSought(), d.measures(), d.necessityAndProportionality(), d.procedureRequirements(), d.confidentiality(), null,
                d.followUpMlaIntended(), d.emergencyFacts(), d.relatedRequest());
        assertThat(Completeness.check(urgent, Instruments.load("budapest-31"))).extracting(FieldProblem::field).containsExactly("urgencyReason");
    }
}
