package org.comity.node.exchange.internal;

import static org.comity.node.platform.Sql.instant;
import static org.comity.node.platform.Sql.ts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.custody.envelope.Batches;
import org.comity.custody.envelope.EnvelopeRejected;
import org.comity.custody.envelope.Envelopes;
import org.comity.custody.envelope.Message;
import org.comity.custody.envelope.Opened;
import org.comity.custody.envelope.Receipt;
import org.comity.custody.envelope.Receipts;
import org.comity.node.directory.NodeIdentity;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.request.Proposal;
import org.comity.node.request.RemoteFile;
import org.comity.node.request.Replication;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives envelopes. An envelope is opened and checked (ARCHITECTURE.md section 4) before
 * anything is stored; then, in one transaction under the conversation's lock, the message is stored
 * once (a resend of the same message gets the same receipt; another message under a used id or
 * sequence number is a replay), and it and any messages it was waiting for are applied in sequence
 * order. The signed receipt is returned only after that transaction commits. A refused envelope
 * changes nothing; it is logged and listed for the administrator.
 */
@Service
class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final JdbcClient jdbc;
    private final InboundLimits limits;
    private final NodeIdentity identity;
    private final Replication replication;
    private final Clock clock;
    private final Envelopes.Policy policy;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final TransactionTemplate separate;

    Inbox(JdbcClient jdbc, NodeIdentity identity, Replication replication, Clock clock, ComityProperties properties,
            PlatformTransactionManager transactions, InboundLimits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.identity = identity;
        this.replication = replication;
        this.clock = clock;
        this.policy = new Envelopes.Policy(properties.node().id(), properties.exchange().clockSkew(), properties.exchange().replayWindow());
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Takes an envelope; returns the signed receipt, or throws a {@link ComityException} saying why it was refused. */
    String receive(String envelope, String client) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as stored, so a receipt signed again is dated alike
        Opened opened;
        try {
            opened = Envelopes.open(envelope, identity.keyring(), identity.peerKeys(), policy, now);
        } catch (EnvelopeRejected e) {
            throw refused(new Rejection(e.reason().name(), e.getMessage(), e.signer(), null), client);
        }
        Message message = opened.message();
        try {
            return transaction.execute(tx -> store(opened, now));
        } catch (Refusal e) {
            throw refused(new Rejection(e.reason, e.getMessage(), message), client);
        } catch (Wire.PayloadException e) {
            throw refused(new Rejection("INVALID_CONTENT", e.getMessage(), message), client);
        } catch (ComityException e) {
            if (e.status() == 503) {
                // Not yet (an authority the trust list in force does not name yet): nothing was kept; the sender tries again.
                log.info("Message {} from {} cannot be taken yet: {}", message.id(), message.from(), e.getMessage());
                throw new ComityException(503, "unavailable", e.getMessage() + " Send it again later.");
            }
            String detail = e.getMessage() + (e.fieldProblems().isEmpty() ? "" : " " + e.fieldProblems().stream()
                    .map(p -> p.field() + ": " + p.message()).toList());
            String reason = e.status() == 409 ? "CONFLICT" : "INVALID_CONTENT";
            throw refused(new Rejection(reason, detail, message), client);
        } catch (RuntimeException e) {
            // Not a verdict on the message (a lock conflict, say): nothing was committed; it comes again, as in a batch.
            log.warn("Message {} from {} could not be taken now; the sender will try again", message.id(), message.from(), e);
            throw new ComityException(503, "unavailable", "The message could not be taken now; send it again.");
        }
    }

    /**
     * Takes a batch (docs/formats/envelope.md, "Batches"): refused whole for its outer layer, a
     * first message no trusted node signed, or messages of two nodes; otherwise each message is
     * checked and stored on its own, all in one transaction with a
     * savepoint per message, taken in the order of their conversations so that concurrent batches
     * lock conversations in the same order. The answer, sent only after the commit, has each
     * message's receipt or why it was refused; a message the node could not take now is answered
     * 503 and comes again.
     */
    BatchAnswer receiveBatch(String batch, String client) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as stored, so a receipt signed again is dated alike
        List<Batches.Entry> entries;
        try {
            entries = Batches.open(batch, identity.keyring(), identity.peerKeys(), policy, now);
        } catch (EnvelopeRejected e) {
            throw refused(new Rejection(e.reason().name(), e.getMessage(), e.signer(), null), client);
        }
        BatchAnswer.Result[] results = new BatchAnswer.Result[entries.size()];
        List<Rejection> rejections = new ArrayList<>();
        for (Batches.Entry entry : entries) {
            if (!entry.accepted()) {
                EnvelopeRejected e = entry.refused();
                if (rejections.size() < RECORDED) {
                    log.warn("Batch message {} refused ({}): {}", entry.index(), e.reason(), e.getMessage());
                }
                results[entry.index()] = BatchAnswer.Result.refused(null, status(e.reason().name()), code(e.reason().name()), e.getMessage());
                rejections.add(new Rejection(e.reason().name(), "batch message " + entry.index() + ": " + e.getMessage(), e.signer(), null));
            }
        }
        List<Batches.Entry> accepted = entries.stream().filter(Batches.Entry::accepted)
                .sorted(Comparator.comparing((Batches.Entry e) -> e.opened().message().from())
                        .thenComparing(e -> e.opened().message().conversation())
                        .thenComparingLong(e -> e.opened().message().seq()))
                .toList();
        int outer = rejections.size();
        try {
            if (!accepted.isEmpty()) {
                storeAll(accepted, results, rejections, now);
            }
        } catch (RuntimeException e) {
            // Nothing of the batch was kept: the refusals decided while storing are decided again when it comes back.
            rejections.subList(outer, rejections.size()).clear();
            throw e;
        } finally {
            record(rejections, client);
        }
        return new BatchAnswer(List.of(results));
    }

    /** The accepted messages of a batch in one transaction, a savepoint each; a batch that cannot commit is a 503 as a whole. */
    private void storeAll(List<Batches.Entry> accepted, BatchAnswer.Result[] results, List<Rejection> rejections, Instant now) {
        try {
            transaction.executeWithoutResult(tx -> {
                for (Batches.Entry entry : accepted) {
                    Message m = entry.opened().message();
                    try {
                        String receipt = savepoint.execute(inner -> store(entry.opened(), now));
                        results[entry.index()] = BatchAnswer.Result.receipted(m.id(), receipt);
                    } catch (Refusal e) {
                        results[entry.index()] = refusal(m, e.reason, e.getMessage(), rejections);
                    } catch (Wire.PayloadException e) {
                        results[entry.index()] = refusal(m, "INVALID_CONTENT", e.getMessage(), rejections);
                    } catch (ComityException e) {
                        if (e.status() == 503) {
                            log.info("Message {} from {} cannot be taken yet: {}", m.id(), m.from(), e.getMessage());
                            results[entry.index()] = BatchAnswer.Result.refused(m.id(), 503, "unavailable", e.getMessage() + " Send it again later.");
                            continue;
                        }
                        String detail = e.getMessage() + (e.fieldProblems().isEmpty() ? "" : " " + e.fieldProblems().stream()
                                .map(p -> p.field() + ": " + p.message()).toList());
                        results[entry.index()] = refusal(m, e.status() == 409 ? "CONFLICT" : "INVALID_CONTENT", detail, rejections);
                    } catch (RuntimeException e) {
                        // Not a verdict on the message (a lock conflict, say): rolled back to its savepoint; it comes again.
                        log.warn("Message {} from {} could not be taken now; the sender will try again", m.id(), m.from(), e);
                        results[entry.index()] = BatchAnswer.Result.refused(m.id(), 503, "unavailable",
                                "The message could not be taken now; send it again.");
                    }
                }
            });
        } catch (RuntimeException e) {
            log.error("A batch of {} message(s) could not be committed; the sender will try again", accepted.size(), e);
            throw new ComityException(503, "unavailable", "The batch could not be taken now; send it again.");
        }
    }

    /** A message of a batch refused by the checks of the inbox or of the request; recorded after the batch. */
    private BatchAnswer.Result refusal(Message m, String reason, String detail, List<Rejection> rejections) {
        log.warn("Batch message refused ({}) from {} message {}: {}", reason, m.from(), m.id(), detail);
        rejections.add(new Rejection(reason, detail, m));
        return BatchAnswer.Result.refused(m.id(), status(reason), code(reason), "The message was refused: " + detail);
    }

    /** A refusal to record: the sender only when a trusted node's signature was verified, the message id only when it was read. */
    private record Rejection(String reason, String detail, String sender, UUID message) {

        Rejection(String reason, String detail, Message message) {
            this(reason, detail, message == null ? null : message.from(), message == null ? null : message.id());
        }
    }

    /** Refusals of one batch recorded (and logged) one by one, at most; the rest in one row that counts them. */
    static final int RECORDED = 16;

    private void record(List<Rejection> all, String client) {
        if (all.isEmpty()) {
            return;
        }
        List<Rejection> recorded = all.size() <= RECORDED ? all : capped(all);
        try {
            separate.executeWithoutResult(tx -> {
                for (Rejection r : recorded) {
                    jdbc.sql("insert into inbox_rejection (at, reason, detail, sender, message_id, client) values (?, ?, ?, ?, ?, ?)")
                            .params(ts(clock.instant()), r.reason(), r.detail().length() > 2000 ? r.detail().substring(0, 2000) : r.detail(),
                                    r.sender(), r.message(), client)
                            .update();
                }
            });
        } catch (RuntimeException e) {
            log.error("Could not record the refusal of {} message(s)", all.size(), e);
        }
    }

    /** The first {@link #RECORDED} refusals, and one that counts the rest. */
    private static List<Rejection> capped(List<Rejection> all) {
        Rejection next = all.get(RECORDED);
        List<Rejection> capped = new ArrayList<>(all.subList(0, RECORDED));
        capped.add(new Rejection(next.reason(), (all.size() - RECORDED) + " more message(s) of the batch refused, the first of them: "
                + next.detail(), next.sender(), next.message()));
        return capped;
    }

    private static int status(String reason) {
        return switch (reason) {
            case "MALFORMED" -> 400;
            case "REPLAYED", "CONFLICT" -> 409;
            default -> 422;
        };
    }

    private static String code(String reason) {
        return reason.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String store(Opened opened, Instant now) {
        Message m = opened.message();
        // The conversation's row, created if new and locked either way: it serialises the conversation.
        long lastApplied = jdbc.sql("""
                insert into conversation (request_id, peer) values (?, ?)
                on conflict (request_id, peer) do update set last_applied = conversation.last_applied
                returning last_applied
                """)
                .params(m.conversation(), m.from()).query(Long.class).single();
        String sha = org.comity.node.platform.Sha256.hex(m.canonicalBytes());
        if (m.seq() > lastApplied) {
            boolean next = m.seq() == lastApplied + 1;
            if (!next) {
                // Kept and receipted before its turn: what can be judged now is, so that a message no node could apply is
                // refused to its sender (a dead letter there) rather than receipted and left to hold the conversation here.
                if (m.seq() > lastApplied + MAX_AHEAD) {
                    throw new Refusal("INVALID_CONTENT", "message " + m.seq() + " of conversation " + m.conversation() + " is more than "
                            + MAX_AHEAD + " ahead of the last applied (" + lastApplied + ")");
                }
                dispatch(READ_ONLY, m.from(), m.conversation(), m.type(), m.payload());
            }
            String receipt = Receipts.sign(Receipt.of(opened, policy.self(), now), identity.signingKey());
            // A new message, the usual case, is stored in one statement, marked applied if it is next: should applying it
            // fail, the message's transaction (or savepoint) rolls back with it and it is refused.
            int stored = jdbc.sql("""
                    insert into inbox_message (id, sender, conversation, seq, type, message_sha256, envelope_digest, signer_kid, signed_message,
                        payload, received_at, receipt, applied_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                    on conflict do nothing
                    """)
                    .params(m.id(), m.from(), m.conversation(), m.seq(), m.type(), sha, opened.digest(), opened.signerKid(),
                            opened.signedMessage(), Wire.json(m.payload()), ts(now), receipt, next ? ts(now) : null)
                    .update();
            if (stored == 1) {
                if (next) {
                    apply(m.from(), m.conversation(), m.type(), m.payload());
                    long applied = applyWaiting(m.from(), m.conversation(), m.seq(), now);
                    jdbc.sql("update conversation set last_applied = ? where request_id = ? and peer = ?")
                            .params(applied, m.conversation(), m.from()).update();
                }
                return receipt;
            }
        }
        return again(opened, sha);
    }

    /** How far ahead of the last applied message one may arrive: farther is not a sender that lost a few. */
    static final long MAX_AHEAD = 1_000;

    /** Reads a payload as applying it would, and applies nothing: for messages kept until their turn. */
    private static final Replication READ_ONLY = new Replication() {
        @Override
        public Submission submission(UUID requestId, RequestEvent submitted) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<RemoteFile> file(UUID requestId, UUID attachmentId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void receive(String sender, Submission submission) {}

        @Override
        public void record(String sender, UUID requestId, RequestEvent event, RemoteFile file) {}

        @Override
        public void propose(String sender, UUID requestId, Proposal proposal, RemoteFile file) {}

        @Override
        public void refused(String sender, UUID requestId, UUID proposalId, String reason) {}
    };

    /** A message whose id or place in its conversation was taken: the same message again, or a replay. */
    private String again(Opened opened, String sha) {
        Message m = opened.message();
        Optional<Stored> same = jdbc.sql("select message_sha256, envelope_digest, receipt, received_at from inbox_message where id = ?")
                .param(m.id())
                .query((rs, n) -> new Stored(rs.getString("message_sha256"), rs.getString("envelope_digest"), rs.getString("receipt"),
                        instant(rs, "received_at")))
                .optional();
        if (same.isEmpty()) {
            throw new Refusal("REPLAYED", "message " + m.seq() + " of conversation " + m.conversation() + " was already received");
        }
        if (!same.get().sha().equals(sha)) {
            throw new Refusal("REPLAYED", "message " + m.id() + " was already received with different content");
        }
        // The sender did not get our receipt: nothing is applied twice. The same bytes again get the same receipt; the same
        // message in other bytes (an envelope, then a batch) gets one naming what it came in this time, dated when it first
        // arrived.
        if (same.get().digest().equals(opened.digest()) && signedByAKeyInUse(same.get().receipt())) {
            return same.get().receipt();
        }
        // Other bytes, or a receipt signed with a key this node has retired since (which the sender could no longer
        // verify): a receipt signed now, dated when the message first arrived.
        return Receipts.sign(Receipt.of(opened, policy.self(), same.get().receivedAt()), identity.signingKey());
    }

    private boolean signedByAKeyInUse(String receipt) {
        Instant now = clock.instant();
        String kid = Envelopes.signerKid(receipt);
        return identity.keys().stream().anyMatch(k -> k.use().equals("sig") && k.validAt(now) && k.kid().equals(kid));
    }

    /**
     * Applies again the messages of a conversation that arrived early and failed when their turn
     * came (after the cause was fixed, say a trust list that now names an authority). Returns how
     * many were applied; the first that still fails keeps its error.
     */
    int reapply(String sender, UUID conversation) {
        Integer applied;
        try {
            applied = reapplyOnce(sender, conversation);
        } catch (ComityException e) {
            if (e.status() != 503) {
                throw e;
            }
            throw new ComityException(503, "unavailable", e.getMessage() + " Try again once it is.");
        } catch (org.springframework.dao.TransientDataAccessException | org.springframework.transaction.TransactionException e) {
            log.warn("Applying the waiting messages of conversation {} from {} met a passing failure", conversation, sender, e);
            throw new ComityException(503, "unavailable", "The messages could not be applied now (the database was busy); try again.");
        }
        return applied == null ? -1 : applied;
    }

    private Integer reapplyOnce(String sender, UUID conversation) {
        return transaction.execute(tx -> {
            Long last = jdbc.sql("select last_applied from conversation where request_id = ? and peer = ? for update")
                    .params(conversation, sender).query(Long.class).optional().orElse(null);
            if (last == null) {
                return -1;
            }
            long now = applyWaiting(sender, conversation, last, clock.instant());
            jdbc.sql("update conversation set last_applied = ? where request_id = ? and peer = ?").params(now, conversation, sender).update();
            return (int) (now - last);
        });
    }

    /** Applies the messages that arrived early and now follow on; one that fails stays waiting, with its error. */
    private long applyWaiting(String sender, UUID conversation, long applied, Instant now) {
        while (true) {
            long next = applied + 1;
            Optional<Waiting> waiting = jdbc.sql("select id, type, payload::text as payload from inbox_message where sender = ? and conversation = ? and seq = ?")
                    .params(sender, conversation, next)
                    .query((rs, n) -> new Waiting(rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("payload"))).optional();
            if (waiting.isEmpty()) {
                return applied;
            }
            try {
                savepoint.executeWithoutResult(tx -> apply(sender, conversation, waiting.get().type(), Wire.parse(waiting.get().payload())));
            } catch (org.springframework.dao.TransientDataAccessException | org.springframework.transaction.TransactionException e) {
                // Not a verdict on the message (a lock timeout, a deadlock): the whole transaction fails, and the message that
                // brought this one's turn comes again (503) and applies it then.
                throw e;
            } catch (ComityException e) {
                if (e.status() == 503) {
                    throw e; // not yet (an authority the trust list does not name yet): the same, until it does
                }
                log.error("Message {} from {} ({}) could not be applied; the conversation waits for an administrator", waiting.get().id(), sender,
                        waiting.get().type(), e);
                jdbc.sql("update inbox_message set apply_error = ? where id = ?").params(String.valueOf(e.getMessage()), waiting.get().id()).update();
                return applied;
            } catch (RuntimeException e) {
                log.error("Message {} from {} ({}) could not be applied; the conversation waits for an administrator", waiting.get().id(), sender,
                        waiting.get().type(), e);
                jdbc.sql("update inbox_message set apply_error = ? where id = ?").params(String.valueOf(e.getMessage()), waiting.get().id()).update();
                return applied;
            }
            markApplied(waiting.get().id(), now);
            applied = next;
        }
    }

    private void markApplied(UUID id, Instant now) {
        jdbc.sql("update inbox_message set applied_at = ?, apply_error = null where id = ?").params(ts(now), id).update();
    }

    private void apply(String sender, UUID conversation, String type, Map<String, Object> payload) {
        dispatch(replication, sender, conversation, type, payload);
    }

    /**
     * Reads a message's payload for its type and hands it to {@code target}. Anything a peer could
     * send that does not fit is a {@link Wire.PayloadException} or a refusal, never another error
     * (fuzzed in InboxPayloadFuzzTest).
     */
    static void dispatch(Replication target, String sender, UUID conversation, String type, Map<String, Object> payload) {
        Replication replication = target;
        switch (type) {
            case Outbox.SUBMITTED -> {
                Submission submission = Wire.read(payload.get("submission"), Submission.class, "submission");
                sameConversation(conversation, submission.id());
                replication.receive(sender, submission);
            }
            case Outbox.EVENT -> replication.record(sender, request(payload, conversation),
                    Wire.read(payload.get("event"), RequestEvent.class, "event"), file(payload));
            case Outbox.PROPOSAL -> replication.propose(sender, request(payload, conversation),
                    Wire.read(payload.get("proposal"), Proposal.class, "proposal"), file(payload));
            case Outbox.PROPOSAL_REFUSED -> replication.refused(sender, request(payload, conversation),
                    Wire.read(payload.get("proposal"), UUID.class, "proposal"), Wire.read(payload.get("reason"), String.class, "reason"));
            default -> throw new Refusal("UNSUPPORTED", "this node does not know messages of type " + type);
        }
    }

    private static UUID request(Map<String, Object> payload, UUID conversation) {
        UUID id = Wire.read(payload.get("request"), UUID.class, "request");
        sameConversation(conversation, id);
        return id;
    }

    private static RemoteFile file(Map<String, Object> payload) {
        return payload.get("file") == null ? null : Wire.read(payload.get("file"), RemoteFile.class, "file");
    }

    private static void sameConversation(UUID conversation, UUID request) {
        if (!conversation.equals(request)) {
            throw new Wire.PayloadException("the payload is about request " + request + " but the message's conversation is " + conversation);
        }
    }

    private ComityException refused(Rejection rejection, String client) {
        String reason = rejection.reason();
        if (limits.recordRefusal(rejection.sender() != null)) {
            log.warn("Envelope refused ({}) from {}{}: {}", reason, rejection.sender() == null ? "an unverified sender" : rejection.sender(),
                    rejection.message() == null ? "" : " message " + rejection.message(), rejection.detail());
            record(List.of(rejection), client);
        }
        return new ComityException(status(reason), code(reason), "The envelope was refused: " + rejection.detail());
    }

    private record Stored(String sha, String digest, String receipt, Instant receivedAt) {}

    private record Waiting(UUID id, String type, String payload) {}

    /** A refusal decided while storing: the transaction rolls back. */
    static final class Refusal extends RuntimeException {
        final String reason;

        Refusal(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    static String ascii(byte[] body) {
        return new String(body, StandardCharsets.US_ASCII);
    }
}
