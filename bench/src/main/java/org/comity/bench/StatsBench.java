package org.comity.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./comity bench stats}: issue 6, every dashboard query's p95 under 200 ms with 1,000,000
 * requests and their events, and a full CSV export whose memory does not grow with the row count.
 * A demo node is started with {@code ./comity start}; the driver then bulk-inserts the requests
 * (a projection row and four events each: created, submitted, delivered, acknowledged) and, as the
 * node's listener would have, their statistics facts and the rollups the facts contribute to, in
 * SQL on the node's embedded PostgreSQL (set-up, not measured). Measured over HTTP with the demo
 * analyst's token: each figure of {@code /api/v1/statistics/figures/...}, unfiltered and filtered
 * (a year, a partner state, an instrument), and the whole dashboard in one call; then the facts CSV
 * of the whole state and of a tenth of it, streamed, sampling the node's resident memory.
 *
 * <p>The population: submitted evenly over 40 months from January 2024, from 8 partner states, under
 * 5 instruments; 5 % urgent and 1 % emergency; six in ten ask for subscriber data only, two for
 * traffic data, one for both, one for content; a fifth still open, the rest mostly executed, some
 * refused (3 grounds), withdrawn or closed; times to acknowledge, decide and execute spread over
 * orders of magnitude (exponentials of uniform draws), so the histograms are as sparse as real ones.
 */
final class StatsBench {

    static final List<String> FIGURES = List.of("period", "partner", "instrument", "type", "category", "urgency", "outcome", "refusal-ground",
            "times", "deadlines", "backlog", "overdue", "preservations");

    record Query(String path, Stats times) {}

    record Export(String what, long rows, long bytes, double seconds, long rssBeforeKb, long rssPeakKb) {}

    record Result(int requests, long events, double setupSeconds, List<Query> queries, List<Export> exports) {}

    private final Path root;
    private final Path work;
    private final int requests;
    private final int samples;
    private final boolean keep;

    StatsBench(Path root, Path work, int requests, int samples, boolean keep) {
        this.root = root;
        this.work = work;
        this.requests = requests;
        this.samples = samples;
        this.keep = keep;
    }

    Result run() throws Exception {
        StartupBench.deleteTree(work);
        Files.createDirectories(work);
        Result result;
        try (NodeProcess node = NodeProcess.startDemo(root, work)) {
            NodeProcess.Database db = NodeProcess.Database.of(work);
            String url = db.url();
            String password = db.password();
            long begin = System.nanoTime();
            long events;
            try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
                events = populate(c);
            }
            double setup = (System.nanoTime() - begin) / 1e9;
            JsonNode demo = NodeProcess.demoSummary(work);
            String analyst = token(demo, "analyst");
            String officer = token(demo, "ca.officer");
            List<Query> queries = new ArrayList<>();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            String year = "from=2025-01&to=2025-12";
            for (String figure : FIGURES) {
                queries.add(time(http, node.baseUrl(), analyst, "/api/v1/statistics/figures/" + figure));
            }
            for (String filter : List.of(year, "partner=XC", "instrument=budapest-29")) {
                for (String figure : List.of("period", "outcome", "times", "backlog")) {
                    queries.add(time(http, node.baseUrl(), analyst, "/api/v1/statistics/figures/" + figure + "?" + filter));
                }
            }
            queries.add(time(http, node.baseUrl(), analyst, "/api/v1/statistics"));
            List<Export> exports = new ArrayList<>();
            exports.add(export(http, node, officer, "/api/v1/statistics/facts.csv?from=2025-01&to=2025-04", "a tenth of the facts (4 of 40 months)"));
            exports.add(export(http, node, officer, "/api/v1/statistics/facts.csv", "every fact of the state"));
            result = new Result(requests, events, setup, queries, exports);
        }
        if (!keep) {
            StartupBench.deleteTree(work.resolve("node"));
        }
        return result;
    }

    /** Requests, their events, facts and rollups, inserted in SQL: returns the number of events inserted. */
    private long populate(Connection c) throws Exception {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            String own = scalar(st, "select id::text from authority where name = 'Aurelia Central Authority'");
            String partner = scalar(st, "select id::text from authority where state_code <> 'XA' and kind = 'CENTRAL_AUTHORITY' order by name limit 1");
            String partnerState = scalar(st, "select state_code from authority where id = '" + partner + "'");
            System.out.printf("stats: inserting %,d requests (received by Aurelia from %s) and 4 events each%n", requests, partnerState);
            // Submitted over 40 months from January 2024; a fifth still open, the rest acknowledged within hours to weeks.
            st.execute("""
                    create temporary table bench_request on commit drop as
                    select gen_random_uuid() as id, g as n,
                           timestamptz '2024-01-01' + (g::double precision / %1$d) * interval '1200 days' as submitted_at,
                           (array['budapest-29','budapest-31','bilateral-mla','eu-epoc','protocol-7'])[1 + g %% 5] as instrument,
                           (array['PRESERVATION','MUTUAL_ASSISTANCE','MUTUAL_ASSISTANCE','PRODUCTION_ORDER','SUBSCRIBER_INFORMATION'])[1 + g %% 5] as rtype,
                           (array['XC','XB','XD','XE','XF','XG','XH','XI'])[1 + (g / 7) %% 8] as partner_state,
                           case when g %% 20 = 0 then 'URGENT' when g %% 97 = 0 then 'EMERGENCY' else 'NORMAL' end as urgency,
                           (array['OPEN','EXECUTED','EXECUTED','EXECUTED','REFUSED','WITHDRAWN','EXECUTED','CLOSED','PARTIALLY_EXECUTED','OPEN'])[1 + (g / 3) %% 10] as outcome,
                           exp(random() * 14)::bigint + 60 as ack_seconds,
                           exp(random() * 16)::bigint + 3600 as decide_seconds,
                           exp(random() * 17)::bigint + 86400 as execute_seconds
                    from generate_series(1, %1$d) g
                    """.formatted(requests));
            st.execute("""
                    insert into request (id, reference, instrument_id, request_type, requesting_authority_id, requested_authority_id,
                        requesting_state, requested_state, urgency, confidentiality, title, status, created_at, updated_at, submitted_at, version)
                    select id, 'BENCH-' || n, instrument, rtype, '%s', '%s', '%s', 'XA', urgency, 'STANDARD', 'Bench request ' || n,
                           case outcome when 'OPEN' then 'ACKNOWLEDGED' else outcome end, submitted_at, submitted_at, submitted_at, 4
                    from bench_request
                    """.formatted(partner, own, partnerState));
            long events = st.executeLargeUpdate("""
                    insert into request_event (request_id, seq, id, type, at, actor_name, payload)
                    select r.id, e.seq, gen_random_uuid(), e.type, r.submitted_at + e.after, 'bench', '{}'::jsonb
                    from bench_request r cross join lateral (values (1, 'CREATED', interval '-1 hour'), (2, 'SUBMITTED', interval '0'),
                        (3, 'DELIVERED', interval '1 second'), (4, 'ACKNOWLEDGED', make_interval(secs => r.ack_seconds))) as e (seq, type, after)
                    """);
            System.out.printf("stats: %,d events; now the facts and rollups%n", events);
            st.execute("""
                    insert into stats_request (request_id, direction, own_state, partner_state, instrument_id, request_type, urgency, categories,
                        outcome, refusal_ground, period, submitted_at, acknowledged_at, decided_at, executed_at, ack_met, decide_met, execute_met,
                        next_deadline_at, preservation_status, preserved_until, follow_up, updated_at)
                    select id, 'INCOMING', 'XA', partner_state, instrument, rtype, urgency, (array[1,1,1,1,1,1,2,2,3,4])[1 + (n / 11) %% 10]::smallint,
                           outcome, case when outcome = 'REFUSED' then (array['DUAL_CRIMINALITY','DE_MINIMIS','OTHER'])[1 + n %% 3] else '' end,
                           date_trunc('month', submitted_at at time zone 'UTC')::date, submitted_at,
                           submitted_at + make_interval(secs => ack_seconds),
                           case when outcome <> 'OPEN' and outcome <> 'WITHDRAWN' then submitted_at + make_interval(secs => decide_seconds) end,
                           case when outcome in ('EXECUTED', 'PARTIALLY_EXECUTED') then submitted_at + make_interval(secs => execute_seconds) end,
                           ack_seconds < 864000, case when outcome not in ('OPEN', 'WITHDRAWN') then decide_seconds < 5184000 end,
                           case when outcome = 'EXECUTED' then execute_seconds < 15552000 end,
                           case when outcome = 'OPEN' then submitted_at + interval '70 days' end,
                           case when rtype = 'PRESERVATION' then 'PRESERVED' end,
                           case when rtype = 'PRESERVATION' then submitted_at + interval '1200 days' end,
                           n %% 3 = 0, now()
                    from bench_request
                    """.formatted());
            st.execute("""
                    insert into stats_rollup (own_state, direction, period, partner_state, instrument_id, request_type, urgency, categories,
                        outcome, refusal_ground, shard, requests, acknowledged, ack_met, ack_missed, decided, decide_met, decide_missed, executed,
                        execute_met, execute_missed)
                    select own_state, direction, period, partner_state, instrument_id, request_type, urgency, categories, outcome, refusal_ground,
                           0, count(*), count(acknowledged_at), count(*) filter (where ack_met), count(*) filter (where not ack_met),
                           count(decided_at), count(*) filter (where decide_met), count(*) filter (where not decide_met),
                           count(executed_at), count(*) filter (where execute_met), count(*) filter (where not execute_met)
                    from stats_request where request_id in (select id from bench_request)
                    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
                    on conflict (own_state, direction, period, partner_state, instrument_id, request_type, urgency, categories, outcome, refusal_ground, shard)
                    do update set requests = stats_rollup.requests + excluded.requests, acknowledged = stats_rollup.acknowledged + excluded.acknowledged,
                        ack_met = stats_rollup.ack_met + excluded.ack_met, ack_missed = stats_rollup.ack_missed + excluded.ack_missed,
                        decided = stats_rollup.decided + excluded.decided, decide_met = stats_rollup.decide_met + excluded.decide_met,
                        decide_missed = stats_rollup.decide_missed + excluded.decide_missed, executed = stats_rollup.executed + excluded.executed,
                        execute_met = stats_rollup.execute_met + excluded.execute_met, execute_missed = stats_rollup.execute_missed + excluded.execute_missed
                    """);
            for (String[] m : new String[][] {{"ACKNOWLEDGE", "acknowledged_at"}, {"DECIDE", "decided_at"}, {"EXECUTE", "executed_at"}}) {
                // The node's bucket: ceil(ln(seconds) / ln(1.05)), bucket 0 for a second or less.
                st.execute("""
                        insert into stats_duration (own_state, direction, period, partner_state, instrument_id, request_type, measure, bucket, shard, n)
                        select own_state, direction, period, partner_state, instrument_id, request_type, '%1$s',
                               greatest(0, ceil(ln(greatest(extract(epoch from %2$s - submitted_at), 1)) / ln(1.05)))::smallint, 0, count(*)
                        from stats_request where request_id in (select id from bench_request) and %2$s is not null
                        group by 1, 2, 3, 4, 5, 6, 7, 8, 9
                        on conflict (own_state, direction, period, partner_state, instrument_id, request_type, measure, bucket, shard)
                        do update set n = stats_duration.n + excluded.n
                        """.formatted(m[0], m[1]));
                st.execute("""
                        insert into stats_duration_month (own_state, direction, period, measure, bucket, shard, n)
                        select own_state, direction, period, '%1$s',
                               greatest(0, ceil(ln(greatest(extract(epoch from %2$s - submitted_at), 1)) / ln(1.05)))::smallint, 0, count(*)
                        from stats_request where request_id in (select id from bench_request) and %2$s is not null
                        group by 1, 2, 3, 4, 5, 6
                        on conflict (own_state, direction, period, measure, bucket, shard) do update set n = stats_duration_month.n + excluded.n
                        """.formatted(m[0], m[1]));
                for (String[] dim : new String[][] {{"PARTNER", "partner_state"}, {"INSTRUMENT", "instrument_id"}, {"TYPE", "request_type"}}) {
                    st.execute("""
                            insert into stats_duration_by (own_state, dimension, value, direction, period, measure, bucket, shard, n)
                            select own_state, '%3$s', %4$s, direction, period, '%1$s',
                                   greatest(0, ceil(ln(greatest(extract(epoch from %2$s - submitted_at), 1)) / ln(1.05)))::smallint, 0, count(*)
                            from stats_request where request_id in (select id from bench_request) and %2$s is not null
                            group by 1, 2, 3, 4, 5, 6, 7, 8
                            on conflict (own_state, dimension, value, direction, period, measure, bucket, shard)
                            do update set n = stats_duration_by.n + excluded.n
                            """.formatted(m[0], m[1], dim[0], dim[1]));
                }
            }
            c.commit();
            // As autovacuum would have by the time anyone reads a dashboard: statistics and the visibility map (index-only counts).
            c.setAutoCommit(true);
            st.execute("vacuum analyze");
            System.out.printf("stats: %s rollup cells, %s duration cells%n", scalar(st, "select count(*) from stats_rollup"),
                    scalar(st, "select count(*) from stats_duration"));
            return events;
        }
    }

    private Query time(HttpClient http, String base, String token, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET().build();
        for (int i = 0; i < 5; i++) {
            Api.expect(http.send(request, HttpResponse.BodyHandlers.ofString()), 200, path);
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            Api.expect(http.send(request, HttpResponse.BodyHandlers.ofString()), 200, path);
            nanos[i] = System.nanoTime() - t;
        }
        Stats s = new Stats(nanos);
        System.out.printf("stats: %-70s p50 %7.1f ms  p95 %7.1f ms%n", path, s.millis(50), s.millis(95));
        return new Query(path, s);
    }

    private Export export(HttpClient http, NodeProcess node, String token, String path, String what) throws Exception {
        long pid = node.handle().pid();
        long before = rssKb(pid);
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = Thread.ofPlatform().daemon(true).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rssKb(pid), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long t = System.nanoTime();
        long bytes = 0;
        long rows = 0;
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        rows++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        sampler.interrupt();
        sampler.join();
        System.out.printf("stats: %s: %,d rows, %,d bytes in %.1f s; node RSS %,d kB before, %,d kB at most%n", what, rows - 1, bytes, seconds,
                before, peak.get());
        return new Export(what, rows - 1, bytes, seconds, before, peak.get());
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static String scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String token(JsonNode demo, String username) {
        for (JsonNode u : demo.get("users")) {
            if (u.get("username").asString().equals(username)) {
                return u.get("apiToken").asString();
            }
        }
        throw new IllegalStateException("no demo user " + username);
    }
}
