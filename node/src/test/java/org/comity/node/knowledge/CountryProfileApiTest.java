package org.comity.node.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Country profiles and the advisor as a national case system meets them, over real HTTP. */
class CountryProfileApiTest extends NodeTest {

    String a, b;
    Authority centralB, contactB, judicialA;
    Http admin, user;

    @BeforeEach
    void world() {
        a = fixtures.state("Requesting state");
        b = fixtures.state("Requested state");
        centralB = fixtures.authority(b, AuthorityKind.CENTRAL_AUTHORITY);
        contactB = fixtures.authority(b, AuthorityKind.POINT_OF_CONTACT);
        judicialA = fixtures.authority(a, AuthorityKind.JUDICIAL_AUTHORITY);
        admin = http(fixtures.token(fixtures.user(centralB, Role.ADMIN)));
        user = http(fixtures.token(fixtures.user(judicialA, Role.JUDICIAL_AUTHORITY)));
    }

    @Test
    void everySaveIsANewVersionWithWhoAndWhyAndTheOldOnesStay() {
        Http.Reply first = admin.put("/api/v1/admin/knowledge/profiles/" + b + "?note=first", profile(b, 60, "en"), Map.of("If-Match", "\"0\""));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"1\"");
        assertThat(first.json().get("profile").get("centralAuthority").asString()).isEqualTo(centralB.id().toString());

        Http.Reply second = admin.put("/api/v1/admin/knowledge/profiles/" + b + "?note=Russian%20accepted", profile(b, 90, "en", "ru"),
                Map.of("If-Match", "\"1\""));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("version").asInt()).isEqualTo(2);

        // Someone who edited version 1 cannot overwrite version 2.
        assertThat(admin.put("/api/v1/admin/knowledge/profiles/" + b, profile(b, 60, "en"), Map.of("If-Match", "\"1\"")).status()).isEqualTo(409);

        List<JsonNode> history = user.get("/api/v1/knowledge/profiles/" + b + "/history").json().valueStream().toList();
        assertThat(history).extracting(h -> h.get("version").asInt()).containsExactly(2, 1);
        assertThat(history).extracting(h -> h.get("note").asString()).containsExactly("Russian accepted", "first");
        assertThat(history.get(1).get("profile").get("preservation").get("days").asInt()).isEqualTo(60);
        assertThat(history.get(0).get("changedBy").asString()).isNotBlank();
        assertThat(user.get("/api/v1/knowledge/profiles/" + b).json().get("profile").get("languages").valueStream().map(JsonNode::asString).toList())
                .containsExactly("en", "ru");
    }

    @Test
    void onlyAnAdministratorChangesAProfile() {
        assertThat(user.put("/api/v1/admin/knowledge/profiles/" + b, profile(b, 60, "en"), Map.of("If-Match", "\"0\"")).status()).isEqualTo(403);
        assertThat(user.get("/api/v1/knowledge/profiles/" + b).status()).isEqualTo(404);
    }

    @Test
    void aWrongProfileIsRefusedFieldByField() {
        Map<String, Object> bad = new java.util.LinkedHashMap<>(profile(b, 30, "english"));
        bad.put("pointOfContact", centralB.id().toString()); // a central authority is not a 24/7 point of contact
        Http.Reply reply = admin.put("/api/v1/admin/knowledge/profiles/" + b, bad, Map.of("If-Match", "\"0\""));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .contains("preservation.days", "languages[0]", "pointOfContact");

        Map<String, Object> unknownField = new java.util.LinkedHashMap<>(profile(b, 60, "en"));
        unknownField.put("favouriteColour", "blue");
        assertThat(admin.put("/api/v1/admin/knowledge/profiles/" + b, unknownField, Map.of("If-Match", "\"0\"")).status()).isEqualTo(400);
        assertThat(admin.put("/api/v1/admin/knowledge/profiles/" + a, profile(b, 60, "en"), Map.of("If-Match", "\"0\"")).status()).isEqualTo(400);
    }

    @Test
    void anExportImportsBackWithoutNewVersionsAndAChangedFileMakesThem() {
        admin.put("/api/v1/admin/knowledge/profiles/" + b, profile(b, 60, "en"), Map.of("If-Match", "\"0\""));
        byte[] exported = user.get("/api/v1/knowledge/profiles/export").body();
        assertThat(new String(exported, StandardCharsets.UTF_8)).contains("\"format\"", ProfileFile.FORMAT);

        Http.Reply same = admin.postRaw("/api/v1/admin/knowledge/profiles/import", "application/json", exported);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().size()).isZero();

        byte[] changed = new String(exported, StandardCharsets.UTF_8).replace("\"days\" : 60", "\"days\" : 75").getBytes(StandardCharsets.UTF_8);
        Http.Reply imported = admin.postRaw("/api/v1/admin/knowledge/profiles/import", "application/json", changed);
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json().valueStream().map(v -> v.get("stateCode").asString()).toList()).contains(b);
        assertThat(user.get("/api/v1/knowledge/profiles/" + b).json().get("profile").get("preservation").get("days").asInt()).isEqualTo(75);

        Http.Reply broken = admin.postRaw("/api/v1/admin/knowledge/profiles/import", "application/json", "{\"format\":\"other\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.status()).isEqualTo(400);
    }

    @Test
    void theAdvisorRanksTheChannelsFromBothProfiles() {
        admin.put("/api/v1/admin/knowledge/profiles/" + a, Map.of("stateCode", a, "stateName", "Requesting", "treaties",
                List.of(Map.of("treaty", "BUDAPEST"), Map.of("treaty", "SECOND_PROTOCOL"))), Map.of("If-Match", "\"0\""));
        admin.put("/api/v1/admin/knowledge/profiles/" + b, profile(b, 60, "en"), Map.of("If-Match", "\"0\""));

        Http.Reply advice = user.post("/api/v1/knowledge/advisor", Map.of("requestingState", a, "requestedState", b, "holder", "SERVICE_PROVIDER",
                "categories", List.of("SUBSCRIBER"), "riskToLife", false, "riskOfLoss", false));
        assertThat(advice.status()).isEqualTo(200);
        List<JsonNode> options = advice.json().valueStream().toList();
        assertThat(options).extracting(o -> o.get("instrument").asString()).startsWith("protocol-7");
        JsonNode best = options.getFirst();
        assertThat(best.get("rank").asInt()).isEqualTo(1);
        assertThat(best.get("legalBasis").asString()).contains("Art. 7");
        assertThat(best.get("reasons").get(0).get("text").asString()).contains("Art. 7");
        // The answer is the documented shape: the page's conveniences (days or hours to show) are not fields of it.
        assertThat(best.propertyNames()).containsExactlyInAnyOrder("rank", "rule", "channel", "instrument", "legalBasis", "expectedTime",
                "expectedTimeSource", "obtains", "cannotObtain", "reasons", "score");
        assertThat(best.get("expectedTime").asString()).isEqualTo("PT720H");

        Http.Reply incomplete = user.post("/api/v1/knowledge/advisor", Map.of("requestingState", a, "categories", List.of()));
        assertThat(incomplete.status()).isEqualTo(422);
        assertThat(incomplete.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .contains("requestedState", "holder", "categories");
    }

    Map<String, Object> profile(String state, int days, String... languages) {
        return Map.of("stateCode", state, "stateName", "Requested state", "treaties",
                List.of(Map.of("treaty", "BUDAPEST", "inForceSince", "2010-01-01"), Map.of("treaty", "SECOND_PROTOCOL")),
                "centralAuthority", centralB.id().toString(), "pointOfContact", contactB.id().toString(),
                "languages", List.of(languages), "preservation", Map.of("days", days, "extensionDays", 60),
                "requirements", Map.of("signature", true, "certification", false, "electronicAccepted", true, "dualCriminalityForCoercive", true));
    }
}
