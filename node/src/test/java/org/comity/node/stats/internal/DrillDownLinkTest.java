package org.comity.node.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a count on the dashboard leads: the request list filtered to exactly the requests it counts. */
class DrillDownLinkTest {

    private static final Filter ALL = new Filter("XA", null, null, null, null, null);

    @Test
    void aMonthLeadsToTheRequestsSubmittedThatMonthInTheBoxOfItsColumn() {
        assertThat(DashboardView.link(Figure.PERIOD, List.of("2026-03", 4L, 2L), "incoming", ALL))
                .isEqualTo("/requests?box=INBOX&submittedFrom=2026-03&submittedTo=2026-03");
        assertThat(DashboardView.link(Figure.PERIOD, List.of("2026-03", 4L, 2L), "outgoing", ALL))
                .isEqualTo("/requests?box=OUTBOX&submittedFrom=2026-03&submittedTo=2026-03");
    }

    @Test
    void aMonthKeepsThePagesOtherFiltersButNotItsPeriod() {
        Filter filtered = new Filter("XA", YearMonth.of(2026, 1), YearMonth.of(2026, 6), "XB", "budapest-29", null);
        assertThat(DashboardView.link(Figure.PERIOD, List.of("2026-03", 4L, 2L), "incoming", filtered))
                .isEqualTo("/requests?box=INBOX&partner=XB&instrument=budapest-29&submittedFrom=2026-03&submittedTo=2026-03");
    }

    @Test
    void otherFiguresCarryThePagesPeriod() {
        Filter filtered = new Filter("XA", YearMonth.of(2026, 1), YearMonth.of(2026, 6), null, null, null);
        assertThat(DashboardView.link(Figure.PARTNER, List.of("XB", 4L, 2L), "outgoing", filtered))
                .isEqualTo("/requests?box=OUTBOX&partner=XB&submittedFrom=2026-01&submittedTo=2026-06");
    }

    @Test
    void aColumnThatIsNotACountOfOneBoxLeadsNowhere() {
        assertThat(DashboardView.link(Figure.PERIOD, List.of("2026-03", 4L, 2L), "share", ALL)).isNull();
    }
}
