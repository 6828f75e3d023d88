package org.comity.node.stats.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.comity.node.knowledge.MeasuredTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statistics' time from submission to execution of outgoing requests, read from the duration
 * histograms ({@code stats_duration}) as the dashboard reads them, for the knowledge base. The
 * queued facts are derived first (in transactions of their own), then one statement reads.
 */
@Component
class MeasuredExecutionTimes implements MeasuredTimes {

    private final JdbcClient jdbc;
    private final FactMaintainer facts;

    MeasuredExecutionTimes(JdbcClient jdbc, FactMaintainer facts) {
        this.jdbc = jdbc;
        this.facts = facts;
    }

    @Override
    public List<Measured> toExecution(String requestingState, String requestedState) {
        if (requestingState == null || requestedState == null) {
            return List.of();
        }
        facts.catchUp();
        Map<String, List<long[]>> histograms = new LinkedHashMap<>();
        jdbc.sql("""
                select instrument_id, bucket, sum(n) as n from stats_duration
                where own_state = ? and direction = 'OUTGOING' and measure = 'EXECUTE' and partner_state = ?
                group by 1, 2 having sum(n) > 0 order by 1, 2
                """)
                .params(requestingState, requestedState)
                .query(rs -> {
                    histograms.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new long[] {rs.getInt(2), rs.getLong(3)});
                });
        List<Measured> out = new ArrayList<>();
        histograms.forEach((instrument, histogram) -> {
            long total = histogram.stream().mapToLong(h -> h[1]).sum();
            if (total >= MINIMUM) {
                out.add(new Measured(instrument, Duration.ofSeconds(Math.round(Figures.percentile(histogram, total, 0.5))), total));
            }
        });
        return out;
    }
}
