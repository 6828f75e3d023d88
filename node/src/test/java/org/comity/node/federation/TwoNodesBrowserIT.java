package org.comity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.comity.node.browser.Browser;
import org.junit.jupiter.api.Test;

/**
 * The main path in a real browser on two real nodes: Aurelia's prosecutor submits, Borealis's
 * central authority sees it arrive and executes it, Aurelia closes it, and each side's page shows
 * the other side's steps with their delivery receipts; then a preservation request drafted in the
 * Request Writer, blocked while incomplete, signed off and sent, reaches Borealis's 24/7 point of
 * contact with its PDF. Every page is checked with axe.
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
                assertThat(aurelia.all("#proof a[href='" + detail + "/proof.json']")).as("the proof of sending, to download").hasSize(1);
                aurelia.audit();

                signIn(borealis, "ca.officer");
                borealis.open("/requests?box=INBOX");
                assertThat(borealis.all("a[href='" + detail + "']")).hasSize(1);
                borealis.audit();
                borealis.open(detail);
                assertThat(borealis.all("#channel-24-7")).hasSize(1);
                assertThat(borealis.all("#timeline li[data-event=SUBMITTED] .delivery[data-delivery=IN-APPLIED]")).hasSize(1);
                act(borealis, "acknowledge");
                act(borealis, "start-review");
                // Borealis asks a question; Aurelia answers it on its page; the answer reaches Borealis.
                act(borealis, "request-information", "Which log-in dates does the request cover?");
                Federation.await(nodes.xa, "prosecutor", id, Federation.status("INFORMATION_REQUESTED"), Duration.ofSeconds(20));
                aurelia.open(detail);
                assertThat(aurelia.text("#timeline li[data-event=INFORMATION_REQUESTED]")).contains("Which log-in dates");
                // The answer amends the request itself: its form, the legal basis and addressee fixed, the answer above it.
                aurelia.click("#action-provide-information summary");
                aurelia.submit("#amend");
                assertThat(aurelia.path()).isEqualTo(detail + "/amend");
                assertThat(aurelia.find("#f-instrument").isEnabled()).isFalse();
                aurelia.type("#f-reason", "From 3 to 9 March 2026; the title now says so.");
                aurelia.type("#f-title", "Log-in records, 3 to 9 March 2026");
                aurelia.submit(".actions button[type=submit]");
                assertThat(aurelia.path()).isEqualTo(detail);
                assertThat(aurelia.present(".alert-error")).isEmpty();
                Federation.await(nodes.xb, "ca.officer", id, Federation.status("UNDER_REVIEW"), Duration.ofSeconds(20));
                borealis.open(detail);
                assertThat(borealis.text("#timeline li[data-event=INFORMATION_PROVIDED]")).contains("From 3 to 9 March 2026");
                assertThat(borealis.text("h1")).contains("Log-in records, 3 to 9 March 2026");
                for (String action : new String[] {"accept", "start-execution", "execute"}) {
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

                // The Request Writer: a preservation request drafted step by step on Aurelia, blocked while incomplete,
                // signed off and sent; it reaches Borealis's 24/7 point of contact with its PDF.
                String writerId = writePreservation(aurelia, Federation.authority(nodes.xa, "Borealis 24/7 Point of Contact"));
                Federation.await(nodes.xa, "prosecutor", writerId, Federation.status("DELIVERED"), Duration.ofSeconds(20));
                borealis.submit(".whoami button[type=submit]");
                signIn(borealis, "contact247");
                borealis.open("/requests?box=INBOX");
                assertThat(borealis.all("a[href='/requests/" + writerId + "']")).hasSize(1);
                borealis.open("/requests/" + writerId);
                assertThat(borealis.find("h1").getText()).contains("Logs of a phishing host in Borealis");
                assertThat(borealis.all("#channel-24-7")).hasSize(1);
                assertThat(borealis.text("#attachments table")).as("the signed-off PDF came with it").contains(".pdf");

                assertThat(aurelia.violations).as("accessibility on Aurelia").isEmpty();
                assertThat(borealis.violations).as("accessibility on Borealis").isEmpty();
            }
        }
    }

    /** Drafts, checks, signs off and sends a preservation request through the writer's pages; returns its id. */
    private static String writePreservation(Browser b, String pointOfContact) {
        b.open("/writer");
        b.select("#f-requestedState", "XB");
        b.select("#f-dataCategory", "TRAFFIC");
        b.select("#f-holder", "provider");
        b.click("#f-volatile");
        b.submit("#advise");
        b.select("#f-instrument", "budapest-29");
        b.select("#f-requestedAuthority", pointOfContact);
        b.type("#f-title", "Logs of a phishing host in Borealis");
        b.submit("#start");
        String draft = b.path().substring(0, b.path().indexOf('?'));
        b.submit("form button.next");
        b.type("#f-offences-0-name", "Computer-related fraud");
        b.type("#f-summaryOfFacts", "Victims were led to a cloned bank site hosted in Borealis.");
        b.type("#f-relevance", "The host's connection logs identify who uploaded the site.");
        b.submit("form button.next");
        b.select("#f-dataSought-0-category", "TRAFFIC");
        b.type("#f-dataSought-0-description", "Connection logs of the hosting account");
        b.type("#f-dataSought-0-custodian", "Nimbus Hosting Ltd");
        b.type("#f-dataSought-0-identifiers", "203.0.113.45");
        b.click("#f-followUpMlaIntended-input");
        b.submit("form button.next");
        // Necessity left out: the review blocks sending and names it.
        b.open(draft + "?step=review");
        assertThat(b.all("#missing li[data-field=necessityAndProportionality]")).hasSize(1);
        b.submit("#send");
        assertThat(b.all("#error-summary")).hasSize(1);
        b.open(draft + "?step=necessity");
        b.type("#f-necessityAndProportionality", "The logs are kept 30 days only; nothing else identifies the uploader.");
        b.submit("form button.next");
        b.open(draft + "?step=review");
        assertThat(b.all("#completeness-ok")).hasSize(1);
        b.submit("#sign-off");
        b.submit("#send");
        assertThat(b.path()).isEqualTo(draft.replace("/writer/", "/requests/"));
        return draft.substring("/writer/".length());
    }

    private static void signIn(Browser b, String username) {
        b.open("/login");
        b.type("#username", username);
        b.type("#password", "Comity-demo-2026!");
        b.submit("form[action='/login'] button[type=submit]");
        assertThat(b.path()).startsWith("/requests");
    }

    private static void act(Browser b, String action) {
        act(b, action, null);
    }

    private static void act(Browser b, String action, String reason) {
        b.click("#action-" + action + " summary");
        if (reason != null) {
            b.type("#reason-" + action, reason);
        }
        b.submit("#action-" + action + " button[type=submit]");
        assertThat(b.present(".alert-error")).as("after " + action).isEmpty();
    }
}
