package org.comity.node.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.knowledge.ChannelAdvisor;
import org.comity.node.knowledge.ChannelOption;
import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.CountryProfiles;
import org.comity.node.knowledge.HolderKind;
import org.comity.node.knowledge.MeasuredTimes;
import org.comity.node.knowledge.Situation;
import org.comity.node.knowledge.Treaty;
import org.comity.node.knowledge.TreatyParty;
import org.comity.node.platform.Actor;
import org.comity.node.platform.Role;
import org.comity.node.request.Action;
import org.comity.node.request.CommandInput;
import org.comity.node.request.DataCategory;
import org.comity.node.request.Requests;
import org.comity.node.request.Urgency;
import org.comity.node.support.ClockedNodeTest;
import org.comity.node.support.Documents;
import org.comity.node.support.Fixtures;
import org.comity.node.support.SessionClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Typical processing times from the statistics: requests of one state to another under the Budapest
 * Convention's Art. 31, executed twelve days after submission, give the channel advisor and the
 * requested state's profile a measured median, once there are five of them and not before.
 */
class MeasuredTimesTest extends ClockedNodeTest {

    @Autowired
    Requests requests;
    @Autowired
    MeasuredTimes measured;
    @Autowired
    ChannelAdvisor advisor;
    @Autowired
    CountryProfiles profiles;

    @Test
    void fiveExecutedRequestsGiveTheAdvisorAndTheProfileAMeasuredMedian() {
        String a = fixtures.state("Asking");
        String b = fixtures.state("Answering");
        Authority centralA = fixtures.authority(a, AuthorityKind.CENTRAL_AUTHORITY);
        Authority centralB = fixtures.authority(b, AuthorityKind.CENTRAL_AUTHORITY);
        User adminA = fixtures.user(centralA, Role.ADMIN);
        Actor asker = fixtures.actor(fixtures.user(centralA, Role.CENTRAL_AUTHORITY));
        Actor prosecutorA = fixtures.actor(fixtures.user(fixtures.authority(a, AuthorityKind.JUDICIAL_AUTHORITY), Role.JUDICIAL_AUTHORITY));
        User adminB = fixtures.user(centralB, Role.ADMIN);
        Actor answerer = fixtures.actor(fixtures.user(centralB, Role.CENTRAL_AUTHORITY));
        for (String s : List.of(a, b)) {
            profiles.save(fixtures.actor(adminA), new CountryProfile(s, "State " + s, false, List.of(new TreatyParty(Treaty.BUDAPEST, null, List.of())),
                    List.of(), null, null, List.of("en"), null, null, List.of(), List.of(), null), 0, "test");
        }
        Situation situation = new Situation(a, b, HolderKind.SERVICE_PROVIDER, null, Set.of(DataCategory.CONTENT), List.of(), false, false);

        for (int i = 1; i <= MeasuredTimes.MINIMUM; i++) {
            UUID id = requests.create(asker, Documents.complete("budapest-31", null, centralB.id(), Urgency.NORMAL)).summary().id();
            requests.act(asker, id, null, Action.SUBMIT, CommandInput.EMPTY);
            clock.advance(Duration.ofDays(2));
            for (Action step : List.of(Action.ACKNOWLEDGE, Action.START_REVIEW, Action.ACCEPT, Action.START_EXECUTION)) {
                requests.act(answerer, id, null, step, CommandInput.EMPTY);
            }
            clock.advance(Duration.ofDays(10));
            requests.act(answerer, id, null, Action.EXECUTE, CommandInput.EMPTY);
            if (i < MeasuredTimes.MINIMUM) {
                assertThat(measured.toExecution(a, b)).as("%d executed: too few to say", i).isEmpty();
                assertThat(mla(situation, prosecutorA).expectedTimeSource()).isEqualTo("RULE");
            }
        }

        MeasuredTimes.Measured median = MeasuredTimes.of(measured.toExecution(a, b), "budapest-31").orElseThrow();
        assertThat(measured.toExecution(a, b)).hasSize(1);
        assertThat(median.requests()).isEqualTo(MeasuredTimes.MINIMUM);
        // The statistics keep durations in 5 % buckets: the median is at most 5 % above twelve days.
        assertThat(median.median()).isBetween(Duration.ofDays(12), Duration.ofDays(12).multipliedBy(105).dividedBy(100));
        assertThat(measured.toExecution(b, a)).as("the other way round").isEmpty();

        // A user of the requesting state is told what its requests took; nobody else is.
        ChannelOption mla = mla(situation, prosecutorA);
        assertThat(mla.expectedTimeSource()).isEqualTo("MEASURED");
        assertThat(mla.expectedTime()).isEqualTo(median.median());
        assertThat(mla(situation, answerer).expectedTimeSource()).as("a user of the other state").isEqualTo("RULE");
        assertThat(advisor.advise(situation).stream().filter(o -> o.rule().equals("mla-budapest")).findFirst().orElseThrow().expectedTimeSource())
                .as("no viewer").isEqualTo("RULE");

        SessionClient web = new SessionClient(port).withClock(clock).signIn(adminA.username(), Fixtures.PASSWORD);
        long days = Math.round(median.median().toHours() / 24.0);
        assertThat(web.get("/knowledge/profiles/" + b).body()).contains("id=\"measured-times\"").contains("Budapest Convention")
                .contains(">" + days + " d<").contains("(median of 5 requests)");
        assertThat(web.get("/knowledge/profiles/" + a).body()).doesNotContain("measured-times");
        String advice = web.get("/knowledge/advisor?requestingState=" + a + "&requestedState=" + b + "&holder=SERVICE_PROVIDER&categories=CONTENT").body();
        assertThat(advice).contains(">" + days + " d<").contains("(measured on this node)");
        SessionClient other = new SessionClient(port).withClock(clock).signIn(adminB.username(), Fixtures.PASSWORD);
        assertThat(other.get("/knowledge/profiles/" + b).body()).as("another state's figures").doesNotContain("measured-times");
    }

    ChannelOption mla(Situation s, Actor viewer) {
        return advisor.advise(s, viewer).stream().filter(o -> o.rule().equals("mla-budapest")).findFirst().orElseThrow();
    }
}
