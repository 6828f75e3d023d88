package org.comity.node.stats.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The figures, read from the rollups (counts, deadlines, times) or from the facts' partial indexes
 * (backlog, overdue, preservations: what stands now). Every query is one state's; no query returns a
 * request's identity.
 */
@Repository
class Figures {

    /** Preservations ending within this many days without a follow-up request are the ones to act on. */
    static final Duration PRESERVATION_HORIZON = Duration.ofDays(14);

    private final JdbcClient jdbc;

    Figures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The filter as a WHERE clause over the facts, their columns prefixed with {@code alias}. */
    static WhereClause where(String alias, Filter f) {
        return WhereClause.of(alias, f);
    }

    Table table(Figure figure, Filter f, Instant now) {
        return switch (figure) {
            case PERIOD -> counts(figure, "to_char(period, 'YYYY-MM')", f);
            case PARTNER -> counts(figure, "partner_state", f);
            case INSTRUMENT -> counts(figure, "instrument_id", f);
            case TYPE -> counts(figure, "request_type", f);
            case URGENCY -> counts(figure, "urgency", f);
            case OUTCOME -> counts(figure, "outcome", f);
            case REFUSAL_GROUND -> counts(figure, "refusal_ground", f, "outcome = 'REFUSED'");
            case CATEGORY -> categories(f);
            case TIMES -> times(f);
            case DEADLINES -> deadlines(f);
            case BACKLOG -> backlog(f, now);
            case OVERDUE -> overdue(f, now);
            case PRESERVATIONS -> preservations(f, now);
        };
    }

    /** The WHERE clause of a filter over the rollups' or facts' common columns, and its parameters. */
    record WhereClause(String sql, List<Object> params) {

        static WhereClause of(Filter f, String... more) {
            return of("", f, more);
        }

        static WhereClause of(String alias, Filter f, String... more) {
            String a = alias;
            StringBuilder sql = new StringBuilder(a + "own_state = ?");
            List<Object> params = new ArrayList<>(List.of(f.state()));
            if (f.from() != null) {
                sql.append(" and ").append(a).append("period >= ?");
                params.add(f.firstDay());
            }
            if (f.to() != null) {
                sql.append(" and ").append(a).append("period <= ?");
                params.add(f.lastMonth());
            }
            if (f.partner() != null) {
                sql.append(" and ").append(a).append("partner_state = ?");
                params.add(f.partner());
            }
            if (f.instrument() != null) {
                sql.append(" and ").append(a).append("instrument_id = ?");
                params.add(f.instrument());
            }
            if (f.type() != null) {
                sql.append(" and ").append(a).append("request_type = ?");
                params.add(f.type());
            }
            for (String m : more) {
                sql.append(" and ").append(m);
            }
            return new WhereClause(sql.toString(), params);
        }
    }

    private static final String BY_DIRECTION = """
            coalesce(sum(requests) filter (where direction = 'INCOMING'), 0) as incoming,
            coalesce(sum(requests) filter (where direction = 'OUTGOING'), 0) as outgoing
            """;

    private Table counts(Figure figure, String column, Filter f, String... more) {
        WhereClause w = WhereClause.of(f, more);
        List<List<Object>> rows = jdbc.sql("select " + column + " as k, " + BY_DIRECTION + " from stats_rollup where " + w.sql()
                        + " group by 1 having sum(requests) > 0 order by 1")
                .params(w.params())
                .query((rs, n) -> List.<Object>of(rs.getString("k"), rs.getLong("incoming"), rs.getLong("outgoing")))
                .list();
        return new Table(figure.slug, List.of("key", "incoming", "outgoing"), rows);
    }

    private Table categories(Filter f) {
        WhereClause w = WhereClause.of(f, "categories & c.bit <> 0");
        List<List<Object>> rows = jdbc.sql("select c.name as k, " + BY_DIRECTION + """
                         from stats_rollup cross join (values (1, 'SUBSCRIBER'), (2, 'TRAFFIC'), (4, 'CONTENT')) as c (bit, name)
                         where """ + " " + w.sql() + " group by c.bit, c.name having sum(requests) > 0 order by c.bit")
                .params(w.params())
                .query((rs, n) -> List.<Object>of(rs.getString("k"), rs.getLong("incoming"), rs.getLong("outgoing")))
                .list();
        return new Table(Figure.CATEGORY.slug, List.of("key", "incoming", "outgoing"), rows);
    }

    /** Median and p90 (nearest rank) of the time from submission to each milestone, from the histograms. */
    private Table times(Filter f) {
        record Cell(String direction, String measure, int bucket, long n) {}
        // The smallest histogram table that answers the filter: by month alone, by month and one chosen dimension, or the full one.
        int chosen = (f.partner() == null ? 0 : 1) + (f.instrument() == null ? 0 : 1) + (f.type() == null ? 0 : 1);
        WhereClause w;
        String table;
        if (chosen == 0) {
            w = WhereClause.of(f);
            table = "stats_duration_month";
        } else if (chosen == 1) {
            String dimension = f.partner() != null ? "PARTNER" : f.instrument() != null ? "INSTRUMENT" : "TYPE";
            String value = f.partner() != null ? f.partner() : f.instrument() != null ? f.instrument() : f.type();
            WhereClause period = WhereClause.of(new Filter(f.state(), f.from(), f.to(), null, null, null), "dimension = ?", "value = ?");
            List<Object> params = new ArrayList<>(period.params());
            params.add(dimension);
            params.add(value);
            w = new WhereClause(period.sql(), params);
            table = "stats_duration_by";
        } else {
            w = WhereClause.of(f);
            table = "stats_duration";
        }
        List<Cell> cells = jdbc.sql("select direction, measure, bucket, sum(n) as n from " + table + " where " + w.sql()
                        + " group by 1, 2, 3 having sum(n) > 0 order by 1, 2, 3")
                .params(w.params())
                .query((rs, n) -> new Cell(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)))
                .list();
        List<List<Object>> rows = new ArrayList<>();
        for (Direction d : Direction.values()) {
            for (Measure m : Measure.values()) {
                List<long[]> histogram = cells.stream().filter(c -> c.direction().equals(d.name()) && c.measure().equals(m.name()))
                        .map(c -> new long[] {c.bucket(), c.n()}).toList();
                long total = histogram.stream().mapToLong(h -> h[1]).sum();
                if (total > 0) {
                    rows.add(List.of(d.name(), m.name(), total, hours(percentile(histogram, total, 0.5)), hours(percentile(histogram, total, 0.9))));
                }
            }
        }
        return new Table(Figure.TIMES.slug, List.of("direction", "measure", "count", "median_hours", "p90_hours"), rows);
    }

    /** The nearest-rank percentile: the upper bound of the bucket holding the ceil(p * n)-th duration. */
    static double percentile(List<long[]> histogram, long total, double p) {
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (long[] h : histogram) {
            seen += h[1];
            if (seen >= rank) {
                return DurationBuckets.upperSeconds((int) h[0]);
            }
        }
        return DurationBuckets.upperSeconds((int) histogram.getLast()[0]);
    }

    private static double hours(double seconds) {
        return Math.round(seconds / 36.0) / 100.0;
    }

    private Table deadlines(Filter f) {
        WhereClause w = WhereClause.of(f);
        return jdbc.sql("""
                        select direction, sum(ack_met) a1, sum(ack_missed) a2, sum(decide_met) d1, sum(decide_missed) d2,
                               sum(execute_met) e1, sum(execute_missed) e2
                        from stats_rollup where """ + " " + w.sql() + " group by direction order by direction")
                .params(w.params())
                .query(rs -> {
                    List<List<Object>> rows = new ArrayList<>();
                    while (rs.next()) {
                        String d = rs.getString("direction");
                        share(rows, d, Measure.ACKNOWLEDGE, rs.getLong("a1"), rs.getLong("a2"));
                        share(rows, d, Measure.DECIDE, rs.getLong("d1"), rs.getLong("d2"));
                        share(rows, d, Measure.EXECUTE, rs.getLong("e1"), rs.getLong("e2"));
                    }
                    return new Table(Figure.DEADLINES.slug, List.of("direction", "measure", "met", "missed", "share_met"), rows);
                });
    }

    private static void share(List<List<Object>> rows, String direction, Measure m, long met, long missed) {
        if (met + missed > 0) {
            rows.add(List.of(direction, m.name(), met, missed, Math.round(1000.0 * met / (met + missed)) / 1000.0));
        }
    }

    /** Age bands of the backlog, in days since submission. */
    private static final int[] AGE_DAYS = {30, 90, 180, 365};

    /**
     * What is still open, and how old it is (from submission). The open requests per month come from
     * the rollup; a band's edge falls inside one month, and only that month's open requests are
     * counted from the facts (through the partial index on open rows), so the bands are exact
     * without reading the whole backlog.
     */
    private Table backlog(Filter f, Instant now) {
        WhereClause w = WhereClause.of(f, "outcome = 'OPEN'");
        Map<String, java.util.TreeMap<java.time.LocalDate, Long>> byMonth = new LinkedHashMap<>();
        jdbc.sql("select direction, period, sum(requests) from stats_rollup where " + w.sql() + " group by 1, 2 having sum(requests) > 0")
                .params(w.params())
                .query(rs -> {
                    byMonth.computeIfAbsent(rs.getString(1), d -> new java.util.TreeMap<>()).put(rs.getObject(2, java.time.LocalDate.class), rs.getLong(3));
                });
        List<List<Object>> rows = new ArrayList<>();
        for (Direction d : Direction.values()) {
            java.util.TreeMap<java.time.LocalDate, Long> months = byMonth.get(d.name());
            if (months == null) {
                continue;
            }
            long open = months.values().stream().mapToLong(Long::longValue).sum();
            WhereClause dw = WhereClause.of(f, "outcome = 'OPEN'", "direction = '" + d.name() + "'");
            // The oldest open request is in the earliest month the rollup has open ones for: look only there.
            java.time.LocalDate first = months.firstKey();
            List<Object> oldestParams = new ArrayList<>(dw.params());
            oldestParams.add(org.comity.node.platform.Sql.ts(first.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
            oldestParams.add(org.comity.node.platform.Sql.ts(first.plusMonths(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
            Instant oldest = jdbc.sql("select min(submitted_at) as oldest from stats_request where " + dw.sql()
                            + " and submitted_at >= ? and submitted_at < ?").params(oldestParams)
                    .query((rs, n) -> org.comity.node.platform.Sql.instant(rs, "oldest")).list().getFirst();
            long[] newer = new long[AGE_DAYS.length];
            for (int i = 0; i < AGE_DAYS.length; i++) {
                Instant edge = now.minus(Duration.ofDays(AGE_DAYS[i]));
                java.time.LocalDate month = RequestFact.month(edge);
                newer[i] = months.tailMap(month, false).values().stream().mapToLong(Long::longValue).sum()
                        + (months.containsKey(month) ? newerInMonth(dw, edge, month) : 0);
            }
            rows.add(List.of(d.name(), open, oldest == null ? 0 : Duration.between(oldest, now).toDays(), newer[0], newer[1] - newer[0],
                    newer[2] - newer[1], newer[3] - newer[2], open - newer[3]));
        }
        return new Table(Figure.BACKLOG.slug, List.of("direction", "open", "oldest_days", "under_30_days", "30_to_90_days", "90_to_180_days",
                "180_to_365_days", "over_365_days"), rows);
    }

    /** Open requests submitted after {@code edge} within the month that holds it. */
    private long newerInMonth(WhereClause w, Instant edge, java.time.LocalDate month) {
        List<Object> params = new ArrayList<>(w.params());
        params.add(org.comity.node.platform.Sql.ts(edge));
        params.add(org.comity.node.platform.Sql.ts(month.plusMonths(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        return jdbc.sql("select count(*) from stats_request where " + w.sql() + " and submitted_at > ? and submitted_at < ?")
                .params(params).query(Long.class).single();
    }

    private Table overdue(Filter f, Instant now) {
        WhereClause w = WhereClause.of(f, "outcome = 'OPEN'", "next_deadline_at < ?");
        List<Object> params = new ArrayList<>(w.params());
        params.add(org.comity.node.platform.Sql.ts(now));
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select direction, count(*) from stats_request where " + w.sql() + " group by direction")
                .params(params)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        List<List<Object>> rows = new ArrayList<>();
        for (Direction d : Direction.values()) {
            rows.add(List.of(d.name(), counts.getOrDefault(d.name(), 0L)));
        }
        return new Table(Figure.OVERDUE.slug, List.of("direction", "overdue"), rows);
    }

    /**
     * Orders by the service provider they were addressed to (EU 2023/1543 Art. 28(1)(a)): providers are
     * organisations, their names are not personal data. Read from the facts, for the annual report.
     */
    Table providers(Filter f) {
        WhereClause w = WhereClause.of("f.", f);
        List<List<Object>> rows = jdbc.sql("""
                        select coalesce(a.name, '') as k,
                               count(*) filter (where f.direction = 'INCOMING') as incoming,
                               count(*) filter (where f.direction = 'OUTGOING') as outgoing
                        from stats_request f join request r on r.id = f.request_id
                        left join authority a on a.id = r.requested_authority_id and a.kind = 'SERVICE_PROVIDER'
                        where """ + " " + w.sql() + " group by 1 order by 1")
                .params(w.params())
                .query((rs, n) -> List.<Object>of(rs.getString("k"), rs.getLong("incoming"), rs.getLong("outgoing")))
                .list();
        return new Table("provider", List.of("key", "incoming", "outgoing"), rows);
    }

    /** Preserved data whose preservation ends soon, or ended, with no request for it (Budapest Art. 29(7)). */
    private Table preservations(Filter f, Instant now) {
        WhereClause active = WhereClause.of(f, "preservation_status = 'PRESERVED'", "not follow_up", "preserved_until < ?");
        List<Object> p1 = new ArrayList<>(active.params());
        p1.add(org.comity.node.platform.Sql.ts(now.plus(PRESERVATION_HORIZON)));
        WhereClause expired = WhereClause.of(f, "preservation_status = 'EXPIRED'", "not follow_up");
        Map<String, long[]> by = new LinkedHashMap<>();
        for (Direction d : Direction.values()) {
            by.put(d.name(), new long[2]);
        }
        jdbc.sql("select direction, count(*) from stats_request where " + active.sql() + " group by direction").params(p1)
                .query(rs -> {
                    by.get(rs.getString(1))[0] = rs.getLong(2);
                });
        jdbc.sql("select direction, count(*) from stats_request where " + expired.sql() + " group by direction").params(expired.params())
                .query(rs -> {
                    by.get(rs.getString(1))[1] = rs.getLong(2);
                });
        List<List<Object>> rows = new ArrayList<>();
        by.forEach((d, v) -> rows.add(List.of(d, v[0], v[1])));
        return new Table(Figure.PRESERVATIONS.slug, List.of("direction", "expiring_without_follow_up", "expired_without_follow_up"), rows);
    }
}
