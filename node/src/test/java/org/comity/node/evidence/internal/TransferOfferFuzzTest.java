package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonException;

/**
 * What a peer node puts in an evidence offer (after its envelope opened): the payload is read into
 * an offer, or refused as invalid content (a 422), and the custody excerpt in it is read or refused
 * with a reason; nothing else escapes.
 */
class TransferOfferFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void offersAreReadOrRefused(byte[] input) {
        Object json;
        try {
            json = Json.parse(new String(input, StandardCharsets.UTF_8), 1 << 20);
        } catch (JsonException notJson) {
            return;
        }
        if (!(json instanceof Map<?, ?> map)) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) map;
        TransferService.Offer offer;
        try {
            offer = TransferService.Offer.read(payload);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(offer.key()).hasSize(32);
        assertThat(offer.size()).isNotNegative();
        assertThat(offer.chunkSize()).isBetween(1024, 64 * 1024 * 1024);
        try {
            OfferedCustody.read(offer.custody());
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).contains("excerpt");
        }
    }
}
