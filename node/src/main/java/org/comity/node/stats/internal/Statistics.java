package org.comity.node.stats.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Role;
import org.comity.node.request.RequestType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who may read which figures, and the reading itself, audited. Aggregates are for analysts,
 * central authorities, auditors and administrators, always of the reader's own state; the facts
 * (one line per request, with its reference) only for a central authority officer who sees
 * everything the state sends and receives. Analysts never see a request.
 */
@Service
class Statistics {

    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");
    private static final Pattern INSTRUMENT = Pattern.compile("[a-z0-9-]{1,64}");
    /** Rows fetched from the cursor at a time when a CSV streams: memory stays flat whatever the row count. */
    static final int FETCH_SIZE = 1000;

    private final Figures figures;
    private final FactMaintainer facts;
    private final AuditTrail audit;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate writing;
    /** Reads the dashboard's figures side by side; as many as the processors, and at least two. */
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), Thread.ofPlatform().name("statistics-", 0).daemon().factory());

    Statistics(Figures figures, FactMaintainer facts, AuditTrail audit, Clock clock, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.figures = figures;
        this.facts = facts;
        this.audit = audit;
        this.clock = clock;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.writing = new TransactionTemplate(tx.getTransactionManager());
    }

    static boolean mayRead(Actor actor) {
        return actor.has(Role.ANALYST) || actor.has(Role.CENTRAL_AUTHORITY) || actor.has(Role.AUDITOR) || actor.has(Role.ADMIN);
    }

    /** Whether a figure may link to the requests behind it: only for people who work on (or audit) requests, never analysts alone. */
    static boolean mayDrillDown(Actor actor) {
        return actor.handlesRequests() || actor.has(Role.AUDITOR);
    }

    static boolean mayReadFacts(Actor actor) {
        return actor.has(Role.CENTRAL_AUTHORITY) && actor.stateWide();
    }

    /** Reads a filter from query parameters; a 422 naming the parameter when one is malformed. */
    static Filter filter(Actor actor, String from, String to, String partner, String instrument, String type) {
        List<FieldProblem> problems = new ArrayList<>();
        YearMonth f = month("from", from, problems);
        YearMonth t = month("to", to, problems);
        if (f != null && t != null && t.isBefore(f)) {
            problems.add(FieldProblem.of("to", "before-from", "The end of the period comes before its start."));
        }
        String p = blank(partner);
        if (p != null && !STATE.matcher(p).matches()) {
            problems.add(FieldProblem.of("partner", "invalid", "Give a state's two-letter code."));
        }
        String i = blank(instrument);
        if (i != null && !INSTRUMENT.matcher(i).matches()) {
            problems.add(FieldProblem.of("instrument", "invalid", "Give an instrument's id, such as budapest-29."));
        }
        String ty = blank(type);
        if (ty != null && java.util.Arrays.stream(RequestType.values()).noneMatch(r -> r.name().equals(ty))) {
            problems.add(FieldProblem.of("type", "invalid", "Give a request type, such as PRESERVATION."));
        }
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The filter is not valid.", problems);
        }
        return new Filter(actor.stateCode(), f, t, p, i, ty);
    }

    private static YearMonth month(String field, String value, List<FieldProblem> problems) {
        String v = blank(value);
        if (v == null) {
            return null;
        }
        try {
            if (v.length() != 7) {
                throw new DateTimeParseException("not yyyy-MM", v, 0);
            }
            return YearMonth.parse(v);
        } catch (DateTimeParseException e) {
            problems.add(FieldProblem.of(field, "invalid", "Give a month as YYYY-MM."));
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void check(Actor actor) {
        if (actor.stateCode() == null || !mayRead(actor)) {
            throw ComityException.forbidden("Statistics are for analysts, central authorities, auditors and administrators.");
        }
    }

    Map<Figure, Table> all(Actor actor, Filter filter) {
        check(actor);
        facts.catchUp();
        Instant now = clock.instant();
        // The figures are independent queries: run them side by side, each in a read-only transaction
        // of its own (the queue was drained just before, so they differ only by changes committed
        // during the call). No connection is held while waiting, so callers cannot starve the workers.
        Map<Figure, java.util.concurrent.Future<Table>> pending = new LinkedHashMap<>();
        for (Figure f : Figure.values()) {
            pending.put(f, workers.submit(() -> readOnly.execute(s -> figures.table(f, filter, now))));
        }
        Map<Figure, Table> out = new LinkedHashMap<>();
        pending.forEach((f, future) -> out.put(f, result(future)));
        writing.executeWithoutResult(s -> audit.success(actor, "statistics.read", "statistics", actor.stateCode(), describe(filter, "all")));
        return out;
    }

    private static Table result(java.util.concurrent.Future<Table> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the figures", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    @Transactional // not read-only: the audit record is written in it
    Table one(Actor actor, Figure figure, Filter filter) {
        check(actor);
        facts.catchUp();
        Table t = figures.table(figure, filter, clock.instant());
        audit.success(actor, "statistics.read", "statistics", actor.stateCode(), describe(filter, figure.slug));
        return t;
    }

    /**
     * Writes every fact of the actor's state as CSV, straight from a database cursor: rows are read
     * {@value #FETCH_SIZE} at a time and written as they come, so memory does not grow with the count.
     */
    void facts(Actor actor, Filter filter, OutputStream out) throws IOException {
        if (!mayReadFacts(actor)) {
            throw ComityException.forbidden("The facts name requests: only a central authority officer of the state may export them.");
        }
        audit.success(actor, "statistics.export-facts", "statistics", actor.stateCode(), describe(filter, "facts"));
        facts.catchUp();
        Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write(String.join(",", FACT_COLUMNS));
        w.write("\r\n");
        Figures.WhereClause where = Figures.where("f.", filter);
        readOnly.executeWithoutResult(s -> jdbc.query(con -> {
            var ps = con.prepareStatement("select r.reference, f.* from stats_request f join request r on r.id = f.request_id "
                    + " where " + where.sql() + " order by f.submitted_at, f.request_id, f.direction");
            ps.setFetchSize(FETCH_SIZE);
            int i = 1;
            for (Object p : where.params()) {
                ps.setObject(i++, p);
            }
            return ps;
        }, rs -> {
            try {
                for (int c = 0; c < FACT_COLUMNS.size(); c++) {
                    if (c > 0) {
                        w.write(',');
                    }
                    String column = FACT_COLUMNS.get(c);
                    w.write(org.comity.node.web.Csv.cell(FACT_INSTANTS.contains(column) ? isoInstant(rs, column) : rs.getString(column)));
                }
                w.write("\r\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        w.flush();
    }

    static final List<String> FACT_COLUMNS = List.of("reference", "direction", "partner_state", "instrument_id", "request_type", "urgency",
            "categories", "outcome", "refusal_ground", "period", "submitted_at", "acknowledged_at", "decided_at", "executed_at", "ack_met",
            "decide_met", "execute_met", "next_deadline_at", "preservation_status", "preserved_until", "follow_up");

    /** The facts' columns that are moments: written as ISO-8601 instants in UTC to the second ({@code 2026-11-28T17:45:00Z}). */
    static final java.util.Set<String> FACT_INSTANTS = java.util.Set.of("submitted_at", "acknowledged_at", "decided_at", "executed_at",
            "next_deadline_at", "preserved_until");

    private static String isoInstant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.time.OffsetDateTime at = rs.getObject(column, java.time.OffsetDateTime.class);
        return at == null ? null : at.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static Map<String, Object> describe(Filter f, String what) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", what);
        if (f.from() != null) {
            m.put("from", f.from().toString());
        }
        if (f.to() != null) {
            m.put("to", f.to().toString());
        }
        if (f.partner() != null) {
            m.put("partner", f.partner());
        }
        if (f.instrument() != null) {
            m.put("instrument", f.instrument());
        }
        if (f.type() != null) {
            m.put("type", f.type());
        }
        return m;
    }
}
