package org.comity.node.request.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.comity.node.platform.ComityProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Legal rules are data: the files the node ships load, a broken one stops the node naming what is wrong, and a node can add a treaty. */
class InstrumentCatalogTest {

    @TempDir
    Path dataDir;

    @Test
    void theShippedInstrumentsLoad() {
        InstrumentCatalog catalog = new InstrumentCatalog(properties());
        assertThat(catalog.all()).extracting(i -> i.id()).containsExactlyInAnyOrder("budapest-26", "budapest-29", "budapest-30", "budapest-31",
                "budapest-35", "protocol-6", "protocol-7", "protocol-8", "protocol-9", "protocol-10", "eu-epoc", "eu-epoc-pr", "bilateral-mla");
    }

    @Test
    void aNodeAddsATreatyByDroppingAFileIntoItsDataFolder() throws Exception {
        Files.createDirectories(dataDir.resolve("instruments"));
        Files.writeString(dataDir.resolve("instruments/un-2024-42.yaml"), """
                id: un-2024-42
                treaty: UN Convention against Cybercrime (2024)
                article: "42"
                title: Expedited preservation of stored electronic data
                requestType: PRESERVATION
                defaultUrgency: URGENT
                channel:
                  recipients: [POINT_OF_CONTACT, CENTRAL_AUTHORITY]
                requiredFields: [offences, summaryOfFacts, dataSought]
                deadlines:
                  - kind: ACKNOWLEDGE
                    party: REQUESTED
                    startsOn: DELIVERED
                    endsOn: [ACKNOWLEDGED]
                    duration: PT1H
                    basis: "Art. 42: expeditiously"
                preservation:
                  period: P60D
                  basis: "Art. 42: at least sixty days"
                """);
        InstrumentCatalog catalog = new InstrumentCatalog(properties());
        assertThat(catalog.find("un-2024-42")).hasValueSatisfying(i -> {
            assertThat(i.citation()).isEqualTo("UN Convention against Cybercrime (2024), Art. 42");
            assertThat(i.preservation().period()).hasDays(60);
        });
    }

    @Test
    void aWrongFileIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> parse("id: x\ntreaty: T\narticle: '1'\ntitle: t\nrequestType: PRESERVATION\nchannel: {recipients: [CENTRAL_AUTHORITY]}\nrequiredFields: [colourOfHair]\n"))
                .hasMessageContaining("unknown required field 'colourOfHair'");
        assertThatThrownBy(() -> parse("id: bad-one\nunknownKey: 1\n")).hasMessageContaining("does not parse");
        assertThatThrownBy(() -> parse("""
                id: no-basis
                treaty: T
                article: "1"
                title: t
                requestType: PRESERVATION
                channel: {recipients: [CENTRAL_AUTHORITY]}
                deadlines:
                  - {kind: ACKNOWLEDGE, party: REQUESTED, startsOn: DELIVERED, endsOn: [ACKNOWLEDGED], duration: PT1H}
                """)).hasMessageContaining("must cite its basis");
    }

    static void parse(String yaml) {
        InstrumentCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    ComityProperties properties() {
        return new ComityProperties(null, dataDir, false, null, null, null, null, null, null, null, null);
    }
}
