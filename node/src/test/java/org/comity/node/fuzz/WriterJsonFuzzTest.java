package org.comity.node.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.comity.node.request.RequestDocument;
import org.comity.node.support.Documents;
import org.comity.node.web.JsonConfiguration;
import org.comity.node.writer.DraftStart;
import org.comity.node.writer.Translation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Request Writer's API bodies (a draft's start, a translation), fed arbitrary bytes through
 * the API's own strict mapper: a parsed value or a Jackson error (a 400), never anything else; and
 * whatever translation parses, its checks judge it without failing.
 */
class WriterJsonFuzzTest {

    static final JsonMapper API;
    static final RequestDocument COMPLETE = Documents.complete("bilateral-mla");

    static {
        JsonMapper.Builder builder = JsonMapper.builder();
        JsonConfiguration.strict(builder);
        API = builder.build();
    }

    @FuzzTest(maxDuration = "20s")
    void writerBodiesParseOrAreRefusedAndTranslationsAreAlwaysJudged(byte[] input) {
        try {
            API.readValue(input, DraftStart.class);
        } catch (JacksonException refused) {
            // a 400 naming the problem
        }
        Translation translation;
        try {
            translation = API.readValue(input, Translation.class);
        } catch (JacksonException refused) {
            return;
        }
        if (translation == null) {
            return;
        }
        RequestJsonFuzzTest.check(translation.check());
        RequestJsonFuzzTest.check(translation.missingFrom(COMPLETE));
        for (String path : Translation.translatable(COMPLETE).keySet()) {
            translation.text(path);
        }
    }
}
