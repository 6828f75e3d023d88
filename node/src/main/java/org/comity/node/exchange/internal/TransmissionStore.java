package org.comity.node.exchange.internal;

import static org.comity.node.platform.Sql.instant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.request.DeliveryLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the outbox and the inbox: per request (the timeline, the transmissions API) and for the administrator. */
@Repository
class TransmissionStore implements DeliveryLog {

    /** The event a message carried: for proposals the proposal's id, which becomes the event's id. */
    private static final String INBOUND_EVENT = """
            coalesce(payload -> 'event' ->> 'id', payload -> 'submission' -> 'submitted' ->> 'id', payload -> 'proposal' ->> 'id')
            """;

    private final JdbcClient jdbc;

    TransmissionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<UUID, List<Delivery>> byEvent(UUID requestId) {
        Map<UUID, List<Delivery>> out = new LinkedHashMap<>();
        for (Transmission t : forRequest(requestId)) {
            if (t.event() != null) {
                out.computeIfAbsent(t.event(), k -> new ArrayList<>()).add(new Delivery(t.message(), t.direction(), t.peer(), t.type(), t.seq(),
                        t.status(), t.at(), t.settledAt(), t.attempts(), t.error(), t.signer()));
            }
        }
        return out;
    }

    /**
     * One message of a request's conversation, with its proof: the peer's receipt for what this
     * node sent, the sender's signed message for what it received.
     */
    record Transmission(UUID message, String direction, String peer, String type, long seq, UUID event, String status,
            java.time.Instant at, java.time.Instant settledAt, int attempts, String error, String signer, String digest, String receipt,
            String signedMessage) {}

    List<Transmission> forRequest(UUID requestId) {
        List<Transmission> out = new ArrayList<>(jdbc.sql("""
                select message_id, destination, type, seq, event_ids[1] as event, status, created_at, delivered_at, attempts, last_error, envelope_digest,
                       receipt
                from outbox_message where request_id = ? and message_id is not null order by created_at, seq
                """)
                .param(requestId)
                .query((rs, n) -> new Transmission(rs.getObject("message_id", UUID.class), "OUT", rs.getString("destination"), rs.getString("type"),
                        rs.getLong("seq"), rs.getObject("event", UUID.class), rs.getString("status"), instant(rs, "created_at"),
                        instant(rs, "delivered_at"), rs.getInt("attempts"), rs.getString("last_error"), receiptSigner(rs.getString("receipt")),
                        rs.getString("envelope_digest"), rs.getString("receipt"), null))
                .list());
        out.addAll(jdbc.sql("select id, sender, type, seq, " + INBOUND_EVENT + """
                 as event, applied_at, received_at, apply_error, signer_kid, envelope_digest, receipt, signed_message
                from inbox_message m where conversation = ?
                  -- only the node of the request's other side: another node that knows the id cannot add to its proof
                  and exists (select 1 from request r join authority a on a.id in (r.requesting_authority_id, r.requested_authority_id)
                              where r.id = m.conversation and a.node_id = m.sender)
                order by received_at, seq
                """)
                .param(requestId)
                .query((rs, n) -> new Transmission(rs.getObject("id", UUID.class), "IN", rs.getString("sender"), rs.getString("type"),
                        rs.getLong("seq"), rs.getString("event") == null ? null : UUID.fromString(rs.getString("event")),
                        rs.getTimestamp("applied_at") == null ? "WAITING" : "APPLIED", instant(rs, "received_at"), instant(rs, "applied_at"), 1,
                        rs.getString("apply_error"), rs.getString("signer_kid"), rs.getString("envelope_digest"), rs.getString("receipt"),
                        rs.getString("signed_message")))
                .list());
        out.sort(java.util.Comparator.comparing(Transmission::at));
        return out;
    }

    /** The kid in a receipt's protected header (the receipt was verified when it arrived). */
    private static String receiptSigner(String receipt) {
        if (receipt == null) {
            return null;
        }
        try {
            return com.nimbusds.jose.JWSObject.parse(receipt).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    /** An outbound message as the administrator sees it. */
    record Outbound(UUID id, UUID message, UUID request, String reference, String destination, String type, long seq, String status,
            java.time.Instant createdAt, int attempts, java.time.Instant nextAttemptAt, String error) {}

    List<Outbound> outbound(String status, int limit) {
        return jdbc.sql("""
                select o.id, o.message_id, o.request_id, r.reference, o.destination, o.type, o.seq, o.status, o.created_at, o.attempts,
                       o.next_attempt_at, o.last_error
                from outbox_message o left join request r on r.id = o.request_id
                where o.status = ? and o.message_id is not null order by o.created_at desc limit ?
                """)
                .params(status, limit)
                .query((rs, n) -> new Outbound(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class),
                        rs.getObject("request_id", UUID.class), rs.getString("reference"), rs.getString("destination"), rs.getString("type"),
                        rs.getLong("seq"), rs.getString("status"), instant(rs, "created_at"), rs.getInt("attempts"),
                        instant(rs, "next_attempt_at"), rs.getString("last_error")))
                .list();
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>(Map.of("PENDING", 0L, "DELIVERED", 0L, "DEAD", 0L));
        jdbc.sql("select status, count(*) as n from outbox_message where message_id is not null group by status")
                .query((rs, n) -> counts.put(rs.getString("status"), rs.getLong("n"))).list();
        counts.put("WAITING", jdbc.sql("select count(*) from inbox_message where applied_at is null").query(Long.class).single());
        return counts;
    }

    /** PENDING, WAITING and DEAD, each counted through its partial index, so the cost does not grow with the delivered history. */
    Map<String, Long> backlog() {
        Map<String, Long> backlog = new LinkedHashMap<>();
        backlog.put("PENDING", jdbc.sql("select count(*) from outbox_message where status = 'PENDING'").query(Long.class).single());
        backlog.put("WAITING", jdbc.sql("select count(*) from inbox_message where applied_at is null").query(Long.class).single());
        backlog.put("DEAD", deadCount());
        return backlog;
    }

    long deadCount() {
        return jdbc.sql("select count(*) from outbox_message where status = 'DEAD'").query(Long.class).single();
    }

    /** Received messages that failed when their turn came ({@link #stalled}), counted through the unapplied messages' partial index. */
    long stalledCount() {
        return jdbc.sql("select count(*) from (" + STALLED + ") s").query(Long.class).single();
    }

    /** A message received early that failed when its turn came: its conversation waits for it. */
    record Stalled(UUID message, String sender, UUID conversation, long seq, String type, java.time.Instant receivedAt, String error) {}

    /**
     * A conversation whose received messages wait for an earlier one that has not arrived: the
     * sequence number missing, how many wait behind it and since when (docs/formats/envelope.md,
     * "A refused message holds up its conversation").
     */
    record Gap(String sender, UUID conversation, String reference, long missing, long waiting, java.time.Instant since) {}

    List<Gap> gaps(int limit) {
        return jdbc.sql("""
                select m.sender, m.conversation, r.reference, c.last_applied + 1 as missing, count(*) as waiting, min(m.received_at) as since
                from inbox_message m
                join conversation c on c.request_id = m.conversation and c.peer = m.sender
                left join request r on r.id = m.conversation
                where m.applied_at is null and m.apply_error is null
                group by m.sender, m.conversation, r.reference, c.last_applied
                order by since limit ?
                """)
                .param(limit)
                .query((rs, n) -> new Gap(rs.getString("sender"), rs.getObject("conversation", UUID.class), rs.getString("reference"),
                        rs.getLong("missing"), rs.getLong("waiting"), instant(rs, "since")))
                .list();
    }

    List<Stalled> stalled(int limit) {
        return jdbc.sql(STALLED + " order by received_at limit ?").param(limit).query(TransmissionStore::stalled).list();
    }

    Optional<Stalled> stalledMessage(UUID id) {
        return jdbc.sql(STALLED + " and id = ?").param(id).query(TransmissionStore::stalled).optional();
    }

    private static final String STALLED = """
            select id, sender, conversation, seq, type, received_at, apply_error from inbox_message
            where applied_at is null and apply_error is not null
            """;

    private static Stalled stalled(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Stalled(rs.getObject("id", UUID.class), rs.getString("sender"), rs.getObject("conversation", UUID.class),
                rs.getLong("seq"), rs.getString("type"), instant(rs, "received_at"), rs.getString("apply_error"));
    }

    record Rejection(long id, java.time.Instant at, String reason, String detail, String sender, UUID message, String client) {}

    /**
     * The newest refusals of messages a trusted node signed, and beside them the newest of unverified
     * senders (anyone on the network can produce those, and they must not push the others out of view).
     */
    List<Rejection> rejections(int limit, int unverified) {
        return jdbc.sql("""
                (select id, at, reason, detail, sender, message_id, client from inbox_rejection where sender is not null
                 order by at desc, id desc limit ?)
                union all
                (select id, at, reason, detail, sender, message_id, client from inbox_rejection where sender is null
                 order by at desc, id desc limit ?)
                order by at desc, id desc
                """)
                .params(limit, unverified)
                .query((rs, n) -> new Rejection(rs.getLong("id"), instant(rs, "at"), rs.getString("reason"), rs.getString("detail"),
                        rs.getString("sender"), rs.getObject("message_id", UUID.class), rs.getString("client")))
                .list();
    }

    /** Forgets refusals older than {@code before}; returns how many. */
    int forgetRejections(java.time.Instant before) {
        return jdbc.sql("delete from inbox_rejection where at < ?").param(java.sql.Timestamp.from(before)).update();
    }

    /**
     * Puts a dead letter back in the queue. The signed message (or the envelope it was sealed alone
     * in) is kept (a peer that did store it answers with its receipt) unless it was signed too long
     * ago for the peer's replay window (by its {@code sentAt}, not the row's age), then it is signed anew.
     */
    boolean retry(UUID id, java.time.Instant now, java.time.Duration resealOlderThan) {
        return jdbc.sql("""
                update outbox_message set status = 'PENDING', attempts = 0, next_attempt_at = ?, claimed_until = null, claim = null,
                    envelope = case when coalesce(signed_at, created_at) < ? then null else envelope end,
                    envelope_digest = case when coalesce(signed_at, created_at) < ? then null else envelope_digest end,
                    signed_message = case when coalesce(signed_at, created_at) < ? then null else signed_message end,
                    signed_at = case when coalesce(signed_at, created_at) < ? then null else signed_at end
                where id = ? and status = 'DEAD'
                """)
                .params(org.comity.node.platform.Sql.ts(now), org.comity.node.platform.Sql.ts(now.minus(resealOlderThan)),
                        org.comity.node.platform.Sql.ts(now.minus(resealOlderThan)), org.comity.node.platform.Sql.ts(now.minus(resealOlderThan)),
                        org.comity.node.platform.Sql.ts(now.minus(resealOlderThan)), id)
                .update() == 1;
    }
}
