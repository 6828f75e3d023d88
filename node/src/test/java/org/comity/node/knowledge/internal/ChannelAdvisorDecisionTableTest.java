package org.comity.node.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.comity.node.request.DataCategory.CONTENT;
import static org.comity.node.request.DataCategory.SUBSCRIBER;
import static org.comity.node.request.DataCategory.TRAFFIC;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.comity.node.knowledge.ChannelKind;
import org.comity.node.knowledge.ChannelOption;
import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.HolderKind;
import org.comity.node.knowledge.MeasuredTimes;
import org.comity.node.knowledge.ProcessingTime;
import org.comity.node.knowledge.ProviderContact;
import org.comity.node.knowledge.Reason;
import org.comity.node.knowledge.Reservation;
import org.comity.node.knowledge.Situation;
import org.comity.node.knowledge.Treaty;
import org.comity.node.knowledge.TreatyParty;
import org.comity.node.request.DataCategory;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The advisor's decision table: each row is a case (the situation and both states' profiles) and the
 * rules it must offer, best first. Every rule of advisor-rules.yaml is the best option of at least one
 * row, so a rule that stops deciding its case fails here. The expected rankings were worked out by
 * hand from the rule file's scores, not copied from the engine's output.
 */
class ChannelAdvisorDecisionTableTest {

    static final Instruments INSTRUMENTS = new Instruments() {
        final List<String> ids = List.of("budapest-26", "budapest-29", "budapest-30", "budapest-31", "budapest-35", "protocol-6", "protocol-7",
                "protocol-8", "protocol-9", "protocol-10", "eu-epoc", "eu-epoc-pr", "bilateral-mla");

        @Override
        public List<Instrument> all() {
            return ids.stream().map(org.comity.node.support.Instruments::load).toList();
        }

        @Override
        public Optional<Instrument> find(String id) {
            return ids.contains(id) ? Optional.of(org.comity.node.support.Instruments.load(id)) : Optional.empty();
        }
    };
    static final List<AdvisorRule> RULES = RuleBasedAdvisor.load(INSTRUMENTS);
    static final AdvisorEngine ENGINE = new AdvisorEngine(RULES, id -> INSTRUMENTS.find(id).orElseThrow().citation());

    // Profiles. XA asks; the second state holds the data.
    static final CountryProfile BUDAPEST_ONLY = profile("XA", false, Treaty.BUDAPEST);
    static final CountryProfile PROTOCOL_A = profile("XA", false, Treaty.BUDAPEST, Treaty.SECOND_PROTOCOL);
    static final CountryProfile PROTOCOL_B = profile("XB", false, Treaty.BUDAPEST, Treaty.SECOND_PROTOCOL);
    static final CountryProfile BUDAPEST_B = profile("XB", false, Treaty.BUDAPEST);
    static final CountryProfile EU_A = profile("XA", true, Treaty.BUDAPEST, Treaty.SECOND_PROTOCOL, Treaty.EU_E_EVIDENCE);
    static final CountryProfile EU_C = profile("XC", true, Treaty.BUDAPEST, Treaty.SECOND_PROTOCOL, Treaty.EU_E_EVIDENCE);
    static final CountryProfile NOTHING_A = profile("XA", false);
    static final CountryProfile NOTHING_D = profile("XD", false);
    static final CountryProfile BILATERAL_A = withTreaty(profile("XA", false), new TreatyParty(Treaty.BILATERAL_MLA, null, List.of("XD")));
    static final CountryProfile BUDAPEST_BILATERAL_A = withTreaty(BUDAPEST_ONLY, new TreatyParty(Treaty.BILATERAL_MLA, null, List.of("XB")));
    static final CountryProfile NOTHING_D_WITH_PROVIDER = withProvider(NOTHING_D,
            new ProviderContact("Dorado Mail", HolderKind.SERVICE_PROVIDER, null, "lawful@mail.dorado.example", Set.of(ChannelKind.VOLUNTARY_DISCLOSURE), null));
    static final CountryProfile PROTOCOL_B_NO_ART_7 = withReservation(PROTOCOL_B, new Reservation("protocol-7", Reservation.Effect.EXCLUDES, "Art. 7 does not apply (Art. 7(9)(a))."));
    static final CountryProfile PROTOCOL_B_NO_ART_9 = withReservation(PROTOCOL_B, new Reservation("protocol-9", Reservation.Effect.EXCLUDES, "Art. 9 does not apply."));
    static final CountryProfile BUDAPEST_B_NO_ART_29 = withReservation(BUDAPEST_B, new Reservation("budapest-29", Reservation.Effect.EXCLUDES, "Preservation only through MLA."));

    record Row(String name, Situation situation, CountryProfile requesting, CountryProfile requested, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                new Row("subscriber data from a provider, both Parties to the Protocol: the direct order first",
                        situation("XA", "XB", HolderKind.SERVICE_PROVIDER, false, false, SUBSCRIBER), PROTOCOL_A, PROTOCOL_B,
                        List.of("subscriber-order", "giving-effect", "preservation-24-7", "mla-budapest")),
                new Row("registration data of a domain from a registrar: Art. 6 first",
                        situation("XA", "XB", HolderKind.REGISTRAR, false, false, SUBSCRIBER), PROTOCOL_A, PROTOCOL_B,
                        List.of("domain-registration", "preservation-24-7", "mla-budapest")),
                new Row("risk to life, content and subscriber data: emergency disclosure first, preservation beats the slower Art. 8",
                        situation("XA", "XB", HolderKind.SERVICE_PROVIDER, true, false, CONTENT, SUBSCRIBER), PROTOCOL_A, PROTOCOL_B,
                        List.of("emergency-disclosure", "emergency-mla", "emergency-24-7", "preservation-24-7", "giving-effect", "mla-budapest")),
                new Row("risk to life but Art. 9 reserved: emergency mutual assistance first",
                        situation("XA", "XB", HolderKind.SERVICE_PROVIDER, true, false, CONTENT), PROTOCOL_A, PROTOCOL_B_NO_ART_9,
                        List.of("emergency-mla", "preservation-24-7", "mla-budapest")),
                new Row("Budapest only, risk to life: the 24/7 network first",
                        situation("XA", "XB", HolderKind.SERVICE_PROVIDER, true, false, SUBSCRIBER), BUDAPEST_ONLY, BUDAPEST_B,
                        List.of("emergency-24-7", "preservation-24-7", "mla-budapest")),
                new Row("Budapest only, traffic data that may be lost: preservation first",
                        situation("XA", "XB", HolderKind.SERVICE_PROVIDER, false, true, TRAFFIC), BUDAPEST_ONLY, BUDAPEST_B,
                        List.of("preservation-24-7", "mla-budapest")),
                new Row("Budapest only, preservation reserved: only mutual assistance",
                        situation("XA", "XB", HolderKind.SERVICE_PROVIDER, false, true, TRAFFIC), BUDAPEST_ONLY, BUDAPEST_B_NO_ART_29,
                        List.of("mla-budapest")),
                new Row("Art. 7 reserved by the requested state: giving effect to an order first",
                        situation("XA", "XB", HolderKind.SERVICE_PROVIDER, false, false, SUBSCRIBER), PROTOCOL_A, PROTOCOL_B_NO_ART_7,
                        List.of("giving-effect", "preservation-24-7", "mla-budapest")),
                new Row("both EU member states, content from a provider: the production order first",
                        situation("XA", "XC", HolderKind.SERVICE_PROVIDER, false, false, CONTENT), EU_A, EU_C,
                        List.of("eu-production-order", "eu-preservation-order", "preservation-24-7", "mla-budapest")),
                new Row("both EU member states, content that may be lost: the preservation order first",
                        situation("XA", "XC", HolderKind.SERVICE_PROVIDER, false, true, CONTENT), EU_A, EU_C,
                        List.of("eu-preservation-order", "preservation-24-7", "eu-production-order", "mla-budapest")),
                new Row("EU member and a non-member: no EU order",
                        situation("XA", "XB", HolderKind.SERVICE_PROVIDER, false, false, CONTENT), EU_A, PROTOCOL_B,
                        List.of("preservation-24-7", "mla-budapest")),
                new Row("only a bilateral treaty binds them: bilateral mutual assistance",
                        situation("XA", "XD", HolderKind.PUBLIC_AUTHORITY, false, false, CONTENT), BILATERAL_A, NOTHING_D,
                        List.of("mla-bilateral")),
                new Row("Budapest and a bilateral treaty: both MLA bases, the Convention's first (file order on a tie)",
                        situation("XA", "XB", HolderKind.PUBLIC_AUTHORITY, false, false, CONTENT), BUDAPEST_BILATERAL_A, BUDAPEST_B,
                        List.of("preservation-24-7", "mla-budapest", "mla-bilateral")),
                new Row("no treaty, a provider that discloses voluntarily: voluntary disclosure first",
                        situation("XA", "XD", HolderKind.SERVICE_PROVIDER, false, false, SUBSCRIBER), NOTHING_A, NOTHING_D_WITH_PROVIDER,
                        List.of("voluntary-disclosure", "mla-reciprocity")),
                new Row("no treaty, a public authority holds it: letters rogatory only",
                        situation("XA", "XD", HolderKind.PUBLIC_AUTHORITY, false, false, SUBSCRIBER), NOTHING_A, NOTHING_D_WITH_PROVIDER,
                        List.of("mla-reciprocity")),
                new Row("the named provider is not the one that discloses voluntarily",
                        new Situation("XA", "XD", HolderKind.SERVICE_PROVIDER, "Another Host", Set.of(SUBSCRIBER), List.of(), false, false),
                        NOTHING_A, NOTHING_D_WITH_PROVIDER, List.of("mla-reciprocity")),
                new Row("voluntary disclosure offers nothing for content",
                        situation("XA", "XD", HolderKind.SERVICE_PROVIDER, false, false, CONTENT), NOTHING_A, NOTHING_D_WITH_PROVIDER,
                        List.of("mla-reciprocity")),
                new Row("the same state on both sides: no international channel",
                        situation("XA", "XA", HolderKind.SERVICE_PROVIDER, false, false, SUBSCRIBER), PROTOCOL_A, PROTOCOL_A,
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachCaseGetsItsChannelsInItsOrder(Row row) {
        List<ChannelOption> options = ENGINE.rank(row.situation(), row.requesting(), row.requested());
        assertThat(options).extracting(ChannelOption::rule).containsExactlyElementsOf(row.expected());
        for (int i = 0; i < options.size(); i++) {
            assertThat(options.get(i).rank()).isEqualTo(i + 1);
            assertThat(options.get(i).reasons()).extracting(Reason::key).startsWith("knowledge.rule." + options.get(i).rule() + ".because");
        }
    }

    @Test
    void everyRuleIsTheBestOptionOfSomeCase() {
        Set<String> decided = new HashSet<>();
        table().forEach(row -> ENGINE.rank(row.situation(), row.requesting(), row.requested()).stream().findFirst()
                .ifPresent(o -> decided.add(o.rule())));
        assertThat(decided).containsExactlyInAnyOrderElementsOf(RULES.stream().map(AdvisorRule::id).toList());
    }

    @Test
    void anOptionSaysWhatItCannotObtainAndPaysForIt() {
        List<ChannelOption> options = ENGINE.rank(situation("XA", "XB", HolderKind.SERVICE_PROVIDER, true, false, CONTENT, SUBSCRIBER), PROTOCOL_A, PROTOCOL_B);
        ChannelOption network = options.stream().filter(o -> o.rule().equals("emergency-24-7")).findFirst().orElseThrow();
        assertThat(network.obtains()).containsExactly(SUBSCRIBER);
        assertThat(network.cannotObtain()).extracting(Reason::key).contains("knowledge.advisor.cannot.CONTENT", "knowledge.rule.emergency-24-7.limits");
        assertThat(network.score()).isEqualTo(70 - AdvisorEngine.MISSING_CATEGORY_PENALTY);
        assertThat(network.reasons()).extracting(Reason::key).contains("knowledge.advisor.why.party.BUDAPEST", "knowledge.advisor.why.risk-to-life",
                "knowledge.advisor.penalty", "knowledge.advisor.below");
        // Preservation keeps everything sought and is not marked down for disclosing nothing.
        ChannelOption preservation = options.stream().filter(o -> o.rule().equals("preservation-24-7")).findFirst().orElseThrow();
        assertThat(preservation.obtains()).containsExactlyInAnyOrder(CONTENT, SUBSCRIBER);
        assertThat(preservation.score()).isEqualTo(50);
        assertThat(preservation.instrument()).isEqualTo("budapest-29");
        assertThat(preservation.legalBasis()).isEqualTo("Budapest Convention, Art. 29");
    }

    @Test
    void theRequestedStatesOwnFigureReplacesTheRulesExpectedTime() {
        CountryProfile slow = new CountryProfile("XB", "Borealis", false, BUDAPEST_B.treaties(), List.of(), null, null, List.of("en"), null, null,
                List.of(), List.of(new ProcessingTime(ChannelKind.MUTUAL_ASSISTANCE, "P400D", ProcessingTime.Source.STATISTICS, null)), null);
        List<ChannelOption> options = ENGINE.rank(situation("XA", "XB", HolderKind.SERVICE_PROVIDER, false, false, CONTENT), BUDAPEST_ONLY, slow);
        ChannelOption mla = options.stream().filter(o -> o.rule().equals("mla-budapest")).findFirst().orElseThrow();
        assertThat(mla.expectedTime()).isEqualTo(Duration.ofDays(400));
        assertThat(mla.expectedTimeSource()).isEqualTo("STATISTICS");
        ChannelOption preservation = options.stream().filter(o -> o.rule().equals("preservation-24-7")).findFirst().orElseThrow();
        assertThat(preservation.expectedTime()).isEqualTo(Duration.ofHours(24));
        assertThat(preservation.expectedTimeSource()).isEqualTo("RULE");
    }

    @Test
    void whatThisNodeMeasuredBeatsTheProfileAndTheRule() {
        CountryProfile slow = new CountryProfile("XB", "Borealis", false, BUDAPEST_B.treaties(), List.of(), null, null, List.of("en"), null, null,
                List.of(), List.of(new ProcessingTime(ChannelKind.MUTUAL_ASSISTANCE, "P400D", ProcessingTime.Source.MANUAL, null)), null);
        List<MeasuredTimes.Measured> measured = List.of(new MeasuredTimes.Measured("budapest-31", Duration.ofDays(12), 7),
                new MeasuredTimes.Measured("bilateral-mla", Duration.ofDays(3), 9));
        Situation s = situation("XA", "XB", HolderKind.SERVICE_PROVIDER, false, false, CONTENT);
        List<ChannelOption> options = ENGINE.rank(s, BUDAPEST_ONLY, slow, measured);
        ChannelOption mla = options.stream().filter(o -> o.rule().equals("mla-budapest")).findFirst().orElseThrow();
        assertThat(mla.expectedTime()).isEqualTo(Duration.ofDays(12));
        assertThat(mla.expectedTimeSource()).isEqualTo("MEASURED");
        assertThat(mla.reasons()).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("knowledge.advisor.time.MEASURED");
            assertThat(r.args()).containsExactly("7", "XB");
        });
        // An instrument with nothing measured: the profile's figure, then the rule's.
        ChannelOption preservation = options.stream().filter(o -> o.rule().equals("preservation-24-7")).findFirst().orElseThrow();
        assertThat(preservation.expectedTimeSource()).isEqualTo("RULE");
        assertThat(ENGINE.rank(s, BUDAPEST_ONLY, slow, List.of()).stream().filter(o -> o.rule().equals("mla-budapest")).findFirst().orElseThrow()
                .expectedTimeSource()).isEqualTo("MANUAL");
    }

    @Test
    void aConditionalReservationIsShownAsALimit() {
        CountryProfile conditional = withReservation(PROTOCOL_B, new Reservation("protocol-7", Reservation.Effect.CONDITIONS, "Simultaneous notification of the central authority."));
        ChannelOption order = ENGINE.rank(situation("XA", "XB", HolderKind.SERVICE_PROVIDER, false, false, SUBSCRIBER), PROTOCOL_A, conditional).getFirst();
        assertThat(order.rule()).isEqualTo("subscriber-order");
        assertThat(order.cannotObtain()).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("knowledge.advisor.reservation");
            assertThat(r.args()).containsExactly("XB", "Simultaneous notification of the central authority.");
        });
    }

    /** Every key the advisor can produce has its English words (the other languages are held to English by MessageBundlesTest). */
    @Test
    void everyReasonTheAdvisorCanGiveHasItsWords() throws IOException {
        Properties english = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/messages.properties")) {
            english.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        List<String> keys = new ArrayList<>();
        for (AdvisorRule r : RULES) {
            keys.add("knowledge.rule." + r.id() + ".because");
            keys.add("knowledge.rule." + r.id() + ".limits");
            for (int b = 0; b < r.boosts().size(); b++) {
                keys.add("knowledge.rule." + r.id() + ".boost." + b);
            }
            for (AdvisorRule.Conditions c : Stream.concat(Stream.of(r.when()), r.boosts().stream().map(AdvisorRule.Boost::when)).toList()) {
                if (c.categoriesWithin() != null) {
                    keys.add("knowledge.advisor.why.within." + AdvisorEngine.names(c.categoriesWithin()));
                }
                if (c.categoriesInclude() != null) {
                    keys.add("knowledge.advisor.why.include." + AdvisorEngine.names(c.categoriesInclude()));
                }
            }
        }
        Arrays.stream(Treaty.values()).forEach(t -> keys.add("knowledge.advisor.why.party." + t.name()));
        Arrays.stream(HolderKind.values()).forEach(h -> keys.add("knowledge.advisor.why.holder." + h.name()));
        Arrays.stream(DataCategory.values()).forEach(c -> keys.add("knowledge.advisor.cannot." + c.name()));
        Arrays.stream(ProcessingTime.Source.values()).forEach(s -> keys.add("knowledge.advisor.time." + s.name()));
        keys.add("knowledge.advisor.time.MEASURED");
        keys.addAll(List.of("knowledge.advisor.why.bilateral", "knowledge.advisor.why.no-bilateral", "knowledge.advisor.why.no-treaty",
                "knowledge.advisor.why.eu", "knowledge.advisor.why.not-eu", "knowledge.advisor.why.risk-to-life", "knowledge.advisor.why.no-risk-to-life",
                "knowledge.advisor.why.risk-of-loss", "knowledge.advisor.why.no-risk-of-loss", "knowledge.advisor.why.provider-accepts",
                "knowledge.advisor.penalty", "knowledge.advisor.reservation", "knowledge.advisor.below"));
        assertThat(keys).allSatisfy(k -> assertThat(english.getProperty(k)).as(k).isNotBlank());
    }

    static Situation situation(String from, String to, HolderKind holder, boolean riskToLife, boolean riskOfLoss, DataCategory... categories) {
        return new Situation(from, to, holder, null, EnumSet.copyOf(List.of(categories)), List.of(), riskToLife, riskOfLoss);
    }

    static CountryProfile profile(String code, boolean eu, Treaty... treaties) {
        return new CountryProfile(code, code, eu, Arrays.stream(treaties).map(t -> new TreatyParty(t, null, List.of())).toList(), List.of(), null, null,
                List.of("en"), null, null, List.of(), List.of(), null);
    }

    static CountryProfile withTreaty(CountryProfile p, TreatyParty t) {
        List<TreatyParty> treaties = new ArrayList<>(p.treaties());
        treaties.add(t);
        return new CountryProfile(p.stateCode(), p.stateName(), p.euMember(), treaties, p.reservations(), null, null, p.languages(), null, null,
                p.providers(), p.processingTimes(), null);
    }

    static CountryProfile withReservation(CountryProfile p, Reservation r) {
        return new CountryProfile(p.stateCode(), p.stateName(), p.euMember(), p.treaties(), List.of(r), null, null, p.languages(), null, null,
                p.providers(), p.processingTimes(), null);
    }

    static CountryProfile withProvider(CountryProfile p, ProviderContact c) {
        return new CountryProfile(p.stateCode(), p.stateName(), p.euMember(), p.treaties(), p.reservations(), null, null, p.languages(), null, null,
                List.of(c), p.processingTimes(), null);
    }
}
