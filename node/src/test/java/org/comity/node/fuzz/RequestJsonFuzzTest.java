package org.comity.node.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.comity.node.account.UserDraft;
import org.comity.node.directory.AuthorityDraft;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.Completeness;
import org.comity.node.request.CommandInput;
import org.comity.node.request.Instrument;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestValidator;
import org.comity.node.support.Instruments;
import org.comity.node.web.JsonConfiguration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON body the API reads, fed arbitrary bytes through the API's own strict mapper: the
 * outcome is a parsed value or a Jackson error (which the API turns into a 400), never anything
 * else; and whatever parses, the validators judge without failing.
 */
class RequestJsonFuzzTest {

    static final JsonMapper API;
    static final List<Instrument> INSTRUMENTS = List.of("budapest-26", "budapest-29", "budapest-30", "budapest-31", "budapest-35", "protocol-6",
            "protocol-7", "protocol-8", "protocol-9", "protocol-10", "eu-epoc", "eu-epoc-pr", "bilateral-mla").stream().map(Instruments::load).toList();

    static {
        JsonMapper.Builder builder = JsonMapper.builder();
        JsonConfiguration.strict(builder);
        API = builder.build();
    }

    @FuzzTest(maxDuration = "30s")
    void requestDocumentsParseOrAreRefusedAndAreAlwaysJudged(byte[] input) {
        RequestDocument document;
        try {
            document = API.readValue(input, RequestDocument.class);
        } catch (JacksonException refused) {
            return;
        }
        if (document == null) {
            return;
        }
        check(RequestValidator.check(document));
        for (Instrument instrument : INSTRUMENTS) {
            check(Completeness.check(document, instrument));
        }
    }

    @FuzzTest(maxDuration = "15s")
    void otherBodiesParseOrAreRefused(byte[] input) {
        for (Class<?> type : List.of(CommandInput.class, UserDraft.class, AuthorityDraft.class)) {
            try {
                API.readValue(input, type);
            } catch (JacksonException refused) {
                // a 400 naming the problem
            }
        }
    }

    static void check(List<FieldProblem> problems) {
        for (FieldProblem p : problems) {
            assertThat(p.field()).isNotBlank();
            assertThat(p.code()).isNotBlank();
            assertThat(p.message()).isNotBlank();
        }
    }
}
