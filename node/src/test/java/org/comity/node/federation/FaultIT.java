package org.comity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.comity.node.federation.Federation.json;
import static org.comity.node.federation.Federation.post;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Requests driven through their whole life between two real nodes while a faulty link between
 * them loses, duplicates, delays and reorders envelopes, and while either node is killed with
 * SIGKILL and restarted. Afterwards every request stands in the same state on both sides, with the
 * same timeline, none lost and nothing applied twice. CI runs 100 requests and 4 kills; the full
 * run (docs/benchmarks.md) sets {@code -Dcomity.fault.requests=1000 -Dcomity.fault.kills=10}.
 */
class FaultIT {

    private static final Logger log = LoggerFactory.getLogger(FaultIT.class);
    private static final Set<String> ONCE = Set.of("SUBMITTED", "DELIVERED", "ACKNOWLEDGED", "REVIEW_STARTED", "ACCEPTED", "REFUSED",
            "EXECUTION_STARTED", "EXECUTED", "CLOSED", "WITHDRAWN");

    @Test
    void everyRequestEndsInTheSameStateOnBothSidesDespiteLossDuplicationReorderingAndKills() throws Exception {
        int count = Integer.getInteger("comity.fault.requests", 100);
        int kills = Integer.getInteger("comity.fault.kills", 4);
        long seed = Long.getLong("comity.fault.seed", System.nanoTime());
        log.info("Fault run: {} requests, {} kills, seed {}", count, kills, seed);
        Random random = new Random(seed);
        // A lease of twice the peer timeout: what a killed node had claimed is taken over by its next start 10 s later, not 60.
        Map<String, String> env = Map.of("COMITY_EXCHANGE_INITIAL_BACKOFF", "200ms", "COMITY_EXCHANGE_MAX_BACKOFF", "2s",
                "COMITY_EXCHANGE_MAX_ATTEMPTS", "100000", "COMITY_EXCHANGE_PEER_TIMEOUT", "5s", "COMITY_EXCHANGE_LEASE", "10s");
        try (Federation nodes = new Federation(Federation.workDir("faults"), env);
                FaultyLink toXa = new FaultyLink(nodes.xa.url(), seed, 0.2, 0.1, 150);
                FaultyLink toXb = new FaultyLink(nodes.xb.url(), seed + 1, 0.2, 0.1, 150)) {
            nodes.federate(Map.of("XA", toXa.url(), "XB", toXb.url()), List.of());
            String to = Federation.authority(nodes.xa, "Borealis Central Authority");

            List<String> ids = new ArrayList<>();
            Map<String, Integer> plan = new HashMap<>();
            int operations = 0;
            Set<Integer> killAt = new HashSet<>();
            int expectedOperations = count * 6;
            while (killAt.size() < kills) {
                killAt.add(1 + random.nextInt(expectedOperations));
            }
            int killed = 0;

            for (int i = 0; i < count; i++) {
                String id = nodes.submitFromAurelia(to, "Fault run request " + i);
                ids.add(id);
                plan.put(id, i % 5);
                if (killAt.contains(++operations)) {
                    killAndRestart(random.nextBoolean() ? nodes.xa : nodes.xb);
                    killed++;
                }
            }

            long deadline = System.nanoTime() + Duration.ofMinutes(Math.max(5, count / 50)).toNanos();
            Set<String> done = new HashSet<>();
            while (done.size() < ids.size()) {
                assertThat(System.nanoTime()).as("requests still unfinished: " + (ids.size() - done.size())).isLessThan(deadline);
                Map<String, String> atXa = statuses(nodes.xa, "prosecutor", "OUTBOX");
                Map<String, String> atXb = statuses(nodes.xb, "ca.officer", "INBOX");
                for (String id : ids) {
                    if (done.contains(id)) {
                        continue;
                    }
                    String a = atXa.get(id);
                    String b = atXb.get(id);
                    String expected = plan.get(id) == 0 ? "WITHDRAWN" : "CLOSED";
                    if (expected.equals(a) && expected.equals(b)) {
                        done.add(id);
                        continue;
                    }
                    boolean acted = step(nodes, id, plan.get(id), a, b);
                    if (acted && killAt.contains(++operations)) {
                        killAndRestart(random.nextBoolean() ? nodes.xa : nodes.xb);
                        killed++;
                    }
                }
                Thread.sleep(200);
            }
            while (killed < kills) { // a short run may end before every planned kill: do the rest now, and check again after
                killAndRestart(killed % 2 == 0 ? nodes.xa : nodes.xb);
                killed++;
            }

            // Quiet: nothing waits, nothing died, nothing arrived early and stayed.
            awaitQuiet(nodes.xa);
            awaitQuiet(nodes.xb);
            for (String id : ids) {
                List<JsonNode> a = Federation.shared(json(nodes.xa, "prosecutor", "/api/v1/requests/" + id + "/events"));
                List<JsonNode> b = Federation.shared(json(nodes.xb, "ca.officer", "/api/v1/requests/" + id + "/events"));
                assertThat(a).as("timeline of " + id).isEqualTo(b);
                List<String> types = a.stream().map(e -> e.get("type").asString()).filter(ONCE::contains).toList();
                assertThat(types).as("events applied once in " + id).doesNotHaveDuplicates();
                assertThat(types.getLast()).isEqualTo(plan.get(id) == 0 ? "WITHDRAWN" : "CLOSED");
            }
            log.info("Faults injected: to XA {} lost before, {} answers lost, {} duplicated of {}; to XB {} / {} / {} of {}; {} kills",
                    toXa.droppedBefore, toXa.droppedAfter, toXa.duplicated, toXa.forwarded, toXb.droppedBefore, toXb.droppedAfter,
                    toXb.duplicated, toXb.forwarded, killed);
            // The faults were there to be survived. Counted over both links: with batches, one direction may carry only a few
            // dozen calls, where none of them being sent twice (at 10%) happens in a few runs in a hundred.
            assertThat(toXa.droppedBefore.get() + toXa.droppedAfter.get() + toXb.droppedBefore.get() + toXb.droppedAfter.get()).isPositive();
            assertThat(toXa.duplicated.get() + toXb.duplicated.get()).isPositive();
            assertThat(nodes.xa.starts() + nodes.xb.starts()).isEqualTo(2 + kills);
        }
    }

    /** Takes the next step of a request's plan if its state allows; false when there was nothing to do yet. */
    private static boolean step(Federation nodes, String id, int plan, String a, String b) throws IOException, InterruptedException {
        if (plan == 0) {
            return "SUBMITTED".equals(a) || "DELIVERED".equals(a) ? tryAct(nodes.xa, "prosecutor", id, "withdraw", Map.of("reason", "Case dropped."))
                    : false;
        }
        if ("EXECUTED".equals(a) || "REFUSED".equals(a)) {
            return tryAct(nodes.xa, "prosecutor", id, "close", Map.of());
        }
        if (b == null) {
            return false;
        }
        return switch (b) {
            case "DELIVERED" -> tryAct(nodes.xb, "ca.officer", id, "acknowledge", Map.of());
            case "ACKNOWLEDGED" -> plan == 1
                    ? tryAct(nodes.xb, "ca.officer", id, "refuse", Map.of("ground", "DUAL_CRIMINALITY", "reason", "Not an offence here."))
                    : tryAct(nodes.xb, "ca.officer", id, "start-review", Map.of());
            case "UNDER_REVIEW" -> tryAct(nodes.xb, "ca.officer", id, "accept", Map.of());
            case "ACCEPTED" -> tryAct(nodes.xb, "ca.officer", id, "start-execution", Map.of());
            case "IN_EXECUTION" -> tryAct(nodes.xb, "ca.officer", id, "execute", Map.of());
            default -> false;
        };
    }

    /** An action the state allowed when last read; a node that moved on meanwhile, or is restarting, is not an error here. */
    private static boolean tryAct(NodeProcess node, String user, String id, String action, Map<String, ?> input) throws InterruptedException {
        try {
            HttpResponse<String> response = post(node, user, "/api/v1/requests/" + id + "/actions/" + action, input);
            if (response.statusCode() >= 500) {
                throw new AssertionError(node.id + " " + action + " -> " + response.statusCode() + ": " + response.body());
            }
            return response.statusCode() == 200;
        } catch (IOException restarting) {
            return false;
        }
    }

    private static Map<String, String> statuses(NodeProcess node, String user, String box) throws InterruptedException {
        Map<String, String> out = new HashMap<>();
        try {
            for (int page = 0; ; page++) {
                JsonNode list = json(node, user, "/api/v1/requests?box=" + box + "&size=200&page=" + page);
                list.get("items").forEach(r -> out.put(r.get("id").asString(), r.get("status").asString()));
                if (!list.get("hasNext").asBoolean()) {
                    return out;
                }
            }
        } catch (IOException restarting) {
            return out;
        }
    }

    private static void killAndRestart(NodeProcess node) throws IOException, InterruptedException {
        log.info("SIGKILL {}", node.id);
        node.kill();
        node.start();
        node.awaitReady(Duration.ofMinutes(3));
    }

    private static void awaitQuiet(NodeProcess node) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode counts = null;
        while (System.nanoTime() < deadline) {
            counts = json(node, "admin", "/api/v1/admin/exchange").get("counts");
            if (counts.get("PENDING").asLong() == 0 && counts.get("WAITING").asLong() == 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(counts.get("PENDING").asLong()).as(node.id + " " + counts).isZero();
        assertThat(counts.get("WAITING").asLong()).as(node.id + " " + counts).isZero();
        assertThat(counts.get("DEAD").asLong()).as(node.id + " " + counts).isZero();
    }
}
