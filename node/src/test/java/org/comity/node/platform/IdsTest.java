package org.comity.node.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.comity.node.support.FakeClock;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreVersion7CarryTheirMillisecondAndSortInTheOrderTheyWereMade() {
        // A sequence of its own: the process-wide one may already have seen a later fake clock.
        Ids.Sequence sequence = new Ids.Sequence();
        FakeClock clock = FakeClock.at("2026-11-23T10:00:00.123Z");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(sequence.next(clock));
        }
        UUID first = ids.getFirst();
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
        List<String> asText = ids.stream().map(UUID::toString).toList();
        assertThat(asText).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aClockThatStepsBackStillYieldsLaterIds() {
        Ids.Sequence sequence = new Ids.Sequence();
        FakeClock clock = FakeClock.at("2026-11-23T10:00:00Z");
        UUID before = sequence.next(clock);
        clock.advance(java.time.Duration.ofSeconds(-30));
        UUID after = sequence.next(clock);
        assertThat(after.toString()).isGreaterThan(before.toString());
    }
}
