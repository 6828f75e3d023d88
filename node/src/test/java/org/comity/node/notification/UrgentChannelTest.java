package org.comity.node.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.request.Urgency;
import org.comity.node.request.internal.DeadlineWatchAccess;
import org.comity.node.support.ClockedNodeTest;
import org.comity.node.support.Documents;
import org.comity.node.support.Fixtures;
import org.comity.node.support.Http;
import org.comity.node.support.SessionClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The 24/7 channel with a real SMTP server (GreenMail, in-process): an urgent request delivered to
 * a point of contact is announced by e-mail at once, a reminder goes out as the hour runs out, and
 * when nobody acknowledged in time the backup contacts are e-mailed, the escalation is audited and
 * the inbox shows an alarm until someone acknowledges.
 */
class UrgentChannelTest extends ClockedNodeTest {

    static final GreenMail SMTP = startSmtp();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("comity.notifications.from", () -> "comity-xa@example.test");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    DeadlineWatchAccess watch;

    Authority requester;
    Authority contact;
    Http asker;
    Http answerer;
    Http admin;
    String answererName;

    @BeforeEach
    void world() {
        watch.runOnce();
        requester = fixtures.authority(fixtures.state("Requesting"), AuthorityKind.POINT_OF_CONTACT, "poc-a@example.test");
        contact = fixtures.authority(fixtures.state("Requested"), AuthorityKind.POINT_OF_CONTACT, "poc-b@example.test");
        asker = http(fixtures.token(fixtures.user(requester, Role.POINT_OF_CONTACT), Duration.ofDays(30)));
        var user = fixtures.user(contact, Role.POINT_OF_CONTACT);
        answererName = user.username();
        answerer = http(fixtures.token(user, Duration.ofDays(30)));
        admin = http(fixtures.token(fixtures.user(contact, Role.ADMIN), Duration.ofDays(30)));
        SMTP.reset();
    }

    @Test
    void backupContactsAreCheckedAndReplacedByAnAdministratorOnly() {
        String path = "/api/v1/admin/authorities/" + contact.id() + "/backups";
        Http.Reply bad = admin.put(path, List.of(Map.of("name", "Nobody", "email", "not-an-address")), Map.of());
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).contains("backups[0].email");
        Http.Reply hole = admin.put(path, java.util.Collections.singletonList(null), Map.of());
        assertThat(hole.status()).as(hole.text()).isEqualTo(422);
        assertThat(hole.text()).contains("backups[0]");
        assertThat(answerer.put(path, List.of(Map.of("name", "Eve", "email", "eve@example.test")), Map.of()).status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/directory/authorities/" + contact.id() + "/backups").json().size()).isZero();
        assertThat(admin.put(path, List.of(Map.of("name", "Duty officer", "email", "duty@example.test"), Map.of("name", "Deputy", "phone", "+99 1 234")),
                Map.of()).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/directory/authorities/" + contact.id() + "/backups").json())
                .extracting(b -> b.get("name").asString()).containsExactly("Duty officer", "Deputy");
    }

    @Test
    void anUnacknowledgedUrgentRequestIsAnnouncedRemindedThenEscalatedToTheBackups() throws Exception {
        admin.put("/api/v1/admin/authorities/" + contact.id() + "/backups",
                List.of(Map.of("name", "Duty officer", "email", "duty@example.test"), Map.of("name", "Head of unit", "email", "head@example.test"),
                        Map.of("name", "Night desk", "phone", "+99 555 0101")),
                Map.of());
        SessionClient browser = new SessionClient(port).withClock(clock).signIn(answererName, Fixtures.PASSWORD);
        String id = sent();
        String reference = asker.get("/api/v1/requests/" + id).json().get("summary").get("reference").asString();

        MimeMessage announced = awaitMail(1).getFirst();
        assertThat(recipients(announced)).containsExactly("poc-b@example.test");
        assertThat(announced.getSubject()).contains(reference).contains("acknowledge");
        assertThat(announced.getFrom()[0].toString()).isEqualTo("comity-xa@example.test");
        String body = announced.getContent().toString();
        assertThat(body).contains("/requests/" + id).doesNotContain("stolen credentials"); // no case content leaves by e-mail
        String delivered = asker.get("/api/v1/requests/" + id + "/events").json().valueStream()
                .filter(e -> e.get("type").asString().equals("DELIVERED")).findFirst().orElseThrow().get("at").asString();
        assertThat(body).contains("Acknowledge it by " + Instant.parse(delivered).plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));

        clock.advance(Duration.ofMinutes(46));
        watch.runOnce();
        MimeMessage reminder = awaitMail(2).get(1);
        assertThat(reminder.getSubject()).contains(reference).contains("must be acknowledged");
        assertThat(answerer.get("/api/v1/alarms").json().size()).isZero();

        clock.advance(Duration.ofMinutes(15));
        watch.runOnce();
        List<MimeMessage> all = awaitMail(3);
        MimeMessage escalation = all.get(2);
        assertThat(escalation.getSubject()).contains("ESCALATION").contains(reference);
        assertThat(recipients(escalation)).containsExactly("poc-b@example.test", "duty@example.test", "head@example.test");
        assertThat(escalation.getContent().toString()) // a backup known only by telephone is named, to be called
                .contains("Night desk, telephone +99 555 0101 (no e-mail address: call them)").contains("Duty officer, duty@example.test");
        assertThat(answerer.get("/api/v1/alarms").json()).extracting(a -> a.get("requestId").asString()).containsExactly(id);
        String inbox = browser.get("/requests?box=INBOX").body();
        assertThat(inbox).contains("id=\"alarms\"").contains(reference);
        assertThat(asker.get("/api/v1/alarms").json().size()).isZero(); // the alarm is the requested side's
        // The requested side sees who was told, and whether the mail left; the requesting side's node tells its own people.
        assertThat(answerer.get("/api/v1/requests/" + id + "/notifications").json().valueStream().map(n -> n.get("kind").asString()))
                .containsExactly("URGENT_DELIVERED", "ACKNOWLEDGE_DUE_SOON", "ESCALATED");
        assertThat(answerer.get("/api/v1/requests/" + id + "/notifications").json().get(2).get("recipients").valueStream().map(r -> r.asString()))
                .containsExactly("poc-b@example.test", "duty@example.test", "head@example.test");
        assertThat(asker.get("/api/v1/requests/" + id + "/notifications").json().size()).isZero();
        assertThat(browser.get("/requests/" + id).body()).contains("id=\"notices\"").contains("data-notice=\"ESCALATED-");

        watch.runOnce();
        Thread.sleep(300);
        assertThat(SMTP.getReceivedMessages()).hasSize(5); // each level told once: 1 + 1 + the escalation to 3 recipients

        Http.Reply ack = answerer.post("/api/v1/requests/" + id + "/actions/acknowledge", Map.of());
        assertThat(ack.status()).isEqualTo(200);
        assertThat(answerer.get("/api/v1/alarms").json().size()).isZero();
    }

    @Test
    void anUrgentRequestUnderAnInstrumentWithoutAnAcknowledgementDeadlineMustBeAcknowledgedWithinTheHour() throws Exception {
        // Budapest Art. 26 sets no acknowledgement deadline; sent urgently to a 24/7 point of contact, the channel's hour applies.
        Http.Reply created = asker.post("/api/v1/requests", Documents.complete("budapest-26", null, contact.id(), Urgency.URGENT));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("summary").get("id").asString();
        assertThat(asker.post("/api/v1/requests/" + id + "/actions/submit", Map.of()).status()).isEqualTo(200);
        assertThat(awaitMail(1).getFirst().getContent().toString()).contains("Acknowledge it by ");
        assertThat(answerer.get("/api/v1/requests/" + id).json().get("deadlines").valueStream()
                .map(d -> d.get("kind").asString() + " " + d.get("status").asString()).toList()).containsExactly("ACKNOWLEDGE RUNNING");

        clock.advance(Duration.ofMinutes(50)); // the last quarter of the hour: a reminder
        watch.runOnce();
        assertThat(awaitMail(2).get(1).getSubject()).contains("must be acknowledged");
        clock.advance(Duration.ofMinutes(11));
        watch.runOnce();
        assertThat(answerer.get("/api/v1/alarms").json()).extracting(a -> a.get("requestId").asString()).containsExactly(id);
        assertThat(awaitMail(3).get(2).getSubject()).contains("ESCALATION");
    }

    @Test
    void aNormalRequestToACentralAuthorityPastItsAcknowledgementDeadlineIsAnAlertNotAnAlarm() throws Exception {
        Authority central = fixtures.authority(fixtures.state("Slow"), AuthorityKind.CENTRAL_AUTHORITY, "ca-slow@example.test");
        Http caOfficer = http(fixtures.token(fixtures.user(central, Role.CENTRAL_AUTHORITY), Duration.ofDays(30)));
        Http.Reply created = asker.post("/api/v1/requests", Documents.complete("budapest-31", null, central.id(), Urgency.NORMAL));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("summary").get("id").asString();
        assertThat(asker.post("/api/v1/requests/" + id + "/actions/submit", Map.of()).status()).isEqualTo(200);
        assertThat(caOfficer.get("/api/v1/requests/" + id).json().get("summary").get("urgentChannel").asBoolean()).isFalse();

        clock.advance(Duration.ofDays(6)); // Budapest Art. 31: five days to acknowledge
        watch.runOnce();
        assertThat(caOfficer.get("/api/v1/alerts").json()).extracting(a -> a.get("requestId").asString() + " " + a.get("level").asString())
                .contains(id + " OVERDUE");
        assertThat(caOfficer.get("/api/v1/alarms").json().size()).isZero(); // not the 24/7 channel: no alarm, no escalation
        MimeMessage overdue = awaitMail(1).getFirst(); // the authority itself is told, and no one else
        assertThat(overdue.getSubject()).contains("Overdue").doesNotContain("ESCALATION");
        assertThat(recipients(overdue)).containsExactly("ca-slow@example.test");
    }

    @Test
    void aNormalRequestToACentralAuthorityIsNotAnnouncedByEmail() throws Exception {
        Authority central = fixtures.authority(fixtures.state("Quiet"), AuthorityKind.CENTRAL_AUTHORITY, "ca@example.test");
        Http.Reply created = asker.post("/api/v1/requests", Documents.complete("budapest-31", null, central.id(), Urgency.NORMAL));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(asker.post("/api/v1/requests/" + created.json().get("summary").get("id").asString() + "/actions/submit", Map.of()).status())
                .isEqualTo(200);
        Thread.sleep(500);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    private String sent() {
        Http.Reply created = asker.post("/api/v1/requests", Documents.complete("budapest-29", null, contact.id(), Urgency.URGENT));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("summary").get("id").asString();
        assertThat(asker.post("/api/v1/requests/" + id + "/actions/submit", Map.of()).status()).isEqualTo(200);
        return id;
    }

    private static List<MimeMessage> awaitMail(int count) {
        assertThat(SMTP.waitForIncomingEmail(10_000, count)).as("e-mails received").isTrue();
        return Arrays.asList(SMTP.getReceivedMessages());
    }

    /** One delivered copy per recipient: the recipients are those of the distinct messages' To headers. */
    private static List<String> recipients(MimeMessage message) throws Exception {
        return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    }

    private static GreenMail startSmtp() {
        try (ServerSocket socket = new ServerSocket(0)) {
            int port = socket.getLocalPort();
            socket.close();
            GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            return mail;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
