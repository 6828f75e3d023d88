package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Role;
import org.comity.node.platform.Sha256;
import org.comity.node.request.Urgency;
import org.comity.node.support.Documents;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Checking an item on demand, over real HTTP: every byte in the vault against the item's SHA-256 and
 * its chain against the ledger's proofs; the check is a custody event with its result, and a vault
 * copy altered behind the node's back is reported as such, not as intact.
 */
class EvidenceVerificationTest extends NodeTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CustodyRecorder custody;
    @Autowired
    org.comity.node.ledger.CustodyLedger ledger;
    @Autowired
    ComityProperties properties;

    @Test
    void aCheckFindsAnIntactItemIntactAndAnAlteredVaultCopyAltered() throws Exception {
        Authority requesting = fixtures.authority(fixtures.state("Requesting state"), AuthorityKind.JUDICIAL_AUTHORITY);
        Authority requested = fixtures.authority(fixtures.state("Requested state"), AuthorityKind.CENTRAL_AUTHORITY);
        Http examiner = http(fixtures.token(fixtures.user(requesting, Role.JUDICIAL_AUTHORITY)));
        Http stranger = http(fixtures.token(fixtures.user(requested, Role.CENTRAL_AUTHORITY)));
        Http.Reply created = examiner.post("/api/v1/requests", Documents.complete("budapest-31", null, requested.id(), Urgency.NORMAL));
        String requestId = created.json().get("summary").get("id").asString();
        byte[] content = new byte[200_000];
        new Random(7).nextBytes(content);
        Tus tus = new Tus(examiner);
        Http.Reply upload = tus.create(content.length, Tus.evidence(requestId, "mailbox.pst"));
        String item = tus.patch(Tus.path(upload), 0, content).header("Comity-Evidence-Item");
        awaitCheckpointed(UUID.fromString(item));

        assertThat(stranger.post("/api/v1/evidence/" + item + "/verification", Map.of()).status()).as("the other side does not see it").isEqualTo(404);
        Http.Reply checked = examiner.post("/api/v1/evidence/" + item + "/verification", Map.of());
        assertThat(checked.status()).as(checked.text()).isEqualTo(200);
        assertThat(checked.json().get("intact").asBoolean()).isTrue();
        assertThat(checked.json().get("computedSha256").asString()).isEqualTo(Sha256.hex(content));
        assertThat(checked.json().get("events").asInt()).isEqualTo(2);
        assertThat(checked.json().get("eventsProved").asInt()).as("acquisition and storing, both proved in the ledger").isEqualTo(2);
        JsonNode last = lastEvent(examiner, item);
        assertThat(last.get("action").asString()).isEqualTo("verify");
        assertThat(last.get("details").get("result").asString()).isEqualTo("intact");
        assertThat(last.get("outputSha256").asString()).isEqualTo(Sha256.hex(content));

        // Someone alters the sealed copy in the vault behind the node's back.
        Path blob = properties.blobDir().resolve("vault").resolve(Sha256.hex(content).substring(0, 2)).resolve(Sha256.hex(content).substring(2, 4))
                .resolve(Sha256.hex(content));
        byte[] sealed = Files.readAllBytes(blob);
        sealed[sealed.length / 2] ^= 0x10;
        Files.write(blob, sealed);

        Http.Reply failed = examiner.post("/api/v1/evidence/" + item + "/verification", Map.of());
        assertThat(failed.status()).as(failed.text()).isEqualTo(200);
        assertThat(failed.json().get("intact").asBoolean()).isFalse();
        assertThat(failed.json().get("bytesIntact").asBoolean()).isFalse();
        assertThat(failed.json().get("problem").asString()).contains("vault");
        last = lastEvent(examiner, item);
        assertThat(last.get("details").get("result").asString()).isEqualTo("failed");
        assertThat(last.has("outputSha256")).as("a failed check vouches for no output").isFalse();
        assertThat(jdbc.sql("select outcome from audit_event where action = 'evidence.item.verify' and target_id = ? order by id").param(item)
                .query(String.class).list()).containsExactly("SUCCESS", "FAILED");
    }

    private void awaitCheckpointed(UUID item) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (ledger.excerpt(custody.chain(item)).isEmpty()) {
            assertThat(Instant.now()).as("the ledger checkpoints the item's events").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static JsonNode lastEvent(Http http, String item) {
        JsonNode chain = http.get("/api/v1/evidence/" + item + "/custody").json();
        return chain.get(chain.size() - 1).get("event");
    }
}
