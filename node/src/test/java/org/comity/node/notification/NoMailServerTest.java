package org.comity.node.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.request.Urgency;
import org.comity.node.support.Documents;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node without an SMTP server (the default) still records every notification (here: urgent requests
 * delivered to a 24/7 point of contact), and marks each one
 * as not sent for want of a server, however many arrive at once; nothing stays pending.
 */
class NoMailServerTest extends NodeTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBurstOfNotificationsIsRecordedAndEachSaysNoServerWasConfigured() throws InterruptedException {
        Authority requesting = fixtures.authority(fixtures.state("Requesting"), AuthorityKind.POINT_OF_CONTACT, "poc-a@example.test");
        Authority requested = fixtures.authority(fixtures.state("Requested"), AuthorityKind.POINT_OF_CONTACT, "poc-b@example.test");
        Http asker = http(fixtures.token(fixtures.user(requesting, Role.POINT_OF_CONTACT)));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // more than the mailer claims at once
            Http.Reply r = asker.post("/api/v1/requests?submit=true", Documents.complete("budapest-29", null, requested.id(), Urgency.URGENT));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            ids.add(UUID.fromString(r.json().get("summary").get("id").asString()));
        }
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        List<String> statuses;
        do {
            Thread.sleep(100);
            statuses = jdbc.sql("select status from notification where request_id = any(?)").param(ids.toArray(UUID[]::new)).query(String.class).list();
        } while (statuses.contains("PENDING") && Instant.now().isBefore(until));
        assertThat(statuses).hasSizeGreaterThanOrEqualTo(ids.size()).containsOnly("NO_SERVER");
        assertThat(jdbc.sql("select count(*) from notification where request_id = any(?) and last_error = 'no SMTP server configured'")
                .param(ids.toArray(UUID[]::new)).query(Integer.class).single()).isEqualTo(statuses.size());
    }
}
