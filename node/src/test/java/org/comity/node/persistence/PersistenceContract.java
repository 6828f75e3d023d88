package org.comity.node.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.Role;
import org.comity.node.request.Action;
import org.comity.node.request.CommandInput;
import org.comity.node.request.RequestAccess;
import org.comity.node.request.RequestDetail;
import org.comity.node.request.RequestQuery;
import org.comity.node.request.RequestSummary;
import org.comity.node.request.Requests;
import org.comity.node.request.Urgency;
import org.comity.node.support.Documents;
import org.comity.node.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.comity.node.account.Accounts;
import org.comity.node.directory.Directory;
import org.comity.node.platform.ComityProperties;

/**
 * What the node asks of its database, run against the embedded server and against an external one
 * through the production configuration: the schema, the append-only history, locking under
 * concurrent changes, and list queries that show exactly what the access rule allows.
 */
@SpringBootTest(properties = {
        "comity.node.id=XA",
        "comity.node.name=Aurelia",
        "comity.security.keystore-passphrase=test-keystore-passphrase",
        "comity.deadlines.scan-interval=PT1H",
        "logging.level.org.comity=WARN"})
abstract class PersistenceContract {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Requests requests;
    @Autowired
    Directory directory;
    @Autowired
    Accounts accounts;
    @Autowired
    ComityProperties properties;

    Fixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new Fixtures(directory, accounts, properties);
    }

    @Test
    void theSchemaIsMigratedByFlyway() {
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'").query(String.class).list();
        assertThat(tables).contains("state", "node", "authority", "app_user", "api_token", "audit_event", "request", "request_event",
                "attachment", "deadline_alert", "outbox_message", "flyway_schema_history");
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Integer.class).single()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void historyAndAuditCannotBeRewritten() {
        World w = world();
        RequestDetail r = requests.create(w.asker, Documents.complete("budapest-31", null, w.to.id(), Urgency.NORMAL));
        UUID id = r.summary().id();
        jdbc.sql("update request_event set reason = 'rewritten' where request_id = ?").param(id).update();
        jdbc.sql("delete from request_event where request_id = ?").param(id).update();
        assertThat(jdbc.sql("select count(*) from request_event where request_id = ? and reason is null").param(id).query(Integer.class).single())
                .isEqualTo(1);
        int audits = jdbc.sql("select count(*) from audit_event").query(Integer.class).single();
        jdbc.sql("delete from audit_event").update();
        jdbc.sql("update audit_event set outcome = 'FAILED'").update();
        assertThat(jdbc.sql("select count(*) from audit_event").query(Integer.class).single()).isEqualTo(audits);
        assertThat(jdbc.sql("select count(*) from audit_event where outcome = 'FAILED'").query(Integer.class).single()).isZero();
    }

    @Test
    void twoPeopleActingAtOnceOnTheSameVersionOneWinsTheOtherIsToldAndNothingDoubles() throws Exception {
        World w = world();
        RequestDetail r = requests.create(w.asker, Documents.complete("budapest-31", null, w.to.id(), Urgency.NORMAL));
        UUID id = r.summary().id();
        requests.act(w.asker, id, null, Action.SUBMIT, CommandInput.EMPTY);
        int version = requests.get(w.answerer, id).summary().version();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            outcomes.add(pool.submit((Callable<String>) () -> {
                try {
                    requests.act(w.answerer, id, version, Action.ACKNOWLEDGE, CommandInput.EMPTY);
                    return "ok";
                } catch (ComityException e) {
                    return e.type();
                }
            }));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get());
        }
        pool.shutdown();
        assertThat(results).filteredOn("ok"::equals).hasSize(1);
        assertThat(results).filteredOn(s -> !s.equals("ok")).allMatch(s -> s.equals("stale-version") || s.equals("transition-refused"));
        assertThat(jdbc.sql("select count(*) from request_event where request_id = ? and type = 'ACKNOWLEDGED'").param(id).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(requests.get(w.answerer, id).summary().version()).isEqualTo(version + 1);
    }

    @Test
    void aFailedChangeLeavesNoTrace() {
        World w = world();
        RequestDetail r = requests.create(w.asker, Documents.complete("budapest-31", null, w.to.id(), Urgency.NORMAL));
        UUID id = r.summary().id();
        int events = eventCount(id);
        int audits = jdbc.sql("select count(*) from audit_event where target_id = ?").param(id.toString()).query(Integer.class).single();
        assertThatThrownBy(() -> requests.act(w.asker, id, 99, Action.SUBMIT, CommandInput.EMPTY)).isInstanceOf(ComityException.class);
        assertThatThrownBy(() -> requests.act(w.answerer, id, null, Action.ACKNOWLEDGE, CommandInput.EMPTY)).isInstanceOf(ComityException.class);
        assertThat(eventCount(id)).isEqualTo(events);
        assertThat(jdbc.sql("select count(*) from audit_event where target_id = ?").param(id.toString()).query(Integer.class).single()).isEqualTo(audits);
        assertThat(jdbc.sql("select count(*) from outbox_message where request_id = ?").param(id).query(Integer.class).single()).isZero();
    }

    @Test
    void listQueriesShowExactlyWhatTheAccessRuleAllows() {
        // A small population: three states, several authorities, requests in many stages.
        String a = fixtures.state("A"), b = fixtures.state("B"), c = fixtures.state("C");
        List<Authority> authorities = List.of(
                fixtures.authority(a, AuthorityKind.CENTRAL_AUTHORITY), fixtures.authority(a, AuthorityKind.JUDICIAL_AUTHORITY),
                fixtures.authority(b, AuthorityKind.CENTRAL_AUTHORITY), fixtures.authority(b, AuthorityKind.JUDICIAL_AUTHORITY),
                fixtures.authority(c, AuthorityKind.CENTRAL_AUTHORITY));
        List<Actor> actors = new ArrayList<>();
        for (Authority authority : authorities) {
            Role role = authority.kind() == AuthorityKind.CENTRAL_AUTHORITY ? Role.CENTRAL_AUTHORITY : Role.JUDICIAL_AUTHORITY;
            actors.add(fixtures.actor(fixtures.user(authority, role)));
        }
        actors.add(fixtures.actor(fixtures.user(authorities.get(0), Role.AUDITOR)));
        actors.add(fixtures.actor(fixtures.user(authorities.get(0), Role.ANALYST)));
        Random random = new Random(42);
        Set<UUID> population = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Actor asker = actors.get(random.nextInt(5));
            List<Authority> centralsElsewhere = authorities.stream()
                    .filter(x -> x.kind() == AuthorityKind.CENTRAL_AUTHORITY && !x.stateCode().equals(asker.stateCode())).toList();
            Authority to = centralsElsewhere.get(random.nextInt(centralsElsewhere.size()));
            UUID id = requests.create(asker, Documents.complete("budapest-31", null, to.id(), Urgency.NORMAL)).summary().id();
            population.add(id);
            int steps = random.nextInt(4);
            if (steps >= 1) {
                requests.act(asker, id, null, Action.SUBMIT, CommandInput.EMPTY);
            }
            Actor answerer = actors.stream().filter(x -> x.authorityId().equals(to.id()) && x.has(Role.CENTRAL_AUTHORITY)).findFirst().orElseThrow();
            if (steps >= 2) {
                requests.act(answerer, id, null, Action.ACKNOWLEDGE, CommandInput.EMPTY);
            }
            if (steps >= 3) {
                List<Authority> judicial = authorities.stream()
                        .filter(x -> x.kind() == AuthorityKind.JUDICIAL_AUTHORITY && x.stateCode().equals(to.stateCode())).toList();
                if (!judicial.isEmpty()) {
                    requests.act(answerer, id, null, Action.ASSIGN, new CommandInput(null, null, null, judicial.getFirst().id(), null, null));
                }
            }
        }
        for (Actor actor : actors) {
            for (RequestQuery.Box box : RequestQuery.Box.values()) {
                List<RequestSummary> listed = requests.list(actor, new RequestQuery(box, Set.of(), null, null, null, null, null, 0, 200)).items()
                        .stream().filter(s -> population.contains(s.id())).toList();
                for (RequestSummary s : listed) {
                    assertThat(RequestAccess.sides(actor, RequestAccess.Parties.of(s))).as("%s lists %s in %s", actor.username(), s.reference(), box)
                            .isNotEmpty();
                }
                // Everything the rule allows is in the ALL box, with no duplicates.
                if (box == RequestQuery.Box.ALL) {
                    long allowed = population.stream().map(id -> visible(actor, id)).filter(v -> v).count();
                    assertThat(listed).hasSize((int) allowed);
                    assertThat(listed.stream().map(RequestSummary::id).distinct().count()).isEqualTo(listed.size());
                }
            }
        }
    }

    boolean visible(Actor actor, UUID id) {
        try {
            requests.referenceOf(actor, id).orElseThrow();
            return true;
        } catch (java.util.NoSuchElementException e) {
            return false;
        }
    }

    int eventCount(UUID id) {
        return jdbc.sql("select count(*) from request_event where request_id = ?").param(id).query(Integer.class).single();
    }

    record World(Actor asker, Actor answerer, Authority to) {}

    World world() {
        Authority from = fixtures.authority(fixtures.state("From"), AuthorityKind.JUDICIAL_AUTHORITY);
        Authority to = fixtures.authority(fixtures.state("To"), AuthorityKind.CENTRAL_AUTHORITY);
        User asker = fixtures.user(from, Role.JUDICIAL_AUTHORITY);
        User answerer = fixtures.user(to, Role.CENTRAL_AUTHORITY);
        return new World(fixtures.actor(asker), fixtures.actor(answerer), to);
    }

}
