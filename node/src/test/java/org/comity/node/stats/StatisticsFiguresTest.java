package org.comity.node.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Actor;
import org.comity.node.platform.Role;
import org.comity.node.request.Action;
import org.comity.node.request.CommandInput;
import org.comity.node.request.RefusalGround;
import org.comity.node.request.Requests;
import org.comity.node.request.Urgency;
import org.comity.node.support.ClockedNodeTest;
import org.comity.node.support.Documents;
import org.comity.node.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The figures against a generated history: requests under a bilateral treaty from state A to state
 * B, each taken through a random path (left waiting, acknowledged late or early, accepted or refused
 * on a random ground, executed, withdrawn) while the clock moves. The test keeps its own log of
 * what it did and when, computes every figure from that log, and compares with what the statistics
 * say (for the requesting state, outgoing, and the requested state, incoming).
 */
class StatisticsFiguresTest extends ClockedNodeTest {

    @Autowired
    Requests requests;

    /** What the test did to one request, in its own words. */
    static final class Story {
        Urgency urgency;
        Instant submitted, acknowledged, decided, executed;
        boolean refused, withdrawn;
        RefusalGround ground;
        Instant delivered;

        String month() {
            return submitted.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).toString().substring(0, 7);
        }

        String outcome() {
            return withdrawn ? "WITHDRAWN" : refused ? "REFUSED" : executed != null ? "EXECUTED" : "OPEN";
        }

        // bilateral-mla.yaml: acknowledge within 10 days (urgent 2) of delivery, decide within 60 (urgent 10) of acknowledgement.
        Duration ackLimit() {
            return urgency == Urgency.NORMAL ? Duration.ofDays(10) : Duration.ofDays(2);
        }

        Duration decideLimit() {
            return urgency == Urgency.NORMAL ? Duration.ofDays(60) : Duration.ofDays(10);
        }
    }

    @Test
    void figuresMatchWhatTheTestComputesFromItsOwnLogOfAGeneratedHistory() {
        String stateA = fixtures.state("Requesting");
        String stateB = fixtures.state("Requested");
        Authority centralA = fixtures.authority(stateA, AuthorityKind.CENTRAL_AUTHORITY);
        Authority centralB = fixtures.authority(stateB, AuthorityKind.CENTRAL_AUTHORITY);
        Actor asker = fixtures.actor(fixtures.user(centralA, Role.CENTRAL_AUTHORITY));
        Actor answerer = fixtures.actor(fixtures.user(centralB, Role.CENTRAL_AUTHORITY));
        Random random = new Random(20260601L);
        List<Story> stories = new ArrayList<>();

        for (int i = 0; i < 36; i++) {
            Story s = new Story();
            s.urgency = random.nextInt(4) == 0 ? Urgency.URGENT : Urgency.NORMAL;
            UUID id = requests.create(asker, Documents.complete("bilateral-mla", null, centralB.id(), s.urgency)).summary().id();
            requests.act(asker, id, null, Action.SUBMIT, CommandInput.EMPTY);
            s.submitted = clock.instant();
            s.delivered = s.submitted; // delivered on this node in the same moment
            int path = random.nextInt(6);
            if (path > 0) {
                clock.advance(Duration.ofHours(1 + random.nextInt(300)));
                requests.act(answerer, id, null, Action.ACKNOWLEDGE, CommandInput.EMPTY);
                s.acknowledged = clock.instant();
            }
            if (path > 1) {
                requests.act(answerer, id, null, Action.START_REVIEW, CommandInput.EMPTY);
                clock.advance(Duration.ofHours(1 + random.nextInt(2000)));
                if (path == 2) {
                    s.ground = RefusalGround.values()[random.nextInt(RefusalGround.values().length)];
                    requests.act(answerer, id, null, Action.REFUSE, new CommandInput("Refused for the test", s.ground, null, null, null, null));
                    s.refused = true;
                } else {
                    requests.act(answerer, id, null, Action.ACCEPT, CommandInput.EMPTY);
                }
                s.decided = clock.instant();
            }
            if (path > 3) {
                requests.act(answerer, id, null, Action.START_EXECUTION, CommandInput.EMPTY);
                clock.advance(Duration.ofHours(1 + random.nextInt(3000)));
                requests.act(answerer, id, null, Action.EXECUTE, CommandInput.EMPTY);
                s.executed = clock.instant();
            }
            if (path == 3 && random.nextBoolean()) {
                requests.act(asker, id, null, Action.WITHDRAW, CommandInput.reason("No longer needed"));
                s.withdrawn = true;
            }
            stories.add(s);
            clock.advance(Duration.ofHours(random.nextInt(200)));
        }
        Instant now = clock.instant();
        // The history covers every path the figures distinguish.
        assertThat(stories).anyMatch(s -> s.refused).anyMatch(s -> s.withdrawn).anyMatch(s -> s.executed != null)
                .anyMatch(s -> s.acknowledged == null).anyMatch(s -> s.urgency == Urgency.URGENT)
                .anyMatch(s -> s.acknowledged != null && !s.acknowledged.isBefore(s.delivered.plus(s.ackLimit())));

        Http analystA = http(fixtures.token(fixtures.user(centralA, Role.ANALYST)));
        Http analystB = http(fixtures.token(fixtures.user(centralB, Role.ANALYST)));
        JsonNode outgoing = analystA.get("/api/v1/statistics").json().get("figures");
        JsonNode incoming = analystB.get("/api/v1/statistics").json().get("figures");

        // Counts by month, outcome, urgency, refusal ground and partner.
        assertCounts(outgoing.get("period"), "outgoing", count(stories, Story::month));
        assertCounts(incoming.get("period"), "incoming", count(stories, Story::month));
        assertCounts(outgoing.get("outcome"), "outgoing", count(stories, Story::outcome));
        assertCounts(incoming.get("urgency"), "incoming", count(stories, s -> s.urgency.name()));
        assertCounts(incoming.get("refusal-ground"), "incoming",
                count(stories.stream().filter(s -> s.refused).toList(), s -> s.ground.name()));
        assertCounts(outgoing.get("partner"), "outgoing", Map.of(stateB, (long) stories.size()));
        assertCounts(incoming.get("partner"), "incoming", Map.of(stateA, (long) stories.size()));
        assertCounts(outgoing.get("category"), "outgoing", Map.of("SUBSCRIBER", (long) stories.size())); // Documents.complete asks for subscriber data

        // Times from submission: the nearest-rank median and p90, within the histogram's 5 %.
        assertTime(incoming, "INCOMING", "ACKNOWLEDGE", stories.stream().filter(s -> s.acknowledged != null)
                .map(s -> Duration.between(s.submitted, s.acknowledged)).toList());
        assertTime(outgoing, "OUTGOING", "DECIDE", stories.stream().filter(s -> s.decided != null)
                .map(s -> Duration.between(s.submitted, s.decided)).toList());
        assertTime(incoming, "INCOMING", "EXECUTE", stories.stream().filter(s -> s.executed != null)
                .map(s -> Duration.between(s.submitted, s.executed)).toList());

        // The finer histograms (read when a partner is chosen) agree with the monthly ones: every request here has that partner.
        assertThat(analystB.get("/api/v1/statistics/figures/times?partner=" + stateA).json().get("rows")).isEqualTo(incoming.get("times").get("rows"));
        assertThat(analystB.get("/api/v1/statistics/figures/times?partner=" + stateA + "&type=MUTUAL_ASSISTANCE").json().get("rows"))
                .isEqualTo(incoming.get("times").get("rows"));

        // Deadlines: met when the ending event came before the limit.
        long ackMet = stories.stream().filter(s -> s.acknowledged != null && s.acknowledged.isBefore(s.delivered.plus(s.ackLimit()))).count();
        long ackMissed = stories.stream().filter(s -> s.acknowledged != null).count() - ackMet;
        long decideMet = stories.stream().filter(s -> s.decided != null && s.decided.isBefore(s.acknowledged.plus(s.decideLimit()))).count();
        long decideMissed = stories.stream().filter(s -> s.decided != null).count() - decideMet;
        JsonNode deadlines = row(incoming.get("deadlines"), "INCOMING", "ACKNOWLEDGE");
        assertThat(deadlines.get(2).asLong()).isEqualTo(ackMet);
        assertThat(deadlines.get(3).asLong()).isEqualTo(ackMissed);
        JsonNode decide = row(incoming.get("deadlines"), "INCOMING", "DECIDE");
        assertThat(decide.get(2).asLong()).isEqualTo(decideMet);
        assertThat(decide.get(3).asLong()).isEqualTo(decideMissed);

        // Backlog and overdue: open requests, and those whose running deadline has passed.
        List<Story> open = stories.stream().filter(s -> s.outcome().equals("OPEN")).toList();
        JsonNode backlog = incoming.get("backlog").get("rows").get(0);
        assertThat(backlog.get(0).asString()).isEqualTo("INCOMING");
        assertThat(backlog.get(1).asLong()).isEqualTo(open.size());
        Instant oldest = open.stream().map(s -> s.submitted).min(Comparator.naturalOrder()).orElseThrow();
        assertThat(backlog.get(2).asLong()).isEqualTo(Duration.between(oldest, now).toDays());
        long[] bands = new long[5];
        for (Story s : open) {
            Duration age = Duration.between(s.submitted, now);
            bands[age.compareTo(Duration.ofDays(30)) < 0 ? 0 : age.compareTo(Duration.ofDays(90)) < 0 ? 1 : age.compareTo(Duration.ofDays(180)) < 0 ? 2
                    : age.compareTo(Duration.ofDays(365)) < 0 ? 3 : 4]++;
        }
        for (int i = 0; i < 5; i++) {
            assertThat(backlog.get(3 + i).asLong()).as("age band " + i).isEqualTo(bands[i]);
        }
        long overdue = open.stream().filter(s -> s.acknowledged == null ? now.isAfter(s.delivered.plus(s.ackLimit()))
                : s.decided == null ? now.isAfter(s.acknowledged.plus(s.decideLimit()))
                : now.isAfter(s.decided.plus(s.urgency == Urgency.NORMAL ? Duration.ofDays(180) : Duration.ofDays(30)))).count();
        assertThat(row(incoming.get("overdue"), "INCOMING").get(1).asLong()).isEqualTo(overdue);

        // A filter by period keeps only that month's requests.
        String firstMonth = stories.getFirst().month();
        JsonNode filtered = analystA.get("/api/v1/statistics/figures/outcome?from=" + firstMonth + "&to=" + firstMonth).json();
        assertCounts(filtered, "outgoing", count(stories.stream().filter(s -> s.month().equals(firstMonth)).toList(), Story::outcome));
    }

    private static Map<String, Long> count(List<Story> stories, Function<Story, String> key) {
        return stories.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static void assertCounts(JsonNode table, String direction, Map<String, Long> expected) {
        int column = direction.equals("incoming") ? 1 : 2;
        Map<String, Long> actual = new HashMap<>();
        for (JsonNode row : table.get("rows")) {
            if (row.get(column).asLong() > 0) {
                actual.put(row.get(0).asString(), row.get(column).asLong());
            }
        }
        assertThat(actual).as(table.get("figure").asString()).isEqualTo(expected);
    }

    private static void assertTime(JsonNode figures, String direction, String measure, List<Duration> durations) {
        List<Long> sorted = durations.stream().map(Duration::getSeconds).sorted().toList();
        JsonNode row = row(figures.get("times"), direction, measure);
        assertThat(row.get(2).asLong()).isEqualTo(sorted.size());
        double median = sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1) / 3600.0;
        double p90 = sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1) / 3600.0;
        assertThat(row.get(3).asDouble()).as(measure + " median").isBetween(median - 0.01, median * 1.05 + 0.01);
        assertThat(row.get(4).asDouble()).as(measure + " p90").isBetween(p90 - 0.01, p90 * 1.05 + 0.01);
    }

    private static JsonNode row(JsonNode table, String... leading) {
        for (JsonNode row : table.get("rows")) {
            boolean match = true;
            for (int i = 0; i < leading.length; i++) {
                match &= row.get(i).asString().equals(leading[i]);
            }
            if (match) {
                return row;
            }
        }
        throw new AssertionError("no row " + List.of(leading) + " in " + table);
    }
}
