package org.comity.node.stats.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.request.Instruments;
import org.comity.node.request.RequestType;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The yearly report of a state's figures: the efficiency review Rec. 36 describes (requests in and
 * out by partner, type and outcome; refusals and grounds; time to acknowledge, decide and execute;
 * deadlines met; backlog) and, for orders under EU 2023/1543, the categories its Art. 28 asks for
 * (by data category, emergency or not, fulfilled or not, refusal grounds, time to obtain the data,
 * and by service provider).
 */
@Service
class AnnualReport {

    /** A section of the report: its heading's message key and its figures as the page shows them. */
    record Section(String titleKey, String subtitle, List<DashboardView.Figure> figures) {}

    record Report(int year, String state, Instant generatedAt, List<Section> sections) {}

    private static final List<Figure> REC_36 = List.of(Figure.PERIOD, Figure.PARTNER, Figure.TYPE, Figure.INSTRUMENT, Figure.OUTCOME,
            Figure.REFUSAL_GROUND, Figure.TIMES, Figure.DEADLINES, Figure.BACKLOG);
    private static final List<Figure> ART_28 = List.of(Figure.CATEGORY, Figure.URGENCY, Figure.OUTCOME, Figure.REFUSAL_GROUND, Figure.TIMES);

    private final Figures figures;
    private final FactMaintainer facts;
    private final AuditTrail audit;
    private final Clock clock;
    private final Directory directory;
    private final Instruments instruments;
    private final MessageSource messages;

    AnnualReport(Figures figures, FactMaintainer facts, AuditTrail audit, Clock clock, Directory directory, Instruments instruments, MessageSource messages) {
        this.figures = figures;
        this.facts = facts;
        this.audit = audit;
        this.clock = clock;
        this.directory = directory;
        this.instruments = instruments;
        this.messages = messages;
    }

    @Transactional
    Report report(Actor actor, int year, Locale locale) {
        if (actor.stateCode() == null || !Statistics.mayRead(actor)) {
            throw ComityException.forbidden("Statistics are for analysts, central authorities, auditors and administrators.");
        }
        if (year < 2000 || year > 2200) {
            throw ComityException.invalid("The year is out of range.", List.of(
                    org.comity.node.platform.FieldProblem.of("year", "out-of-range", "Give a year between {0} and {1}.", 2000, 2200)));
        }
        facts.catchUp();
        Instant now = clock.instant();
        Filter all = new Filter(actor.stateCode(), YearMonth.of(year, 1), YearMonth.of(year, 12), null, null, null);
        DashboardView view = new DashboardView(messages, locale, directory.states(), instruments.all());
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("stats.report.rec36", null, REC_36.stream().map(f -> view.figure(f, figures.table(f, all, now), all, false)).toList()));
        for (RequestType type : List.of(RequestType.PRODUCTION_ORDER, RequestType.PRESERVATION_ORDER)) {
            Filter orders = new Filter(all.state(), all.from(), all.to(), null, null, type.name());
            List<DashboardView.Figure> shown = new ArrayList<>(ART_28.stream().map(f -> view.figure(f, figures.table(f, orders, now), orders, false)).toList());
            shown.add(view.providers(figures.providers(orders)));
            sections.add(new Section("stats.report.art28", messages.getMessage("stats.type." + type.name(), null, type.name(), locale), shown));
        }
        String state = directory.state(actor.stateCode()).map(s -> s.name() + " (" + s.code() + ")").orElse(actor.stateCode());
        audit.success(actor, "statistics.report", "statistics", actor.stateCode(), Map.of("year", year));
        return new Report(year, state, now, sections);
    }
}
