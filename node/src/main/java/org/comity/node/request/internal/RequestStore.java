package org.comity.node.request.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.platform.Actor;
import static org.comity.node.platform.Sql.instant;
import static org.comity.node.platform.Sql.ts;
import org.comity.node.request.AttachmentInfo;
import org.comity.node.request.Confidentiality;
import org.comity.node.request.DeadlineAlert;
import org.comity.node.request.DeadlineKind;
import org.comity.node.request.DeadlineStatus;
import org.comity.node.request.EventActor;
import org.comity.node.request.EventDetails;
import org.comity.node.request.EventType;
import org.comity.node.platform.Page;
import org.comity.node.request.PreservationStatus;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.RequestQuery;
import org.comity.node.request.RequestStatus;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.request.RequestSummary;
import org.comity.node.request.RequestType;
import org.comity.node.request.Side;
import org.comity.node.request.Urgency;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for requests: the projection table, the append-only event table, attachments and alerts.
 * The visibility filters here mirror {@link org.comity.node.request.RequestAccess}.
 */
@Repository
class RequestStore {

    /** How stored JSON is written and read: nulls left out, unknown fields of newer versions tolerated. */
    static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL).withContentInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final String SUMMARY = """
            r.id, r.reference, r.title, r.instrument_id, r.request_type, r.status, r.urgency, r.confidentiality,
            r.requesting_authority_id, ra.name as requesting_name, r.requesting_state,
            r.requested_authority_id, qa.name as requested_name, qa.kind as requested_kind, r.requested_state, r.executing_authority_id,
            r.preservation_status, r.preserved_until, r.created_at, r.updated_at, r.submitted_at,
            r.next_deadline_at, r.due_soon_at, r.version
            """;
    private static final String FROM = """
            from request r
            join authority ra on ra.id = r.requesting_authority_id
            left join authority qa on qa.id = r.requested_authority_id
            """;

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    RequestStore(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    long nextReferenceNumber() {
        return jdbc.sql("select nextval('request_reference_seq')").query(Long.class).single();
    }

    /** A request received from another node, before its first events are applied: a draft row and its text. */
    void insert(UUID id, String reference, RequestDocument doc, RequestType type, String requestingState, String requestedState,
            UUID createdBy, Instant now) {
        jdbc.sql("""
                with r as (
                    insert into request (id, reference, instrument_id, request_type, requesting_authority_id, requested_authority_id,
                        requesting_state, requested_state, urgency, confidentiality, title, status, created_by, created_at,
                        updated_at, version)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, 0)
                    returning id, reference, title)
                insert into request_text (request_id, reference, title, body) select id, reference, title, ?::jsonb from r
                """)
                .params(id, reference, doc.instrument(), type.name(), doc.requestingAuthority(), doc.requestedAuthority(),
                        requestingState, requestedState, doc.urgency().name(), doc.confidentiality().name(),
                        title(doc), createdBy, ts(now), ts(now), JSON.writeValueAsString(doc))
                .update();
    }

    Optional<RequestRow> find(UUID id, boolean forUpdate) {
        // The content is not read here: the events are its truth, and every caller replays them.
        return jdbc.sql("select " + SUMMARY + FROM + " where r.id = ?" + (forUpdate ? " for update of r" : ""))
                .param(id)
                .query((rs, n) -> new RequestRow(summary(rs)))
                .optional();
    }

    List<RequestEvent> events(UUID requestId) {
        return jdbc.sql("""
                select id, seq, type, at, actor_user_id, actor_name, actor_authority_id, reason, payload
                from request_event where request_id = ? order by seq
                """)
                .param(requestId)
                .query(RequestStore::event)
                .list();
    }

    /** Appends events in one round trip (a JDBC batch). */
    void append(UUID requestId, List<RequestEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                insert into request_event (request_id, seq, id, type, at, actor_user_id, actor_name, actor_authority_id, reason, payload)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                """, events, events.size(), (ps, e) -> {
                    ps.setObject(1, requestId);
                    ps.setInt(2, e.seq());
                    ps.setObject(3, e.id());
                    ps.setString(4, e.type().name());
                    ps.setObject(5, ts(e.at()));
                    ps.setObject(6, e.actor().userId());
                    ps.setString(7, e.actor().name());
                    ps.setObject(8, e.actor().authorityId());
                    ps.setString(9, e.reason());
                    ps.setString(10, JSON.writeValueAsString(e.details()));
                });
    }

    /** The columns derived from the events, written in the transaction that appended them; a null {@code updatedAt} keeps the old one. */
    record Projection(RequestDocument document, RequestType type, String requestingState, String requestedState, RequestStatus status,
            UUID executingAuthority, PreservationStatus preservation, Instant preservedUntil, Instant submittedAt,
            Instant nextDueAt, Instant dueSoonAt, Instant nextAlertAt, Instant updatedAt, int version) {}

    /**
     * Writes the projection if the row is still at {@code expectedVersion}, and answers the row as lists
     * show it (one round trip); empty when someone else changed it first.
     */
    Optional<RequestSummary> update(UUID id, int expectedVersion, Projection p) {
        RequestDocument d = p.document();
        return jdbc.sql("""
                with r as (
                    update request set instrument_id = ?, request_type = ?, requested_authority_id = ?, requesting_state = ?,
                        requested_state = ?, urgency = ?, confidentiality = ?, title = ?, status = ?, executing_authority_id = ?,
                        preservation_status = ?, preserved_until = ?, submitted_at = ?, next_deadline_at = ?,
                        due_soon_at = ?, next_alert_at = ?, updated_at = coalesce(?, updated_at), version = ?
                    where id = ? and version = ?
                    returning *)
                select""" + " " + SUMMARY + FROM.replace("from request r", "from r"))
                .params(d.instrument(), p.type().name(), d.requestedAuthority(), p.requestingState(), p.requestedState(),
                        d.urgency().name(), d.confidentiality().name(), title(d), p.status().name(),
                        p.executingAuthority(), preservation(p), ts(p.preservedUntil()), ts(p.submittedAt()),
                        ts(p.nextDueAt()), ts(p.dueSoonAt()), ts(p.nextAlertAt()), ts(p.updatedAt()), p.version(), id, expectedVersion)
                .query((rs, n) -> summary(rs))
                .optional();
    }

    /** A new request's row, its projection already derived from its first events; answers it as lists show it. */
    RequestSummary create(UUID id, String reference, UUID createdBy, Projection p) {
        RequestDocument d = p.document();
        return jdbc.sql("""
                with r as (
                    insert into request (id, reference, instrument_id, request_type, requesting_authority_id, requested_authority_id,
                        requesting_state, requested_state, urgency, confidentiality, title, status, executing_authority_id,
                        preservation_status, preserved_until, created_by, created_at, updated_at, submitted_at, next_deadline_at,
                        due_soon_at, next_alert_at, version)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    returning *),
                t as (insert into request_text (request_id, reference, title, body) select id, reference, title, ?::jsonb from r)
                select""" + " " + SUMMARY + FROM.replace("from request r", "from r"))
                .params(id, reference, d.instrument(), p.type().name(), d.requestingAuthority(), d.requestedAuthority(),
                        p.requestingState(), p.requestedState(), d.urgency().name(), d.confidentiality().name(), title(d), p.status().name(),
                        p.executingAuthority(), preservation(p), ts(p.preservedUntil()), createdBy,
                        ts(p.updatedAt()), ts(p.updatedAt()), ts(p.submittedAt()), ts(p.nextDueAt()), ts(p.dueSoonAt()), ts(p.nextAlertAt()),
                        p.version(), JSON.writeValueAsString(d))
                .query((rs, n) -> summary(rs))
                .single();
    }

    /** The searchable text after the document changed (an edit, or the document a submission carried). */
    void updateText(UUID id, RequestDocument d) {
        jdbc.sql("update request_text set title = ?, body = ?::jsonb where request_id = ?")
                .params(title(d), JSON.writeValueAsString(d), id).update();
    }

    private static String title(RequestDocument d) {
        return d.title() == null ? "" : d.title().strip();
    }

    private static String preservation(Projection p) {
        return p.preservation() == PreservationStatus.NONE ? null : p.preservation().name();
    }

    /** The requests the actor sees in its inbox, its outbox or both, as {@link org.comity.node.request.RequestAccess} decides. */
    private static String boxes(Actor actor, boolean inbox, boolean outbox, List<Object> params) {
        List<String> boxes = new ArrayList<>();
        if (inbox) {
            if (actor.stateWide()) {
                boxes.add("(r.requested_state = ? and r.status not in ('DRAFT', 'SUBMITTED'))");
                params.add(actor.stateCode());
            } else {
                boxes.add("((r.requested_authority_id = ? or r.executing_authority_id = ?) and r.status not in ('DRAFT', 'SUBMITTED'))");
                params.add(actor.authorityId());
                params.add(actor.authorityId());
            }
        }
        if (outbox) {
            if (actor.stateWide()) {
                boxes.add("(r.requesting_authority_id = ? or (r.requesting_state = ? and r.status <> 'DRAFT'))");
                params.add(actor.authorityId());
                params.add(actor.stateCode());
            } else {
                boxes.add("r.requesting_authority_id = ?");
                params.add(actor.authorityId());
            }
        }
        return "(" + String.join(" or ", boxes) + ")";
    }

    Page<RequestSummary> list(Actor actor, RequestQuery q, Instant now) {
        StringBuilder where = new StringBuilder(" where ");
        List<Object> params = new ArrayList<>();
        where.append(boxes(actor, q.box() != RequestQuery.Box.OUTBOX, q.box() != RequestQuery.Box.INBOX, params));
        if (!q.statuses().isEmpty()) {
            where.append(" and r.status in (").append(String.join(", ", q.statuses().stream().map(s -> "?").toList())).append(')');
            q.statuses().forEach(s -> params.add(s.name()));
        }
        if (q.instrument() != null) {
            where.append(" and r.instrument_id = ?");
            params.add(q.instrument());
        }
        if (q.urgency() != null) {
            where.append(" and r.urgency = ?");
            params.add(q.urgency().name());
        }
        if (q.type() != null) {
            where.append(" and r.request_type = ?");
            params.add(q.type().name());
        }
        if (q.submittedFrom() != null) {
            where.append(" and r.submitted_at >= ?");
            params.add(ts(q.submittedFrom().atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        }
        if (q.submittedTo() != null) {
            where.append(" and r.submitted_at < ?");
            params.add(ts(q.submittedTo().plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        }
        if (q.partnerState() != null) {
            where.append(switch (q.box()) {
                case INBOX -> " and r.requesting_state = ?";
                case OUTBOX -> " and r.requested_state = ?";
                case ALL -> " and (r.requesting_state = ? or r.requested_state = ?)";
            });
            params.add(q.partnerState());
            if (q.box() == RequestQuery.Box.ALL) {
                params.add(q.partnerState());
            }
        }
        if (q.deadline() == RequestSummary.DeadlineLevel.OVERDUE) {
            where.append(" and r.next_deadline_at <= ?");
            params.add(ts(now));
        } else if (q.deadline() == RequestSummary.DeadlineLevel.DUE_SOON) {
            where.append(" and r.due_soon_at <= ? and r.next_deadline_at > ?");
            params.add(ts(now));
            params.add(ts(now));
        } else if (q.deadline() == RequestSummary.DeadlineLevel.RUNNING) {
            where.append(" and r.next_deadline_at is not null");
        }
        if (q.text() != null) {
            where.append(" and (r.id in (select t.request_id from request_text t where t.search @@ websearch_to_tsquery('simple', ?))"
                    + " or r.reference ilike ?)");
            params.add(q.text());
            params.add(q.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        params.add(q.size() + 1);
        params.add((long) q.page() * q.size());
        List<RequestSummary> rows = jdbc.sql("select " + SUMMARY + FROM + where + " order by r.updated_at desc, r.id desc limit ? offset ?")
                .params(params)
                .query((rs, n) -> summary(rs))
                .list();
        boolean hasNext = rows.size() > q.size();
        return new Page<>(hasNext ? rows.subList(0, q.size()) : rows, q.page(), q.size(), hasNext);
    }

    void insertProposal(UUID requestId, org.comity.node.request.Proposal p) {
        jdbc.sql("""
                insert into request_proposal (id, request_id, action, actor_user_id, actor_name, proposed_at, reason, actor_authority_id)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(p.id(), requestId, p.action().name(), p.actor().userId(), p.actor().name(), ts(p.proposedAt()), words(p.reason()),
                        p.actor().authorityId())
                .update();
    }

    boolean hasPendingProposal(UUID requestId, org.comity.node.request.Action action) {
        return jdbc.sql("select exists (select 1 from request_proposal where request_id = ? and action = ? and status = 'PENDING')")
                .params(requestId, action.name()).query(Boolean.class).single();
    }

    /**
     * A pending proposal of this request: the action proposed, the user who proposed it, in which
     * authority's name and with which words ({@link #words}; both null for proposals stored before
     * they were kept).
     */
    record PendingProposal(org.comity.node.request.Action action, UUID userId, UUID authorityId, String words) {}

    Optional<PendingProposal> pendingProposal(UUID requestId, UUID proposalId) {
        return jdbc.sql("""
                select action, actor_user_id, actor_authority_id, reason from request_proposal
                where id = ? and request_id = ? and status = 'PENDING'
                """)
                .params(proposalId, requestId)
                .query((rs, n) -> new PendingProposal(org.comity.node.request.Action.valueOf(rs.getString(1)), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4)))
                .optional();
    }

    /** A reason as the lifecycle records it (stripped; none is ""), so that a proposal's and its event's compare. */
    static String words(String reason) {
        return reason == null || reason.isBlank() ? "" : reason.strip();
    }

    /** Marks a pending proposal recorded or refused; false when there is no such pending proposal. */
    boolean settleProposal(UUID proposalId, String status, String outcome, Instant at) {
        return jdbc.sql("update request_proposal set status = ?, outcome = ?, settled_at = ? where id = ? and status = 'PENDING'")
                .params(status, outcome, ts(at), proposalId).update() == 1;
    }

    /** Proposals still waiting, and refused ones (recorded ones are on the timeline). */
    List<org.comity.node.request.PendingAction> proposals(UUID requestId) {
        return jdbc.sql("""
                select id, action, actor_name, proposed_at, status, outcome from request_proposal
                where request_id = ? and status <> 'RECORDED' order by proposed_at
                """)
                .param(requestId)
                .query((rs, n) -> new org.comity.node.request.PendingAction(rs.getObject("id", UUID.class),
                        org.comity.node.request.Action.valueOf(rs.getString("action")), rs.getString("actor_name"),
                        instant(rs, "proposed_at"), rs.getString("status"), rs.getString("outcome")))
                .list();
    }

    void insertAttachment(UUID requestId, AttachmentInfo a, UUID uploadedBy) {
        jdbc.sql("""
                insert into attachment (id, request_id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at, side)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(a.id(), requestId, a.fileName(), a.mediaType(), a.size(), a.sha256(), uploadedBy, ts(a.uploadedAt()), a.side().name())
                .update();
    }

    List<AttachmentInfo> attachments(UUID requestId) {
        return jdbc.sql("select id, file_name, media_type, size_bytes, sha256, uploaded_at, side from attachment where request_id = ? order by uploaded_at, id")
                .param(requestId).query(RequestStore::attachment).list();
    }

    Optional<AttachmentInfo> attachment(UUID requestId, UUID attachmentId) {
        return jdbc.sql("select id, file_name, media_type, size_bytes, sha256, uploaded_at, side from attachment where request_id = ? and id = ?")
                .params(requestId, attachmentId).query(RequestStore::attachment).optional();
    }

    /** Requests whose deadlines change level by {@code now}, locked for this worker alone. */
    List<UUID> claimDue(Instant now, int limit) {
        return jdbc.sql("select id from request where next_alert_at <= ? order by next_alert_at limit ? for update skip locked")
                .params(ts(now), limit).query(UUID.class).list();
    }

    boolean raiseAlert(UUID requestId, String deadline, String level, Instant dueAt, Instant raisedAt, UUID authorityId) {
        return jdbc.sql("""
                insert into deadline_alert (request_id, deadline, level, due_at, raised_at, authority_id)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing
                """)
                .params(requestId, deadline, level, ts(dueAt), ts(raisedAt), authorityId).update() == 1;
    }

    Optional<UUID> idOfReference(String reference) {
        return jdbc.sql("select id from request where reference = ?").param(reference).query(UUID.class).optional();
    }

    /** Alerts for the actor's authority (or, for a central authority, its state), newest first. */
    List<DeadlineAlert> alerts(Actor actor, int limit) {
        return alerts(actor, limit, "");
    }

    /** Alarms: requests of the 24/7 channel ({@link RequestSummary#urgentChannel}) delivered to the actor's side and still not acknowledged past their deadline. */
    List<DeadlineAlert> alarms(Actor actor, int limit) {
        return alerts(actor, limit, """
                 and a.deadline = 'ACKNOWLEDGE' and a.level = 'OVERDUE' and r.status = 'DELIVERED'
                 and (r.urgency <> 'NORMAL' or exists (select 1 from authority k where k.id = r.requested_authority_id and k.kind = 'POINT_OF_CONTACT'))
                """);
    }

    private List<DeadlineAlert> alerts(Actor actor, int limit, String and) {
        String who = actor.stateWide() ? "a.authority_id in (select id from authority where state_code = ?)" : "a.authority_id = ?";
        List<Object> params = new ArrayList<>();
        params.add(actor.stateWide() ? actor.stateCode() : actor.authorityId());
        // An alert raised for an authority that has since lost the request (reassigned) no longer shows it.
        String visible = boxes(actor, true, true, params);
        params.add(limit);
        return jdbc.sql("""
                select a.request_id, r.reference, r.title, a.deadline, a.level, a.due_at, a.raised_at, r.status
                from deadline_alert a join request r on r.id = a.request_id
                where %s and %s%s order by a.raised_at desc, a.id desc limit ?
                """.formatted(who, visible, and))
                .params(params)
                .query((rs, n) -> new DeadlineAlert(rs.getObject("request_id", UUID.class), rs.getString("reference"), rs.getString("title"),
                        DeadlineKind.valueOf(rs.getString("deadline")), DeadlineStatus.valueOf(rs.getString("level")), instant(rs, "due_at"),
                        instant(rs, "raised_at"), RequestStatus.valueOf(rs.getString("status"))))
                .list();
    }

    private static RequestSummary summary(ResultSet rs) throws SQLException {
        String preservation = rs.getString("preservation_status");
        return new RequestSummary(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                rs.getString("title"),
                rs.getString("instrument_id"),
                RequestType.valueOf(rs.getString("request_type")),
                RequestStatus.valueOf(rs.getString("status")),
                Urgency.valueOf(rs.getString("urgency")),
                Confidentiality.valueOf(rs.getString("confidentiality")),
                rs.getObject("requesting_authority_id", UUID.class),
                rs.getString("requesting_name"),
                rs.getString("requesting_state"),
                rs.getObject("requested_authority_id", UUID.class),
                rs.getString("requested_name"),
                rs.getString("requested_state"),
                rs.getObject("executing_authority_id", UUID.class),
                preservation == null ? PreservationStatus.NONE : PreservationStatus.valueOf(preservation),
                instant(rs, "preserved_until"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "submitted_at"),
                instant(rs, "next_deadline_at"),
                instant(rs, "due_soon_at"),
                rs.getInt("version"),
                RequestSummary.urgentChannel(Urgency.valueOf(rs.getString("urgency")),
                        rs.getString("requested_kind") == null ? null : AuthorityKind.valueOf(rs.getString("requested_kind"))));
    }

    private static RequestEvent event(ResultSet rs, int n) throws SQLException {
        return new RequestEvent(
                rs.getObject("id", UUID.class),
                rs.getInt("seq"),
                EventType.valueOf(rs.getString("type")),
                instant(rs, "at"),
                new EventActor(rs.getObject("actor_user_id", UUID.class), rs.getString("actor_name"), rs.getObject("actor_authority_id", UUID.class)),
                rs.getString("reason"),
                JSON.readValue(rs.getString("payload"), EventDetails.class));
    }

    private static AttachmentInfo attachment(ResultSet rs, int n) throws SQLException {
        return new AttachmentInfo(rs.getObject("id", UUID.class), rs.getString("file_name"), rs.getString("media_type"),
                rs.getLong("size_bytes"), rs.getString("sha256"), instant(rs, "uploaded_at"), Side.valueOf(rs.getString("side")));
    }

}
