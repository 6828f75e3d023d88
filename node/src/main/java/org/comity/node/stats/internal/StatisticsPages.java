package org.comity.node.stats.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.request.Instruments;
import org.comity.node.request.RequestType;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The dashboard: every figure as a chart with its data table beside it, filters, exports and drill-down. */
@Controller
class StatisticsPages {

    private final Statistics statistics;
    private final Directory directory;
    private final Instruments instruments;
    private final MessageSource messages;
    private final Aggregates aggregates;

    StatisticsPages(Statistics statistics, Directory directory, Instruments instruments, MessageSource messages, Aggregates aggregates) {
        this.aggregates = aggregates;
        this.statistics = statistics;
        this.directory = directory;
        this.instruments = instruments;
        this.messages = messages;
    }

    @GetMapping("/statistics")
    String dashboard(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String partner,
            @RequestParam(required = false) String instrument, @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer published, Locale locale, Model model) {
        Filter filter = Statistics.filter(actor, from, to, partner, instrument, type);
        Map<Figure, Table> tables = statistics.all(actor, filter);
        DashboardView view = new DashboardView(messages, locale, directory.states(), instruments.all());
        boolean drill = Statistics.mayDrillDown(actor);
        List<DashboardView.Figure> figures = new ArrayList<>();
        tables.forEach((f, t) -> figures.add(view.figure(f, t, filter, drill)));
        model.addAttribute("figures", figures);
        model.addAttribute("filter", filter);
        model.addAttribute("query", query(filter));
        model.addAttribute("state", directory.state(actor.stateCode()).map(s -> s.name() + " (" + s.code() + ")").orElse(actor.stateCode()));
        model.addAttribute("states", directory.states().stream().filter(s -> !s.code().equals(actor.stateCode())).toList());
        model.addAttribute("instruments", instruments.all());
        model.addAttribute("types", RequestType.values());
        model.addAttribute("drill", drill);
        model.addAttribute("facts", Statistics.mayReadFacts(actor));
        model.addAttribute("published", published);
        String publishTo = aggregates.destination().orElse(null);
        model.addAttribute("mayPublish", publishTo != null
                && (actor.has(org.comity.node.platform.Role.ADMIN) || (actor.has(org.comity.node.platform.Role.CENTRAL_AUTHORITY) && actor.stateWide())));
        model.addAttribute("publishTo", publishTo);
        if (aggregates.acceptance() != Aggregates.Acceptance.NONE) {
            model.addAttribute("byState", view.byState(aggregates.combined()));
        }
        return "stats/dashboard";
    }

    /** The filter as a query string, for the export links (empty or starting with '?'). */
    static String query(Filter f) {
        var b = org.springframework.web.util.UriComponentsBuilder.newInstance();
        if (f.from() != null) {
            b.queryParam("from", f.from());
        }
        if (f.to() != null) {
            b.queryParam("to", f.to());
        }
        if (f.partner() != null) {
            b.queryParam("partner", f.partner());
        }
        if (f.instrument() != null) {
            b.queryParam("instrument", f.instrument());
        }
        if (f.type() != null) {
            b.queryParam("type", f.type());
        }
        return b.encode().build().toUriString();
    }
}
