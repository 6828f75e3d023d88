package org.comity.node.knowledge.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.comity.node.knowledge.ChannelOption;
import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.MeasuredTimes;
import org.comity.node.knowledge.ProcessingTime;
import org.comity.node.knowledge.ProviderContact;
import org.comity.node.knowledge.Reason;
import org.comity.node.knowledge.Reservation;
import org.comity.node.knowledge.Situation;
import org.comity.node.knowledge.Treaty;
import org.comity.node.request.DataCategory;

/**
 * The advisor's decision: which rules hold for a situation and the two states' profiles, their scores
 * and their explanations. Pure (no Spring, no I/O): the decision-table test runs it directly.
 * Reasons carry message keys and arguments; their text is filled in by the caller.
 */
final class AdvisorEngine {

    /** What each category sought that a disclosing channel cannot obtain costs in score. */
    static final int MISSING_CATEGORY_PENALTY = 15;

    private final List<AdvisorRule> rules;
    private final Function<String, String> citation;

    /**
     * @param citation the citation of an instrument id ("Budapest Convention, Art. 29")
     */
    AdvisorEngine(List<AdvisorRule> rules, Function<String, String> citation) {
        this.rules = List.copyOf(rules);
        this.citation = citation;
    }

    List<AdvisorRule> rules() {
        return rules;
    }

    List<ChannelOption> rank(Situation s, CountryProfile requesting, CountryProfile requested) {
        return rank(s, requesting, requested, List.of());
    }

    /**
     * The options, best first. An option's expected time is, in this order: what the requesting
     * state's own requests to the requested state under the rule's instrument took ({@code measured},
     * from its statistics, by instrument), the requested state's profile, the rule's default.
     */
    List<ChannelOption> rank(Situation s, CountryProfile requesting, CountryProfile requested, List<MeasuredTimes.Measured> measured) {
        if (s.requestingState().equals(s.requestedState())) {
            return List.of();
        }
        record Scored(AdvisorRule rule, int order, int score, Duration time, ChannelOption draft) {}
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            AdvisorRule rule = rules.get(i);
            Optional<List<Reason>> why = holds(rule.when(), s, requesting, requested, rule);
            if (why.isEmpty() || excluded(rule, requesting, requested)) {
                continue;
            }
            Set<DataCategory> obtains = intersect(rule.obtains(), s.categories());
            if (obtains.isEmpty()) {
                continue;
            }
            List<Reason> reasons = new ArrayList<>();
            reasons.add(reason("knowledge.rule." + rule.id() + ".because"));
            reasons.addAll(why.get());
            int score = rule.score();
            for (int b = 0; b < rule.boosts().size(); b++) {
                AdvisorRule.Boost boost = rule.boosts().get(b);
                if (holds(boost.when(), s, requesting, requested, rule).isPresent()) {
                    score += boost.add();
                    reasons.add(reason("knowledge.rule." + rule.id() + ".boost." + b, String.valueOf(boost.add())));
                }
            }
            List<Reason> cannot = new ArrayList<>();
            Set<DataCategory> missing = EnumSet.noneOf(DataCategory.class);
            missing.addAll(s.categories());
            missing.removeAll(obtains);
            for (DataCategory c : missing) {
                cannot.add(reason("knowledge.advisor.cannot." + c.name()));
            }
            if (!rule.preserves() && !missing.isEmpty()) {
                score -= MISSING_CATEGORY_PENALTY * missing.size();
                reasons.add(reason("knowledge.advisor.penalty", String.valueOf(missing.size()), String.valueOf(MISSING_CATEGORY_PENALTY * missing.size())));
            }
            cannot.add(reason("knowledge.rule." + rule.id() + ".limits"));
            if (rule.instrument() != null) {
                for (Reservation r : requested.reservationsOn(rule.instrument())) {
                    cannot.add(reason("knowledge.advisor.reservation", requested.stateCode(), r.text()));
                }
            }
            Optional<MeasuredTimes.Measured> counted = rule.instrument() == null ? Optional.empty() : MeasuredTimes.of(measured, rule.instrument());
            Optional<ProcessingTime> declared = requested.processingTime(rule.channel());
            Duration time;
            String source;
            if (counted.isPresent()) {
                time = counted.get().median();
                source = "MEASURED";
                reasons.add(reason("knowledge.advisor.time.MEASURED", String.valueOf(counted.get().requests()), requested.stateCode()));
            } else {
                time = declared.map(ProcessingTime::duration).orElseGet(() -> Duration.parse(rule.expected()));
                source = declared.map(p -> p.source().name()).orElse("RULE");
                if (declared.isPresent()) {
                    reasons.add(reason("knowledge.advisor.time." + source, requested.stateCode()));
                }
            }
            String basis = rule.instrument() == null ? rule.legalBasis() : citation.apply(rule.instrument());
            ChannelOption draft = new ChannelOption(0, rule.id(), rule.channel(), rule.instrument(), basis, time, source, obtains, cannot, reasons, score);
            scored.add(new Scored(rule, i, score, time, draft));
        }
        scored.sort(Comparator.comparingInt((Scored x) -> -x.score()).thenComparing(Scored::time).thenComparingInt(Scored::order));
        List<ChannelOption> ranked = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            ChannelOption d = scored.get(i).draft();
            List<Reason> reasons = new ArrayList<>(d.reasons());
            if (i > 0) {
                ChannelOption above = ranked.get(i - 1);
                reasons.add(reason("knowledge.advisor.below", above.rule(), String.valueOf(above.score()), String.valueOf(d.score())));
            }
            ranked.add(new ChannelOption(i + 1, d.rule(), d.channel(), d.instrument(), d.legalBasis(), d.expectedTime(), d.expectedTimeSource(),
                    d.obtains(), d.cannotObtain(), reasons, d.score()));
        }
        return List.copyOf(ranked);
    }

    /** Either state declared it does not apply the rule's article. */
    private static boolean excluded(AdvisorRule rule, CountryProfile requesting, CountryProfile requested) {
        return rule.instrument() != null && (requesting.excludes(rule.instrument()).isPresent() || requested.excludes(rule.instrument()).isPresent());
    }

    /** The reasons each condition gives when every one of them holds; empty when one does not. */
    static Optional<List<Reason>> holds(AdvisorRule.Conditions c, Situation s, CountryProfile a, CountryProfile b, AdvisorRule rule) {
        List<Reason> why = new ArrayList<>();
        if (c.bothParty() != null) {
            if (!(a.partyTo(c.bothParty()) && b.partyTo(c.bothParty()))) {
                return Optional.empty();
            }
            why.add(reason("knowledge.advisor.why.party." + c.bothParty().name(), a.stateCode(), b.stateCode()));
        }
        boolean bilateral = a.bilateralWith(b.stateCode()) || b.bilateralWith(a.stateCode());
        if (c.bilateral() != null) {
            if (bilateral != c.bilateral()) {
                return Optional.empty();
            }
            why.add(reason(bilateral ? "knowledge.advisor.why.bilateral" : "knowledge.advisor.why.no-bilateral", a.stateCode(), b.stateCode()));
        }
        if (c.noTreaty() != null) {
            boolean none = !bilateral && !(a.partyTo(Treaty.BUDAPEST) && b.partyTo(Treaty.BUDAPEST));
            if (none != c.noTreaty()) {
                return Optional.empty();
            }
            why.add(reason("knowledge.advisor.why.no-treaty", a.stateCode(), b.stateCode()));
        }
        if (c.bothEu() != null) {
            boolean eu = a.euMember() && b.euMember();
            if (eu != c.bothEu()) {
                return Optional.empty();
            }
            why.add(reason(eu ? "knowledge.advisor.why.eu" : "knowledge.advisor.why.not-eu", a.stateCode(), b.stateCode()));
        }
        if (c.holder() != null) {
            if (!c.holder().contains(s.holder())) {
                return Optional.empty();
            }
            why.add(reason("knowledge.advisor.why.holder." + s.holder().name()));
        }
        if (c.categoriesWithin() != null) {
            if (!c.categoriesWithin().containsAll(s.categories())) {
                return Optional.empty();
            }
            why.add(reason("knowledge.advisor.why.within." + names(c.categoriesWithin())));
        }
        if (c.categoriesInclude() != null) {
            if (s.categories().stream().noneMatch(c.categoriesInclude()::contains)) {
                return Optional.empty();
            }
            why.add(reason("knowledge.advisor.why.include." + names(c.categoriesInclude())));
        }
        if (c.riskToLife() != null) {
            if (s.riskToLife() != c.riskToLife()) {
                return Optional.empty();
            }
            why.add(reason(s.riskToLife() ? "knowledge.advisor.why.risk-to-life" : "knowledge.advisor.why.no-risk-to-life"));
        }
        if (c.riskOfLoss() != null) {
            if (s.riskOfLoss() != c.riskOfLoss()) {
                return Optional.empty();
            }
            why.add(reason(s.riskOfLoss() ? "knowledge.advisor.why.risk-of-loss" : "knowledge.advisor.why.no-risk-of-loss"));
        }
        if (c.providerAccepts() != null) {
            Optional<ProviderContact> provider = acceptingProvider(s, b, rule);
            if (provider.isPresent() != c.providerAccepts()) {
                return Optional.empty();
            }
            provider.ifPresent(p -> why.add(reason("knowledge.advisor.why.provider-accepts", p.name(), b.stateCode())));
        }
        return Optional.of(why);
    }

    /** A provider of the requested state's profile that holds this kind of data, is the named holder (if named) and accepts the channel. */
    private static Optional<ProviderContact> acceptingProvider(Situation s, CountryProfile requested, AdvisorRule rule) {
        return requested.providers().stream()
                .filter(p -> p.kind() == s.holder())
                .filter(p -> s.holderName() == null || s.holderName().isBlank() || p.name().equalsIgnoreCase(s.holderName().strip()))
                .filter(p -> p.accepts().contains(rule.channel()))
                .findFirst();
    }

    static String names(Set<DataCategory> categories) {
        return categories.stream().sorted().map(Enum::name).collect(Collectors.joining("-"));
    }

    private static Set<DataCategory> intersect(Set<DataCategory> a, Set<DataCategory> b) {
        Set<DataCategory> out = EnumSet.noneOf(DataCategory.class);
        for (DataCategory c : a) {
            if (b.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static Reason reason(String key, String... args) {
        return new Reason(key, List.of(args), null);
    }
}
