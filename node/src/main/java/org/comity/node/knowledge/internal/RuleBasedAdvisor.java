package org.comity.node.knowledge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.comity.node.knowledge.ChannelAdvisor;
import org.comity.node.knowledge.ChannelOption;
import org.comity.node.knowledge.CountryProfiles;
import org.comity.node.knowledge.MeasuredTimes;
import org.comity.node.platform.Actor;
import org.comity.node.knowledge.Reason;
import org.comity.node.knowledge.Situation;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The channel advisor over {@code knowledge/advisor-rules.yaml}. The rules are read and checked at
 * start-up: a rule naming an instrument this node does not know, or an unreadable expected time,
 * stops the node (a wrong rule must not advise silently).
 */
@Service
class RuleBasedAdvisor implements ChannelAdvisor {

    static final String RULES = "knowledge/advisor-rules.yaml";
    private static final Pattern STATE = Pattern.compile("^[A-Z]{2}$");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final AdvisorEngine engine;
    private final CountryProfiles profiles;
    private final MeasuredTimes measured;
    private final MessageSource messages;

    RuleBasedAdvisor(Instruments instruments, CountryProfiles profiles, MeasuredTimes measured, MessageSource messages) {
        this.profiles = profiles;
        this.measured = measured;
        this.messages = messages;
        this.engine = new AdvisorEngine(load(instruments), id -> instruments.find(id).map(Instrument::citation).orElse(id));
    }

    /** Reads and checks the rule file; refuses the first rule that breaks a rule of the format. */
    static List<AdvisorRule> load(Instruments instruments) {
        AdvisorRule.RuleFile file;
        try (InputStream in = new ClassPathResource(RULES).getInputStream()) {
            file = YAML.readValue(in, AdvisorRule.RuleFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RULES, e);
        }
        Set<String> ids = new HashSet<>();
        for (AdvisorRule r : file.rules()) {
            String where = RULES + ", rule " + r.id() + ": ";
            if (r.id() == null || !ids.add(r.id())) {
                throw new IllegalStateException(where + "every rule needs an id of its own");
            }
            if (r.channel() == null || r.obtains().isEmpty() || r.expected() == null) {
                throw new IllegalStateException(where + "channel, obtains and expected are required");
            }
            if (r.instrument() != null && instruments.find(r.instrument()).isEmpty()) {
                throw new IllegalStateException(where + "unknown instrument " + r.instrument());
            }
            if (r.instrument() == null && (r.legalBasis() == null || r.legalBasis().isBlank())) {
                throw new IllegalStateException(where + "a rule without an instrument states its legal basis");
            }
            try {
                Duration.parse(r.expected());
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(where + "expected is not an ISO-8601 duration: " + r.expected(), e);
            }
        }
        return file.rules();
    }

    @Override
    public List<ChannelOption> advise(Situation s) {
        return advise(s, null);
    }

    @Override
    public List<ChannelOption> advise(Situation s, Actor viewer) {
        check(s);
        boolean own = viewer != null && s.requestingState().equals(viewer.stateCode());
        List<MeasuredTimes.Measured> times = own ? measured.toExecution(s.requestingState(), s.requestedState()) : List.of();
        List<ChannelOption> ranked = engine.rank(s, profiles.profileOf(s.requestingState()), profiles.profileOf(s.requestedState()), times);
        return ranked.stream().map(this::withText).toList();
    }

    private static void check(Situation s) {
        List<FieldProblem> problems = new ArrayList<>();
        if (s.requestingState() == null || !STATE.matcher(s.requestingState()).matches()) {
            problems.add(FieldProblem.of("requestingState", "required", "Choose the requesting state."));
        }
        if (s.requestedState() == null || !STATE.matcher(s.requestedState()).matches()) {
            problems.add(FieldProblem.of("requestedState", "required", "Choose the state where the data is held."));
        }
        if (s.holder() == null) {
            problems.add(FieldProblem.of("holder", "required", "Say who holds the data."));
        }
        if (s.categories().isEmpty()) {
            problems.add(FieldProblem.of("categories", "required", "Choose at least one category of data."));
        }
        if (s.holderName() != null && s.holderName().length() > 200) {
            problems.add(FieldProblem.of("holderName", "too-long", "Use at most {0} characters.", 200));
        }
        if (s.identifiers().size() > 50 || s.identifiers().stream().anyMatch(i -> i == null || i.length() > 500)) {
            problems.add(FieldProblem.of("identifiers", "too-long", "At most 50 identifiers of at most 500 characters."));
        }
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The situation is incomplete.", problems);
        }
    }

    /** The English text of every reason, for the API (pages translate the keys themselves). */
    private ChannelOption withText(ChannelOption o) {
        return new ChannelOption(o.rank(), o.rule(), o.channel(), o.instrument(), o.legalBasis(), o.expectedTime(), o.expectedTimeSource(),
                o.obtains(), o.cannotObtain().stream().map(this::english).toList(), o.reasons().stream().map(this::english).toList(), o.score());
    }

    private Reason english(Reason r) {
        return new Reason(r.key(), r.args(), messages.getMessage(r.key(), r.args().toArray(), r.key(), Locale.ROOT));
    }
}
