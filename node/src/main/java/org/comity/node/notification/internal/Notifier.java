package org.comity.node.notification.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
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

    Notifier(JdbcClient jdbc, Directory directory, AuditTrail audit, Mailer mailer, Clock clock, ComityProperties properties) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.audit = audit;
        this.mailer = mailer;
        this.clock = clock;
        this.properties = properties;
    }

    private record RequestFacts(String reference, Urgency urgency) {}

    @EventListener
    void on(RequestEventsAppended appended) {
        if (!appended.requestedAuthorityLocal() || appended.events().stream().noneMatch(e -> e.type() == EventType.DELIVERED)) {
            return;
        }
        Authority to = directory.authority(appended.requestedAuthority()).orElseThrow();
        if (!urgentChannel(appended.urgency(), to)) {
            return;
        }
        RequestFacts facts = facts(appended.requestId());
        queue("URGENT_DELIVERED", appended.requestId(), to.id(), recipients(to, List.of()),
                "[Comity " + properties.node().id() + "] Urgent request " + facts.reference() + ": acknowledge it now",
                """
                An urgent request (%s) has been delivered to %s.
                The 24/7 channel expects it to be acknowledged within the hour; if it is not, the backup contacts are alerted.

                Open it: %s

                This message carries no case content; sign in to read the request.
                """.formatted(facts.reference(), to.name(), link(appended.requestId())));
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
        boolean urgent = urgentChannel(alert.urgency(), to);
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
                    """.formatted(alert.reference(), to.name(), alert.dueAt(),
                            urgent ? "You receive this as a backup contact of the 24/7 point of contact. Please make sure someone acts on it now.\n" : "",
                            link(alert.request())));
            if (urgent) {
                audit.success(Actor.system(properties.node().id()), "request.escalated", "request", alert.request(),
                        Map.of("reference", alert.reference(), "backups", backups.size(), "recipients", recipients.size()));
            }
        }
    }

    /** Urgent and emergency requests, and anything addressed to a 24/7 point of contact, travel the 24/7 channel. */
    static boolean urgentChannel(Urgency urgency, Authority to) {
        return (urgency != null && urgency != Urgency.NORMAL) || to.kind() == AuthorityKind.POINT_OF_CONTACT;
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
        return jdbc.sql("select reference, urgency from request where id = ?").param(request)
                .query((rs, n) -> new RequestFacts(rs.getString("reference"), Urgency.valueOf(rs.getString("urgency")))).single();
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
