package org.comity.node.stats.internal;

import static org.comity.node.platform.Sql.ts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import org.comity.custody.envelope.PeerKeys;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.keys.EdDsaJws;
import org.comity.custody.trust.TrustList;
import org.comity.node.directory.Directory;
import org.comity.node.directory.Federation;
import org.comity.node.directory.NodeIdentity;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sharing anonymized aggregates: building a state's yearly report from the rollups (cells under
 * the threshold left out), signing it with the node's key and sending it to the statistics node;
 * and, on a statistics node, checking and keeping what trusted nodes send.
 */
@Service
class Aggregates {

    /** The JWS type of the detached signature sent in {@value #SIGNATURE_HEADER}. */
    static final JOSEObjectType TYPE = new JOSEObjectType("comity-statistics+jws");
    static final String SIGNATURE_HEADER = "Comity-Signature";

    private final JdbcClient jdbc;
    private final FactMaintainer facts;
    private final Clock clock;
    private final ComityProperties properties;
    private final StatisticsProperties settings;
    private final NodeIdentity identity;
    private final Federation federation;
    private final Directory directory;
    private final AuditTrail audit;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    Aggregates(JdbcClient jdbc, FactMaintainer facts, Clock clock, ComityProperties properties, StatisticsProperties settings, NodeIdentity identity,
            Federation federation, Directory directory, AuditTrail audit) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.clock = clock;
        this.properties = properties;
        this.settings = settings;
        this.identity = identity;
        this.federation = federation;
        this.directory = directory;
        this.audit = audit;
    }

    /** A state's report for a year, from the rollups; every cell and time stands for at least {@link AggregateReport#THRESHOLD} requests. */
    AggregateReport build(String state, int year) {
        facts.catchUp();
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 1);
        List<AggregateReport.Cell> cells = jdbc.sql("""
                        select direction, partner_state, request_type, outcome, sum(requests) as n from stats_rollup
                        where own_state = ? and period between ? and ?
                        group by 1, 2, 3, 4 having sum(requests) >= ? order by 1, 2, 3, 4
                        """)
                .params(state, from, to, AggregateReport.THRESHOLD)
                .query((rs, n) -> new AggregateReport.Cell(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                .list();
        record Bucket(String direction, String measure, int bucket, long n) {}
        List<Bucket> buckets = jdbc.sql("""
                        select direction, measure, bucket, sum(n) from stats_duration_month where own_state = ? and period between ? and ?
                        group by 1, 2, 3 having sum(n) > 0 order by 1, 2, 3
                        """)
                .params(state, from, to)
                .query((rs, n) -> new Bucket(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)))
                .list();
        List<AggregateReport.Time> times = new ArrayList<>();
        for (Direction d : Direction.values()) {
            for (Measure m : Measure.values()) {
                List<long[]> h = buckets.stream().filter(b -> b.direction().equals(d.name()) && b.measure().equals(m.name()))
                        .map(b -> new long[] {b.bucket(), b.n()}).toList();
                long count = h.stream().mapToLong(x -> x[1]).sum();
                if (count >= AggregateReport.THRESHOLD) {
                    times.add(new AggregateReport.Time(d.name(), m.name(), count, Math.round(Figures.percentile(h, count, 0.5)),
                            Math.round(Figures.percentile(h, count, 0.9))));
                }
            }
        }
        return new AggregateReport(properties.node().id(), state, year, clock.instant(), cells, times);
    }

    /** What publishing did: where to, and how many cells went. */
    record Published(String statisticsNode, int cells, int times, int status) {}

    /**
     * Where this node publishes: the node its operator configured ({@code comity.statistics.publish-to}),
     * else the statistics node the trust list in force designates; empty while publishing is off
     * ({@code comity.statistics.publish}: sending a state's figures is that state's decision) or no
     * statistics node is known, and never this node itself.
     */
    Optional<String> destination() {
        if (!settings.publishing()) {
            return Optional.empty();
        }
        if (settings.publishTo() != null) {
            return Optional.of(settings.publishTo());
        }
        return federation.inForce().flatMap(TrustList::statisticsNode).map(TrustList.NodeEntry::id)
                .filter(id -> !id.equals(properties.node().id()));
    }

    /** Whose reports this node accepts as a statistics node. */
    enum Acceptance {
        /** None: not a statistics node (a 404 to senders). */
        NONE,
        /** The nodes of the trust list in force, which designates this node as the statistics node. */
        LISTED,
        /** Every trusted node, pinned peers too: configured with {@code comity.statistics.accept-from-peers=true}. */
        TRUSTED
    }

    Acceptance acceptance() {
        if (settings.acceptFromPeers() != null) {
            return settings.acceptFromPeers() ? Acceptance.TRUSTED : Acceptance.NONE;
        }
        return federation.inForce().flatMap(TrustList::statisticsNode).filter(n -> n.id().equals(properties.node().id())).isPresent()
                ? Acceptance.LISTED : Acceptance.NONE;
    }

    /** Publishes the actor's state's report for {@code year}. Administrators and the state's central authority officers; audited. */
    Published publish(Actor actor, int year) {
        if (actor.stateCode() == null || !(actor.has(Role.ADMIN) || (actor.has(Role.CENTRAL_AUTHORITY) && actor.stateWide()))) {
            throw ComityException.forbidden("Publishing statistics is for administrators and the state's central authority officers.");
        }
        return send(actor, actor.stateCode(), year);
    }

    /** The states this node hosts: those of its own authorities, and its own. */
    List<String> ownStates() {
        java.util.Set<String> states = new java.util.TreeSet<>();
        directory.localAuthorities().forEach(a -> states.add(a.stateCode()));
        if (properties.node().state() != null) {
            states.add(properties.node().state());
        }
        return List.copyOf(states);
    }

    /** Builds, signs and sends a state's report for a year to {@link #destination()}; audited as the actor. */
    Published send(Actor actor, String state, int year) {
        if (!settings.publishing()) {
            throw ComityException.conflict("statistics-publishing-off",
                    "This node does not publish statistics: its operator switches it on (comity.statistics.publish).");
        }
        String to = destination().orElseThrow(() -> ComityException.conflict("no-statistics-node",
                "The trust list in force designates no statistics node (and comity.statistics.publish-to names none)."));
        Federation.Peer peer = federation.peer(to).orElseThrow(() -> ComityException.conflict("unknown-statistics-node",
                "The statistics node " + to + " is not in the trust list or among the pinned peers."));
        AggregateReport report = build(state, year);
        byte[] body = CanonicalJson.bytes(report.toJson());
        String signature = EdDsaJws.signDetached(identity.signingKey(), TYPE, body);
        int status;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(peer.endpoint().toString().replaceAll("/+$", "")
                            + "/federation/v1/statistics"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header(SIGNATURE_HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
        } catch (java.io.IOException e) {
            throw new ComityException(502, "statistics-node-unreachable", "The statistics node " + to + " could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComityException(503, "interrupted", "Interrupted while publishing.");
        }
        audit.success(actor, "statistics.publish", "statistics", state, Map.of("to", to, "year", year,
                "cells", report.cells().size(), "status", status));
        if (status / 100 != 2) {
            throw new ComityException(502, "statistics-node-refused", "The statistics node " + to + " answered " + status + ".");
        }
        return new Published(to, report.cells().size(), report.times().size(), status);
    }

    /**
     * On a statistics node: checks that a trusted node signed the report, that the report speaks for
     * that node and for a state it hosts, and keeps it (a newer report replaces an older one).
     */
    @Transactional
    AggregateReport receive(byte[] body, String signature) {
        Acceptance acceptance = acceptance();
        if (acceptance == Acceptance.NONE) {
            throw ComityException.notFound("Statistics node");
        }
        JWSObject jws = EdDsaJws.parseDetached(signature, body).filter(j -> EdDsaJws.hasShape(j, TYPE))
                .orElseThrow(() -> new ComityException(401, "bad-signature", "The report must carry a detached EdDSA signature in " + SIGNATURE_HEADER + "."));
        Instant now = clock.instant();
        PeerKeys.PeerKey key = identity.peerKeys().signingKey(jws.getHeader().getKeyID(), now)
                .filter(k -> EdDsaJws.verifies(jws, k.key()))
                .orElseThrow(() -> new ComityException(401, "bad-signature", "No trusted node's key made this signature."));
        if (acceptance == Acceptance.LISTED && federation.inForce().flatMap(l -> l.node(key.nodeId())).isEmpty()) {
            throw ComityException.forbidden("Node " + key.nodeId() + " is not in the trust list that designates this statistics node.");
        }
        AggregateReport report;
        try {
            report = AggregateReport.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | org.comity.custody.json.JsonException e) {
            throw ComityException.invalid("The report is not valid: " + e.getMessage(), List.of());
        }
        boolean hosts = directory.authorities().stream().anyMatch(a -> a.nodeId().equals(key.nodeId()) && a.stateCode().equals(report.state()))
                || directory.nodes().stream().anyMatch(n -> n.id().equals(key.nodeId()) && report.state().equals(n.stateCode()));
        if (!report.node().equals(key.nodeId()) || !hosts) {
            throw ComityException.forbidden("Node " + key.nodeId() + " may publish only its own states' figures.");
        }
        jdbc.sql("""
                insert into stats_received (node_id, state_code, year, generated_at, received_at, report) values (?, ?, ?, ?, ?, ?::jsonb)
                on conflict (node_id, state_code, year) do update set generated_at = excluded.generated_at, received_at = excluded.received_at,
                    report = excluded.report
                where stats_received.generated_at < excluded.generated_at
                """)
                .params(report.node(), report.state(), report.year(), ts(report.generatedAt()), ts(now), new String(body, StandardCharsets.UTF_8))
                .update();
        audit.success(Actor.system(properties.node().id()), "statistics.received", "statistics", report.node() + "/" + report.state(),
                Map.of("year", report.year(), "cells", report.cells().size()));
        return report;
    }

    /** The reports kept on this statistics node, newest year first. */
    /**
     * What a statistics node's dashboard shows by state: the reports received from other nodes and,
     * built the same way (cells under the threshold left out), this node's own states' reports of the
     * current and the previous year, which it never sends to itself.
     */
    List<AggregateReport> combined() {
        int year = clock.instant().atZone(java.time.ZoneOffset.UTC).getYear();
        List<AggregateReport> out = new java.util.ArrayList<>(received());
        for (String state : ownStates()) {
            for (int y : new int[] {year, year - 1}) {
                AggregateReport own = build(state, y);
                if (!own.cells().isEmpty()) {
                    out.add(own);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(AggregateReport::year).reversed().thenComparing(AggregateReport::state)
                .thenComparing(AggregateReport::node));
        return out;
    }

    List<AggregateReport> received() {
        return jdbc.sql("select report::text from stats_received order by year desc, state_code, node_id")
                .query((rs, n) -> AggregateReport.parse(rs.getString(1)))
                .list();
    }
}
