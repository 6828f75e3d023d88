package org.comity.node.notification.internal;

import static org.comity.node.platform.Sql.ts;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Array;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends queued e-mails. Rows are claimed with SKIP LOCKED and a lease, like the exchange's
 * outbox; a failed send waits (30 s doubling, up to 30 minutes) and is given up after 10 attempts,
 * with the error kept. Without an SMTP host configured nothing is sent and the rows say so.
 */
@Component
class Mailer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final int MAX_ATTEMPTS = 10;
    /** Rows claimed at once. */
    private static final int BATCH = 50;
    /** How long a woken mailer waits for the rest of a burst: nothing next to the 24/7 channel's hour. */
    private static final Duration GATHER = Duration.ofMillis(100);

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> senders;
    private final Clock clock;
    private final String host;
    private final String from;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread thread;

    Mailer(JdbcClient jdbc, ObjectProvider<JavaMailSender> senders, Clock clock, @Value("${spring.mail.host:}") String host,
            @Value("${comity.notifications.from:comity@localhost}") String from) {
        this.jdbc = jdbc;
        this.senders = senders;
        this.clock = clock;
        this.host = host;
        this.from = from;
    }

    void wake() {
        wake.release();
    }

    @Override
    public void start() {
        running = true;
        if (host.isBlank()) {
            log.info("No SMTP server configured (COMITY_SMTP_HOST): notifications are recorded, not sent");
        }
        thread = Thread.ofPlatform().name("comity-mailer").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                int handled = sendDue();
                if (handled < BATCH) {
                    // Nothing more is due: wait to be woken (or five seconds), then let a burst gather for a moment,
                    // so that requests arriving together cost one claim, not one each.
                    if (wake.tryAcquire(5, TimeUnit.SECONDS)) {
                        Thread.sleep(GATHER.toMillis());
                    }
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("The mailer failed; it tries again in five seconds", e);
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private record Due(UUID id, List<String> recipients, String subject, String body, int attempts) {}

    /** Sends what is due now; returns how many were handled. */
    int sendDue() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                update notification n set next_attempt_at = ?
                where n.id in (select id from notification where status = 'PENDING' and next_attempt_at <= ?
                               order by next_attempt_at limit ? for update skip locked)
                returning n.id, n.recipients, n.subject, n.body, n.attempts
                """)
                .params(ts(now.plus(Duration.ofMinutes(2))), ts(now), BATCH)
                .query((rs, n) -> new Due(rs.getObject("id", UUID.class), strings(rs.getArray("recipients")), rs.getString("subject"),
                        rs.getString("body"), rs.getInt("attempts")))
                .list();
        JavaMailSender sender = host.isBlank() ? null : senders.getIfAvailable();
        if (sender == null) {
            if (!due.isEmpty()) {
                jdbc.sql("update notification set status = 'NO_SERVER', last_error = 'no SMTP server configured' where id = any(?)")
                        .param(due.stream().map(Due::id).toArray(UUID[]::new)).update();
            }
            return due.size();
        }
        for (Due d : due) {
            send(sender, d);
        }
        return due.size();
    }

    private void send(JavaMailSender sender, Due d) {
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(new InternetAddress(from));
            helper.setTo(d.recipients().toArray(String[]::new));
            helper.setSubject(d.subject());
            helper.setText(d.body(), false);
            sender.send(message);
            jdbc.sql("update notification set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null where id = ?")
                    .params(ts(clock.instant()), d.id()).update();
        } catch (Exception e) {
            int attempts = d.attempts() + 1;
            long wait = Math.min(Duration.ofMinutes(30).toSeconds(), 30L << Math.min(attempts - 1, 10));
            jdbc.sql("update notification set status = ?, attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")
                    .params(attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING", attempts, ts(clock.instant().plusSeconds(wait)),
                            String.valueOf(e.getMessage()), d.id())
                    .update();
            log.warn("E-mail {} could not be sent (attempt {}): {}", d.id(), attempts, e.getMessage());
        }
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
