package org.comity.custody.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.keys.Sha256;
import org.junit.jupiter.api.Test;

/** A custody event is one canonical byte string, read back strictly; anything outside the format is refused with the field named. */
class CustodyEventTest {

    static final UUID EXHIBIT = UUID.fromString("3f1c9a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b");
    static final UUID AUTHORITY = UUID.fromString("5e0d2f0a-6f8e-4c61-9d7e-2b1a3f4c5d6e");
    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static CustodyEvent acquired() {
        return CustodyEvent.builder(UUID.fromString("0196a3b2-0000-7000-8000-000000000001"), EXHIBIT, CustodyAction.ACQUIRE)
                .actor(Actor.of("Insp. Ana Ferreira", "examiner", AUTHORITY, "Aurelia Cybercrime Unit")).tool(new Tool("UFED 4PC", "7.71"))
                .node("XA", "XA").at(Instant.parse("2026-11-02T09:15:00.250123Z")).reason("Seized phone, logical extraction")
                .authority(LegalAuthority.of("Budapest Convention Art. 31", "XB-2026-0412", UUID.fromString("0196a3b2-7c10-7d2e-8f3a-4b5c6d7e8f90")))
                .outputSha256(HASH).detail("sizeBytes", 3000).detail("fileName", "msgstore.db").build();
    }

    @Test
    void anEventIsItsCanonicalJsonAndReadsBackEqual() throws Exception {
        CustodyEvent event = acquired();
        String text = new String(event.canonicalBytes(), StandardCharsets.UTF_8);

        assertThat(text).startsWith("{\"action\":\"acquire\",\"actor\":{\"authorityId\":\"5e0d2f0a-6f8e-4c61-9d7e-2b1a3f4c5d6e\",")
                .contains("\"at\":\"2026-11-02T09:15:00.250Z\"", "\"previous\":null", "\"details\":{\"fileName\":\"msgstore.db\",\"sizeBytes\":3000}")
                .contains("\"schema\":\"comity.custody-event/1\"").doesNotContain("inputSha256", ", \"", "\": ");
        assertThat(CustodyEvent.parseCanonical(event.canonicalBytes())).isEqualTo(event);
        assertThat(event.sha256()).isEqualTo(Sha256.hex(event.canonicalBytes()));
    }

    @Test
    void anythingOutsideTheFormatIsRefusedNamingTheField() {
        String json = new String(acquired().canonicalBytes(), StandardCharsets.UTF_8);
        refused(json.replace("\"reason\":", "\"colour\":\"red\",\"reason\":"), "colour", "not a field of this format");
        refused(json.replace("\"action\":\"acquire\"", "\"action\":\"steal\""), "action", "must be one of");
        refused(json.replace("\"outputSha256\":\"" + HASH, "\"outputSha256\":\"" + HASH.toUpperCase()), "outputSha256", "64 lower-case hex");
        refused(json.replace("\"at\":\"2026-11-02T09:15:00.250Z\"", "\"at\":\"2026-11-02T09:15:00Z\""), "at", "with milliseconds");
        refused(json.replace("\"at\":\"2026-11-02T09:15:00.250Z\"", "\"at\":\"2026-02-30T09:15:00.250Z\""), "at", "not a valid date");
        refused(json.replace("\"node\":\"XA\"", "\"node\":17"), "node", "must be a non-empty string");
        refused(json.replace("\"state\":\"XA\"", "\"state\":\"Aurelia\""), "state", "two-letter");
        refused(json.replace("\"previous\":null,", ""), "previous", "is required");
        refused(json.replace("\"sizeBytes\":3000", "\"sizeBytes\":3000.5"), "details.sizeBytes", "whole");
        refused(json.replace("\"name\":\"UFED 4PC\"", "\"name\":\"UFED\\u0000\""), "tool.name", "control characters");
        refused(json.replace("\"schema\":\"comity.custody-event/1\"", "\"schema\":\"comity.custody-event/2\""), "schema", "must be comity.custody-event/1");
        refused(json.replace("\"id\":\"0196a3b2-0000-7000-8000-000000000001\"", "\"id\":\"0196A3B2-0000-7000-8000-000000000001\""), "id", "UUID in lower case");
        refused(json + " ", "", "");
        refused("[]", "", "expected a JSON object");
    }

    @Test
    void onlyTheCanonicalBytesAreALedgerEntry() throws Exception {
        String json = new String(acquired().canonicalBytes(), StandardCharsets.UTF_8);
        byte[] spaced = json.replace(",\"at\":", ", \"at\":").getBytes(StandardCharsets.UTF_8);

        assertThat(CustodyEvent.parse(spaced)).isEqualTo(acquired());
        assertThatThrownBy(() -> CustodyEvent.parseCanonical(spaced)).isInstanceOf(CustodyFormatException.class).hasMessageContaining("canonical");
        byte[] reordered = CanonicalJson.write(acquired().toJson()).getBytes(StandardCharsets.UTF_8);
        assertThat(reordered).isEqualTo(acquired().canonicalBytes());
    }

    private static void refused(String json, String field, String message) {
        assertThatThrownBy(() -> CustodyEvent.parseCanonical(json.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(CustodyFormatException.class,
                e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
