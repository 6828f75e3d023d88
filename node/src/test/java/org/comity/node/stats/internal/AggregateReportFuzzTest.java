package org.comity.node.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.FieldException;
import org.comity.custody.json.JsonException;

/**
 * What a statistics node receives from its peers, fed arbitrary bytes: a report is read, and then
 * every number in it stands for at least five requests and it survives a round trip, or it is
 * refused with the field named, never another exception.
 */
class AggregateReportFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void reportsParseOrAreRefusedWithTheFieldNamed(byte[] input) {
        AggregateReport report;
        try {
            report = AggregateReport.parse(new String(input, StandardCharsets.UTF_8));
        } catch (FieldException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        } catch (JsonException refused) {
            return;
        }
        assertThat(report.cells()).allSatisfy(c -> assertThat(c.requests()).isGreaterThanOrEqualTo(AggregateReport.THRESHOLD));
        assertThat(report.times()).allSatisfy(t -> assertThat(t.count()).isGreaterThanOrEqualTo(AggregateReport.THRESHOLD));
        String canonical = CanonicalJson.write(report.toJson());
        assertThat(AggregateReport.parse(canonical)).isEqualTo(report);
    }
}
