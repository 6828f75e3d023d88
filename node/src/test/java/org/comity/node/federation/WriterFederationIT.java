package org.comity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The Request Writer's output leaves through the exchange: on Aurelia's node the prosecutor's
 * request is refused by the writer until signed off, then sent; Borealis's node receives the
 * request with the signed-off PDF attached, and its central authority can read the PDF.
 */
class WriterFederationIT {

    @org.junit.jupiter.api.Test
    void aSignedOffRequestTravelsToTheOtherNodeWithItsPdf() throws Exception {
        try (Federation nodes = new Federation(Federation.workDir("writer-federation"), Map.of())) {
            nodes.federate(Map.of(), List.of());
            String to = Federation.authority(nodes.xa, "Borealis Central Authority");
            @SuppressWarnings("unchecked")
            Map<String, Object> document = Federation.JSON.readValue(Federation.class.getResourceAsStream("request.json"), Map.class);
            document.put("requestedAuthority", to);
            document.put("title", "Business e-mail compromise, drafted in the writer");
            String id = Federation.JSON.readTree(Federation.post(nodes.xa, "prosecutor", "/api/v1/requests", document).body())
                    .get("summary").get("id").asString();
            String writer = "/api/v1/writer/drafts/" + id;

            assertThat(Federation.json(nodes.xa, "prosecutor", writer + "/completeness").get("complete").asBoolean()).isTrue();
            assertThat(Federation.post(nodes.xa, "prosecutor", writer + "/send", Map.of()).statusCode()).as("not signed off").isEqualTo(409);
            HttpResponse<String> signed = Federation.post(nodes.xa, "prosecutor", writer + "/sign-off", Map.of());
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
            HttpResponse<String> sent = Federation.post(nodes.xa, "prosecutor", writer + "/send", Map.of());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

            Federation.await(nodes.xa, "prosecutor", id, Federation.status("DELIVERED"), Duration.ofSeconds(30));
            JsonNode received = Federation.await(nodes.xb, "ca.officer", id, r -> r.get("attachments").size() == 1, Duration.ofSeconds(30));
            JsonNode pdf = received.get("attachments").get(0);
            assertThat(pdf.get("fileName").asString()).endsWith(".pdf");
            HttpResponse<String> download = Federation.get(nodes.xb, "ca.officer", "/api/v1/requests/" + id + "/attachments/" + pdf.get("id").asString());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).startsWith("%PDF-");

            // The demo's own writer draft on Aurelia: translated into French, signed off, ready to send.
            JsonNode outbox = Federation.json(nodes.xa, "prosecutor", "/api/v1/requests?box=OUTBOX&instrument=budapest-29&size=200");
            String demo = outbox.get("items").valueStream().filter(r -> r.get("title").asString().equals("Logs of a phishing host in Caldera"))
                    .findFirst().orElseThrow().get("id").asString();
            JsonNode draft = Federation.json(nodes.xa, "prosecutor", "/api/v1/writer/drafts/" + demo);
            assertThat(draft.get("signedOff").asBoolean()).isTrue();
            assertThat(draft.get("translation").get("language").asString()).isEqualTo("fr");
        }
    }
}
