package org.comity.node.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.comity.node.platform.ComityException;
import org.comity.node.request.Action;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestValidator;
import org.comity.node.request.internal.InstrumentCatalog;
import org.comity.node.request.internal.RequestForm;
import org.comity.node.web.ETags;
import org.comity.node.web.Prefer;

/**
 * The small parsers of text that users and clients send: identifiers pasted into a form, the
 * If-Match and Prefer headers, action names in URLs, and instrument data files. Each either understands its
 * input or refuses it with the node's own error, never with anything unexpected.
 */
class TextInputFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void pastedIdentifiersAlwaysBecomeIdentifiersOfAKnownKind(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        for (RequestDocument.Identifier id : RequestForm.identifiers(text)) {
            assertThat(id.type()).isNotNull();
            assertThat(id.value()).isNotNull();
            RequestValidator.wellFormed(id.type(), id.value());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void headersAndActionNamesAreUnderstoodOrRefusedCleanly(FuzzedDataProvider data) {
        String ifMatch = data.consumeString(40);
        try {
            assertThat(ETags.version(ifMatch)).isNotNegative();
        } catch (ComityException refused) {
            assertThat(refused.status()).isEqualTo(400);
        }
        String prefer = data.consumeString(200);
        boolean minimal = Prefer.returnMinimal(prefer);
        if (minimal) {
            assertThat(prefer.toLowerCase(java.util.Locale.ROOT)).contains("return").contains("minimal");
        }
        assertThat(Prefer.returnMinimal("return=minimal, " + prefer)).as("the first return preference wins").isTrue();
        assertThat(Prefer.returnMinimal("return=representation, " + prefer)).isFalse();
        String slug = data.consumeRemainingAsString();
        try {
            assertThat(Action.fromSlug(slug).slug()).isEqualToIgnoringCase(slug.replace('_', '-'));
        } catch (IllegalArgumentException refused) {
            // an unknown action: 404 in the API
        }
    }

    @FuzzTest(maxDuration = "20s")
    void instrumentFilesLoadOrStopTheNodeWithAReason(byte[] input) {
        try {
            assertThat(InstrumentCatalog.parse(new ByteArrayInputStream(input), "fuzz.yaml").id()).isNotBlank();
        } catch (IllegalStateException refused) {
            assertThat(refused.getMessage()).contains("fuzz.yaml");
        }
    }
}
