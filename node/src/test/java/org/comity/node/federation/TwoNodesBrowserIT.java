package org.comity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.comity.node.browser.Browser;
import org.junit.jupiter.api.Test;

/**
 * The main path in a real browser on two real nodes: Aurelia's prosecutor submits, Borealis's
 * central authority sees it arrive and executes it, Aurelia closes it, and each side's page shows
 * the other side's steps with their delivery receipts. Every page is checked with axe.
 */
class TwoNodesBrowserIT {

    @Test
    void aRequestTravelsFromAureliaToBorealisAndBackInTheBrowser() throws Exception {
        try (Federation nodes = new Federation(Federation.workDir("two-nodes-browser"), Map.of())) {
            nodes.federate(Map.of(), java.util.List.of());
            String to = Federation.authority(nodes.xa, "Borealis Central Authority");
            // The draft is written through the API (the form itself is covered by BrowserJourneyTest); it is sent from the page.
            @SuppressWarnings("unchecked")
            Map<String, Object> document = Federation.JSON.readValue(Federation.class.getResourceAsStream("request.json"), Map.class);
            document.put("requestedAuthority", to);
            document.put("title", "Phishing kit hosted in Borealis");
            String id = Federation.JSON.readTree(Federation.post(nodes.xa, "prosecutor", "/api/v1/requests", document).body())
                    .get("summary").get("id").asString();
            String detail = "/requests/" + id;

            try (Browser aurelia = new Browser(nodes.xa.port, "en"); Browser borealis = new Browser(nodes.xb.port, "en")) {
                signIn(aurelia, "prosecutor");
                aurelia.open(detail + "/edit");
                aurelia.submit("button[name=_submit]");
                assertThat(aurelia.path()).isEqualTo(detail);
                assertThat(aurelia.all("#channel-24-7")).hasSize(1); // urgent: flagged as the 24/7 channel
                Federation.await(nodes.xa, "prosecutor", id, Federation.status("DELIVERED"), Duration.ofSeconds(20));
                aurelia.open(detail);
                assertThat(aurelia.find("#status").getText()).isEqualTo("Delivered");
                assertThat(aurelia.all("#timeline li[data-event=SUBMITTED] .delivery[data-delivery=OUT-DELIVERED]")).hasSize(1);
                aurelia.audit();

                signIn(borealis, "ca.officer");
                borealis.open("/requests?box=INBOX");
                assertThat(borealis.all("a[href='" + detail + "']")).hasSize(1);
                borealis.audit();
                borealis.open(detail);
                assertThat(borealis.all("#channel-24-7")).hasSize(1);
                assertThat(borealis.all("#timeline li[data-event=SUBMITTED] .delivery[data-delivery=IN-APPLIED]")).hasSize(1);
                for (String action : new String[] {"acknowledge", "start-review", "accept", "start-execution", "execute"}) {
                    act(borealis, action);
                }
                assertThat(borealis.find("#status").getText()).isEqualTo("Executed");
                borealis.audit();

                Federation.await(nodes.xa, "prosecutor", id, Federation.status("EXECUTED"), Duration.ofSeconds(20));
                aurelia.open(detail);
                assertThat(aurelia.all("#timeline li[data-event=EXECUTED]")).hasSize(1);
                act(aurelia, "close");
                // The close travels to Borealis; until it comes back the page says it is on its way.
                assertThat(aurelia.all("#pending li[data-pending=PENDING], #timeline li[data-event=CLOSED]")).isNotEmpty();
                aurelia.audit();
                Federation.await(nodes.xa, "prosecutor", id, r -> Federation.status("CLOSED").test(r) && r.get("pending").isEmpty(),
                        Duration.ofSeconds(20));
                aurelia.open(detail);
                assertThat(aurelia.find("#status").getText()).isEqualTo("Closed");
                borealis.open(detail);
                assertThat(borealis.find("#status").getText()).isEqualTo("Closed");
                assertThat(borealis.all("#timeline li")).hasSameSizeAs(aurelia.all("#timeline li[data-event]")
                        .stream().filter(e -> !java.util.Set.of("CREATED", "EDITED").contains(e.getAttribute("data-event"))).toList()); // drafts stay home

                assertThat(aurelia.violations).as("accessibility on Aurelia").isEmpty();
                assertThat(borealis.violations).as("accessibility on Borealis").isEmpty();
            }
        }
    }

    private static void signIn(Browser b, String username) {
        b.open("/login");
        b.type("#username", username);
        b.type("#password", "Comity-demo-2026!");
        b.submit("form[action='/login'] button[type=submit]");
        assertThat(b.path()).startsWith("/requests");
    }

    private static void act(Browser b, String action) {
        b.click("#action-" + action + " summary");
        b.submit("#action-" + action + " button[type=submit]");
        assertThat(b.present(".alert-error")).as("after " + action).isEmpty();
    }
}
