package org.comity.node.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.comity.node.platform.FieldProblem;
import org.comity.node.support.Documents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestValidatorTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "EMAIL, j.doe@mail.example, true", "EMAIL, j.doe@, false", "EMAIL, @mail.example, false",
            "IP_ADDRESS, 198.51.100.23, true", "IP_ADDRESS, 256.1.1.1, false", "IP_ADDRESS, 2001:db8::1, true",
            "IP_ADDRESS, 2001:db8:::1, false", "IP_ADDRESS, ::ffff:192.0.2.1, true", "IP_ADDRESS, fe80::1::2, false",
            "IP_ADDRESS, 1:2:3:4:5:6:7:8, true", "IP_ADDRESS, 1:2:3:4:5:6:7:8:9, false",
            "DOMAIN, mail.example, true", "DOMAIN, -bad.example, false", "DOMAIN, localhost, false",
            "URL, https://mail.example/path, true", "URL, ftp://mail.example, false", "URL, https://, false",
            "PHONE, +99 1 234 5678, true", "PHONE, call me, false",
            "IMEI, 490154203237518, true", "IMEI, 12345, false", "IMSI, 310150123456789, true", "IMSI, 31015012345678901, false",
            "ACCOUNT_ID, acc-7781, true", "CRYPTO_ADDRESS, bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, true"})
    void identifiersMustHaveTheShapeOfTheirKind(IdentifierType type, String value, boolean valid) {
        assertThat(RequestValidator.wellFormed(type, value)).isEqualTo(valid);
    }

    @Test
    void aCompleteDocumentHasNoFormatProblems() {
        assertThat(RequestValidator.check(Documents.complete("budapest-31"))).isEmpty();
    }

    @Test
    void sizesDatesAndControlCharactersAreChecked() {
        RequestDocument d = Documents.complete("budapest-31");
        RequestDocument bad = new RequestDocument(d.instrument(), null, null, d.urgency(), null, "x".repeat(201), null, "english",
                List.of("en", "123"), Collections.nCopies(21, new RequestDocument.Offence("o", null, null)), "facts\u0000", d.relevance(),
                d.subjects(), List.of(new RequestDocument.DataSought(DataCategory.TRAFFIC, "d", List.of(), LocalDate.of(2026, 5, 1),
                        LocalDate.of(2026, 4, 1), null, null), new RequestDocument.DataSought(DataCategory.TRAFFIC, "d", List.of(),
                        LocalDate.of(1900, 1, 1), null, null, null)), d.measures(), null, null, null, null, null, null, null);
        assertThat(RequestValidator.check(bad)).extracting(FieldProblem::field, FieldProblem::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("title", "too-long"),
                org.assertj.core.groups.Tuple.tuple("language", "invalid-language"),
                org.assertj.core.groups.Tuple.tuple("replyLanguages[1]", "invalid-language"),
                org.assertj.core.groups.Tuple.tuple("offences", "too-many"),
                org.assertj.core.groups.Tuple.tuple("summaryOfFacts", "control-characters"),
                org.assertj.core.groups.Tuple.tuple("dataSought[0].to", "period-reversed"),
                org.assertj.core.groups.Tuple.tuple("dataSought[1].from", "date-out-of-range"));
    }
}
