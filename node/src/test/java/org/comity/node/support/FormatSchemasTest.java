package org.comity.node.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The schema check that the two-node tests apply to real messages does refuse what the schemas forbid. */
class FormatSchemasTest {

    @Test
    void aMessageMissingItsFieldsOrWithAnUnknownOneIsRefused() {
        assertThat(FormatSchemas.problems("envelope.schema.json", "{\"schema\":\"comity.message/1\"}"))
                .anySatisfy(p -> assertThat(p).contains("conversation"));
        assertThat(FormatSchemas.problems("envelope.schema.json", "{\"schema\":\"comity.message/2\",\"extra\":1}"))
                .anySatisfy(p -> assertThat(p).contains("extra"))
                .anySatisfy(p -> assertThat(p).contains("schema"));
        assertThat(FormatSchemas.problems("trust-list.schema.json", "[]")).isNotEmpty();
    }

    @Test
    void anInstantIsSpelledOneWayAsTheCanonicalFormRequires() {
        String message = "{\"schema\":\"comity.message/1\",\"id\":\"01a22919-cdc0-7000-ab94-d1093d040f6e\",\"type\":\"request.event\","
                + "\"conversation\":\"01a22919-cdc0-7000-ab94-d1093d040f6e\",\"seq\":1,\"from\":\"XA\",\"to\":\"XB\",\"sentAt\":\"%s\",\"payload\":{}}";
        for (String good : java.util.List.of("2026-03-01T10:15:30Z", "2026-03-01T10:15:30.500Z", "2026-03-01T10:15:30.123456Z",
                "2026-03-01T10:15:30.000500Z", "2026-03-01T10:15:30.123456789Z")) {
            assertThat(FormatSchemas.problems("envelope.schema.json", message.formatted(good))).as(good).isEmpty();
        }
        for (String bad : java.util.List.of("2026-03-01T10:15:30+00:00", "2026-03-01T10:15:30.5Z", "2026-03-01T10:15Z",
                "2026-03-01T10:15:30.000Z", "2026-03-01T10:15:30.500000Z")) {
            assertThat(FormatSchemas.problems("envelope.schema.json", message.formatted(bad))).as(bad).anySatisfy(p -> assertThat(p).contains("sentAt"));
        }
    }

    @Test
    void aRealReceiptMeetsTheReceiptSchemaAndAForgedShapeDoesNot() throws Exception {
        var key = org.comity.custody.keys.SigningKey.generate();
        var message = new org.comity.custody.envelope.Message(java.util.UUID.randomUUID(), "request.event", java.util.UUID.randomUUID(), 1, "XA", "XB",
                java.time.Instant.parse("2026-03-01T10:15:30.120Z"), java.util.Map.of());
        String signed = org.comity.custody.envelope.Envelopes.sign(message, key);
        var opened = new org.comity.custody.envelope.Opened(message, key.kid(), org.comity.custody.envelope.Envelopes.digest(signed), signed,
                org.comity.custody.envelope.Receipt.Subject.SIGNED_MESSAGE);
        String receipt = org.comity.custody.envelope.Receipts.sign(org.comity.custody.envelope.Receipt.of(opened, "XB",
                java.time.Instant.parse("2026-03-01T10:15:31Z")), key);
        String payload = new String(java.util.Base64.getUrlDecoder().decode(receipt.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(FormatSchemas.problems("receipt.schema.json", payload)).isEmpty();
        assertThat(FormatSchemas.problems("receipt.schema.json", payload.replace("\"by\":\"XB\"", "\"by\":\"xb\""))).isNotEmpty();
    }

}
