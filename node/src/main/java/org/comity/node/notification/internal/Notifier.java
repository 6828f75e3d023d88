package org.comity.node.notification.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.BackupContact;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Ids;
import org.comity.node.platform.Sql;
import org.comity.node.request.DeadlineAlertRaised;
import org.comity.node.request.DeadlineKind;
import org.comity.node.request.DeadlineStatus;
import org.comity.node.request.EventType;
import org.comity.node.request.Instruments;
import org.comity.node.request.LegalClock;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.RequestSummary;
import org.comity.node.request.RequestEventsAppended;
import org.comity.node.request.Urgency;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Decides who is told what, in the transaction of the change: the 24/7 channel's announcements,
 * reminders and escalations. The e-mails say what is needed and where, not the case's content:
 * mail leaves the node unencrypted, so it carries the reference and a link, never the facts.
 */
@Component
class Notifier {

    private final JdbcClient jdbc;
    private final Directory directory;
    private final AuditTrail audit;
    private final Mailer mailer;
    private final Clock clock;
    private final ComityProperties properties;
    private final Instruments instruments;

    Notifier(JdbcClient jdbc, Directory directory, AuditTrail audit, Mailer mailer, Clock clock, ComityProperties properties,
            Instruments instruments) {
        this.instruments = instruments;
        this.jdbc = jdbc;
        this.directory = directory;
        this.audit = audit;
        this.mailer = mailer;
        this.clock = clock;
        this.properties = properties;
    }

    private record RequestFacts(String reference, Urgency urgency, String instrument) {}

    @EventListener
    void on(RequestEventsAppended appended) {
        RequestEvent delivered = appended.events().stream().filter(e -> e.type() == EventType.DELIVERED).findFirst().orElse(null);
        if (!appended.requestedAuthorityLocal() || delivered == null) {
            return;
        }
        Authority to = directory.authority(appended.requestedAuthority()).orElseThrow();
        if (!RequestSummary.urgentChannel(appended.urgency(), to.kind())) {
            return;
        }
        RequestFacts facts = facts(appended.requestId());
        queue("URGENT_DELIVERED", appended.requestId(), to.id(), recipients(to, List.of()),
                "[Comity " + properties.node().id() + "] Urgent request " + facts.reference() + ": acknowledge it now",
                """
                An urgent request (%s) has been delivered to %s.
                %s

                Open it: %s

                This message carries no case content; sign in to read the request.
                """.formatted(facts.reference(), to.name(), acknowledgeBy(facts, delivered.at()), link(appended.requestId())));
    }

    /** What the announcement says of the acknowledgement deadline: the instrument's, or the 24/7 channel's hour. */
    private String acknowledgeBy(RequestFacts facts, java.time.Instant deliveredAt) {
        return instruments.find(facts.instrument())
                .flatMap(i -> LegalClock.rules(i, facts.urgency()).stream().filter(r -> r.kind() == DeadlineKind.ACKNOWLEDGE).findFirst())
                .map(rule -> "Acknowledge it by %s (UTC); if it is not acknowledged by then, the backup contacts are alerted."
                        .formatted(deliveredAt.plus(rule.durationFor(facts.urgency(), java.util.Set.of())).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .orElse("Acknowledge it as soon as you can.");
    }

    @EventListener
    void on(DeadlineAlertRaised alert) {
        if (alert.kind() != DeadlineKind.ACKNOWLEDGE) {
            return;
        }
        Authority to = directory.authority(alert.authority()).filter(Authority::local).orElse(null);
        if (to == null) {
            return; // the other side's deadline: its own node tells its people
        }
        boolean urgent = RequestSummary.urgentChannel(alert.urgency(), to.kind());
        if (alert.level() == DeadlineStatus.DUE_SOON) {
            queue("ACKNOWLEDGE_DUE_SOON", alert.request(), to.id(), recipients(to, List.of()),
                    "[Comity " + properties.node().id() + "] Request " + alert.reference() + " must be acknowledged by " + alert.dueAt(),
                    """
                    Request %s, delivered to %s, has not been acknowledged. It is due by %s (UTC).

                    Open it: %s
                    """.formatted(alert.reference(), to.name(), alert.dueAt(), link(alert.request())));
        } else if (alert.level() == DeadlineStatus.OVERDUE) {
            List<BackupContact> backups = urgent ? directory.backups(to.id()) : List.of();
            List<String> recipients = recipients(to, backups);
            queue(urgent ? "ESCALATED" : "ACKNOWLEDGE_OVERDUE", alert.request(), to.id(), recipients,
                    "[Comity " + properties.node().id() + "] " + (urgent ? "ESCALATION: urgent request " : "Overdue: request ") + alert.reference()
                            + " not acknowledged",
                    """
                    Request %s, delivered to %s, was due to be acknowledged by %s (UTC) and has not been.
                    %s
                    Open it: %s
                    """.formatted(alert.reference(), to.name(), alert.dueAt(), urgent ? escalationNote(to, backups) : "",
                            link(alert.request())));
            if (urgent) {
                audit.success(Actor.system(properties.node().id()), "request.escalated", "request", alert.request(),
                        Map.of("reference", alert.reference(), "backups", backups.size(), "recipients", recipients.size(),
                                "byTelephoneOnly", backups.stream().filter(b -> b.email() == null || b.email().isBlank()).count()));
            }
        }
    }

    /**
     * The escalation's call to action, with every backup contact and how to reach them: a backup
     * known only by telephone gets no e-mail, so whoever reads this one is asked to call them.
     */
    private static String escalationNote(Authority to, List<BackupContact> backups) {
        StringBuilder note = new StringBuilder("You receive this as the authority it was delivered to or one of its backup contacts. Please make sure someone acts on it now.\n");
        if (to.phone() != null && !to.phone().isBlank()) {
            note.append("The point of contact's telephone: ").append(to.phone()).append('\n');
        }
        if (backups.isEmpty()) {
            note.append("No backup contact is on record for ").append(to.name()).append(": tell the administrator.\n");
        } else {
            note.append("Backup contacts:\n");
            for (BackupContact b : backups) {
                note.append("- ").append(b.name());
                if (b.phone() != null && !b.phone().isBlank()) {
                    note.append(", telephone ").append(b.phone());
                }
                if (b.email() != null && !b.email().isBlank()) {
                    note.append(", ").append(b.email());
                } else {
                    note.append(" (no e-mail address: call them)");
                }
                note.append('\n');
            }
        }
        return note.toString();
    }

    private List<String> recipients(Authority to, List<BackupContact> backups) {
        Set<String> out = new LinkedHashSet<>();
        if (to.email() != null && !to.email().isBlank()) {
            out.add(to.email());
        }
        for (BackupContact b : backups) {
            if (b.email() != null && !b.email().isBlank()) {
                out.add(b.email());
            }
        }
        return new ArrayList<>(out);
    }

    private RequestFacts facts(UUID request) {
        return jdbc.sql("select reference, urgency, instrument_id from request where id = ?").param(request)
                .query((rs, n) -> new RequestFacts(rs.getString("reference"), Urgency.valueOf(rs.getString("urgency")), rs.getString("instrument_id")))
                .single();
    }

    private String link(UUID request) {
        return properties.node().publicUrl().replaceAll("/+$", "") + "/requests/" + request;
    }

    private void queue(String kind, UUID request, UUID authority, List<String> recipients, String subject, String body) {
        jdbc.sql("""
                insert into notification (id, kind, request_id, authority_id, recipients, subject, body, created_at, next_attempt_at, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(Ids.newId(clock), kind, request, authority, recipients.toArray(String[]::new), subject, body,
                        Sql.ts(clock.instant()), Sql.ts(clock.instant()), recipients.isEmpty() ? "NO_RECIPIENT" : "PENDING")
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    mailer.wake();
                }
            });
        }
    }
}
