package org.comity.node.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request addressed to a state goes where the instrument's channel says: 24/7 point of contact when urgent, else the central authority. */
class RoutingTest extends NodeTest {

    String state;
    Authority central;
    Authority contact;
    Http drafter;

    @BeforeEach
    void world() {
        state = fixtures.state("Routed");
        central = fixtures.authority(state, AuthorityKind.CENTRAL_AUTHORITY);
        contact = fixtures.authority(state, AuthorityKind.POINT_OF_CONTACT);
        fixtures.authority(state, AuthorityKind.JUDICIAL_AUTHORITY);
        drafter = http(fixtures.token(fixtures.user(fixtures.authority(fixtures.state("Drafting"), AuthorityKind.JUDICIAL_AUTHORITY),
                Role.JUDICIAL_AUTHORITY)));
    }

    @Test
    void theChannelChoosesTheAuthority() {
        assertThat(route("budapest-29", "URGENT")).isEqualTo(contact.id().toString());
        assertThat(route("protocol-9", null)).isEqualTo(contact.id().toString());
        assertThat(route("budapest-31", "NORMAL")).isEqualTo(central.id().toString());
        assertThat(route("budapest-31", null)).isEqualTo(central.id().toString());
        assertThat(drafter.get("/api/v1/route?state=ZZ&instrument=budapest-31").status()).isEqualTo(404);
        assertThat(drafter.get("/api/v1/route?state=" + state + "&instrument=no-such-treaty").status()).isEqualTo(404);
    }

    private String route(String instrument, String urgency) {
        Http.Reply r = drafter.get("/api/v1/route?state=" + state + "&instrument=" + instrument + (urgency == null ? "" : "&urgency=" + urgency));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("id").asString();
    }
}
