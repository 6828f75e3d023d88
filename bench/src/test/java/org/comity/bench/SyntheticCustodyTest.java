package org.comity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyChain;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.LoggedEvent;
import org.junit.jupiter.api.Test;

class SyntheticCustodyTest {

    private static final int EVENTS = 20_000;

    @Test
    void entriesAreCanonicalCustodyEventsOfLedgerSize() throws Exception {
        SyntheticCustody events = new SyntheticCustody(1);
        long total = 0;
        for (int i = 0; i < EVENTS; i++) {
            byte[] entry = events.nextEntry();
            // Every entry reads back as a custody event in canonical form, as the ledger's readers require.
            CustodyEvent.parseCanonical(entry);
            assertThat(entry.length).as("entry %d", i).isBetween(600, 1_000);
            total += entry.length;
        }
        assertThat(total / EVENTS).as("mean entry size").isBetween(750L, 900L);
    }

    @Test
    void eachExhibitsEventsFormAnUnbrokenChainWithManyExhibitsInterleaved() {
        SyntheticCustody events = new SyntheticCustody(2);
        Map<UUID, List<LoggedEvent>> byExhibit = new LinkedHashMap<>();
        Set<UUID> ids = new HashSet<>();
        Set<CustodyAction> actions = new HashSet<>();
        for (int i = 0; i < EVENTS; i++) {
            CustodyEvent e = events.next();
            assertThat(ids.add(e.id())).as("event ids are unique").isTrue();
            actions.add(e.action());
            byExhibit.computeIfAbsent(e.exhibit(), x -> new ArrayList<>()).add(new LoggedEvent("bench.comity.example/comity/ledger", i, e));
        }
        byExhibit.forEach((exhibit, chain) -> assertThat(CustodyChain.breaks(chain)).as("chain of %s", exhibit).isEmpty());
        assertThat(byExhibit.size()).isGreaterThan(500);
        assertThat(actions).containsExactlyInAnyOrder(CustodyAction.ACQUIRE, CustodyAction.SEAL, CustodyAction.UPLOAD, CustodyAction.VERIFY,
                CustodyAction.ACCESS, CustodyAction.TRANSFER, CustodyAction.EXPORT, CustodyAction.DISPOSE);
    }

    @Test
    void theSameSeedGivesTheSameEntriesAndAnotherSeedOthers() {
        SyntheticCustody a = new SyntheticCustody(7);
        SyntheticCustody b = new SyntheticCustody(7);
        SyntheticCustody c = new SyntheticCustody(8);
        boolean differs = false;
        for (int i = 0; i < 1_000; i++) {
            byte[] fromA = a.nextEntry();
            assertThat(b.nextEntry()).isEqualTo(fromA);
            differs |= !Arrays.equals(c.nextEntry(), fromA);
        }
        assertThat(differs).isTrue();
    }
}
