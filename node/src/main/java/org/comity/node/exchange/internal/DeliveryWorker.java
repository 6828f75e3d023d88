package org.comity.node.exchange.internal;

import static org.comity.node.platform.Sql.instant;
import static org.comity.node.platform.Sql.ts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.comity.custody.envelope.Batches;
import org.comity.custody.envelope.EnvelopeRejected;
import org.comity.custody.envelope.Envelopes;
import org.comity.custody.envelope.Message;
import org.comity.custody.envelope.Receipt;
import org.comity.custody.envelope.Receipts;
import org.comity.custody.json.Json;
import org.comity.node.directory.Federation;
import org.comity.node.directory.NodeIdentity;
import org.comity.node.platform.ComityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds. Work is claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so
 * several instances of a node can share its database and a crashed instance's claims run out.
 * What is due for one peer goes in batches (docs/formats/envelope.md, "Batches"): one key
 * agreement, one HTTP call and one transaction on the peer for up to {@code batch-size} messages.
 * A message is signed once and resent byte for byte in whatever batch carries it next, so the peer
 * recognises a duplicate and answers with the receipt it already gave. A message counts as
 * delivered only with a receipt that verifies; failures wait (doubling, with jitter) and, after
 * the configured number of attempts or at once when the peer refuses the message as such (4xx),
 * become dead letters. Messages sealed alone before batches existed are sent alone, as they were.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int CLAIM = 256;
    /** A batch stops growing at this much message content, so that it stays well under the 32 Mi characters a peer takes. */
    private static final int BATCH_CHARS = 12 * 1024 * 1024;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Federation federation;
    private final NodeIdentity identity;
    private final Clock clock;
    private final ComityProperties.Exchange settings;
    private final String self;
    private final Semaphore wake = new Semaphore(0);
    private final Semaphore inFlight;
    private final PeerSlots slots;
    private final HttpClient http;
    private volatile Thread thread;
    private volatile boolean running;

    DeliveryWorker(JdbcClient jdbc, JdbcTemplate template, Federation federation, NodeIdentity identity, Clock clock,
            ComityProperties properties) {
        this.jdbc = jdbc;
        this.template = template;
        this.federation = federation;
        this.identity = identity;
        this.clock = clock;
        this.settings = properties.exchange();
        this.self = properties.node().id();
        this.inFlight = new Semaphore(settings.deliveryThreads());
        this.slots = new PeerSlots(settings.batchesPerPeer());
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Called after a transaction that queued messages commits: send now rather than at the next poll. */
    void wake() {
        wake.release();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("comity-delivery").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
                // Let sends in flight finish (or time out) so their outcome is recorded.
                inFlight.tryAcquire(settings.deliveryThreads(), settings.peerTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                List<Claimed> claimed = claim(slots.full());
                if (claimed.isEmpty()) {
                    if (slots.idle()) {
                        wake.tryAcquire(1, TimeUnit.SECONDS);
                    } else {
                        // What is due is most likely for a peer with a batch in flight: claiming again at each new
                        // message would scan that backlog for nothing. Wait for the batch's answer (or, for other
                        // peers' messages, at most 100 ms); the backlog then goes in one batch.
                        slots.awaitRelease(Duration.ofMillis(100));
                    }
                    wake.drainPermits();
                    continue;
                }
                for (Claimed message : claimed) {
                    if (message.sealedAlone()) {
                        inFlight.acquire();
                        guarded(() -> send(message), "message " + message.messageId()).whenComplete((ok, e) -> {
                            inFlight.release();
                            unexpected(e, "message " + message.messageId());
                        });
                    }
                }
                List<UUID> later = new ArrayList<>();
                for (List<Claimed> batch : batches(claimed.stream().filter(m -> !m.sealedAlone()).toList(),
                        settings.batchSize())) {
                    String peer = batch.getFirst().destination();
                    if (!slots.take(peer)) {
                        batch.forEach(m -> later.add(m.id())); // more than a batch was due: the rest goes with the next
                        continue;
                    }
                    try {
                        inFlight.acquire();
                    } catch (InterruptedException e) {
                        slots.release(peer);
                        throw e;
                    }
                    guarded(() -> sendBatch(batch), "a batch to " + peer).whenComplete((ok, e) -> {
                        inFlight.release();
                        slots.release(peer);
                        unexpected(e, "a batch to " + peer);
                    });
                }
                if (!later.isEmpty()) {
                    jdbc.sql("update outbox_message set claimed_until = null, claim = null where id = any(?) and claim = ?")
                            .params(later.toArray(UUID[]::new), claimed.getFirst().claim()).update();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("The delivery worker failed; it tries again in a second", e);
                sleep();
            }
        }
    }

    /** A send whose recording failed (the database down, say): its messages stay claimed until their lease runs out. */
    private static void unexpected(Throwable e, String what) {
        if (e != null) {
            log.error("Recording the answer to {} failed; it is tried again when its lease runs out", what, e);
        }
    }

    /**
     * A send that fails before it is under way (the database down while recording a failure, an
     * endpoint that is not a URL) still completes, so that its permits are given back; its
     * messages stay claimed until their lease runs out and are then tried again.
     */
    private CompletableFuture<Void> guarded(java.util.function.Supplier<CompletableFuture<Void>> send, String what) {
        try {
            return send.get();
        } catch (RuntimeException e) {
            log.error("Sending {} failed before it left; it is tried again when its lease runs out", what, e);
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Messages due now for peers other than {@code skip} (those with their batches in flight),
     * leased to this instance; a conversation's messages in their order.
     */
    List<Claimed> claim(Set<String> skip) {
        Instant now = clock.instant();
        UUID claim = UUID.randomUUID();
        // Leases are read and written by the database's clock, which every instance shares (their own clocks may differ).
        return jdbc.sql("""
                update outbox_message o set claimed_until = now() + make_interval(secs => ?), claim = ?
                where o.id in (select id from outbox_message
                               where status = 'PENDING' and next_attempt_at <= ? and (claimed_until is null or claimed_until < now())
                                 and destination <> all(?)
                               order by next_attempt_at, created_at limit ? for update skip locked)
                returning o.id, o.message_id, o.request_id, o.destination, o.type, o.seq, o.payload::text as payload, o.envelope,
                          o.signed_message, o.envelope_digest, o.attempts, o.created_at
                """)
                .params(settings.lease().toMillis() / 1000.0, claim, ts(now), skip.toArray(String[]::new), CLAIM)
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class),
                        rs.getObject("request_id", UUID.class), rs.getString("destination"), rs.getString("type"), rs.getLong("seq"),
                        rs.getString("payload"), rs.getString("envelope"), rs.getString("signed_message"), rs.getString("envelope_digest"),
                        rs.getInt("attempts"), instant(rs, "created_at"), claim))
                .list().stream()
                .sorted(Comparator.comparing(Claimed::createdAt).thenComparing(Claimed::seq))
                .toList();
    }

    /**
     * @param envelope the envelope the message was sealed alone in, before batches (then {@code signed} is null)
     * @param signed the signed message (compact JWS) once a batch carried it
     * @param digest the digest the peer's receipt names: of {@code envelope}, or of {@code signed}
     */
    record Claimed(UUID id, UUID messageId, UUID request, String destination, String type, long seq, String payload, String envelope,
            String signed, String digest, int attempts, Instant createdAt, UUID claim) {

        /** Sealed alone in an envelope before batches existed: sent alone, the same bytes each time. */
        boolean sealedAlone() {
            return envelope != null && signed == null;
        }
    }

    /** Claimed messages in batches: per peer, in the claimed order, at most {@code size} messages and about {@link #BATCH_CHARS} of content each. */
    static List<List<Claimed>> batches(List<Claimed> claimed, int size) {
        Map<String, List<List<Claimed>>> byPeer = new LinkedHashMap<>();
        Map<String, Long> chars = new HashMap<>();
        for (Claimed m : claimed) {
            List<List<Claimed>> peer = byPeer.computeIfAbsent(m.destination(), d -> new ArrayList<>());
            long length = m.signed() != null ? m.signed().length() : m.payload().length();
            if (peer.isEmpty() || peer.getLast().size() >= size || chars.get(m.destination()) + length > BATCH_CHARS) {
                peer.add(new ArrayList<>());
                chars.put(m.destination(), 0L);
            }
            peer.getLast().add(m);
            chars.merge(m.destination(), length, Long::sum);
        }
        return byPeer.values().stream().flatMap(List::stream).toList();
    }

    private CompletableFuture<Void> sendBatch(List<Claimed> batch) {
        String destination = batch.getFirst().destination();
        Federation.Peer peer = federation.peer(destination).orElse(null);
        if (peer == null) {
            batch.forEach(m -> failed(m, "node " + destination + " has no valid encryption key in the trust list in force", false));
            return CompletableFuture.completedFuture(null);
        }
        List<Claimed> sending = new ArrayList<>(batch.size());
        List<String> signed = new ArrayList<>(batch.size());
        List<String> digests = new ArrayList<>(batch.size());
        List<Object[]> firstSigned = new ArrayList<>();
        List<Integer> firstAt = new ArrayList<>(); // where in the batch each of firstSigned goes
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Set<String> usable = identity.keys().stream().filter(k -> k.use().equals("sig") && k.validAt(now))
                .map(org.comity.node.directory.NodeKeyInfo::kid).collect(java.util.stream.Collectors.toUnmodifiableSet());
        for (Claimed m : batch) {
            String jws = m.signed();
            String digest = m.digest();
            if (jws != null && !usable.contains(Envelopes.signerKid(jws))) {
                // Signed with a key this node has retired since: the same message bytes signed again with the key in use,
                // which a peer that has it already takes for the same message.
                try {
                    String again = Envelopes.resign(jws, identity.signingKey());
                    digest = Envelopes.digest(again);
                    firstSigned.add(new Object[] {again, digest, null, m.id(), m.claim(), jws}); // the same sentAt
                    firstAt.add(sending.size());
                    jws = again;
                } catch (RuntimeException e) {
                    log.error("Message {} to {} could not be signed again", m.messageId(), m.destination(), e);
                    failed(m, "could not be signed again: " + e.getMessage(), false);
                    continue;
                }
            }
            if (jws == null) {
                try {
                    Message message = new Message(m.messageId(), m.type(), m.request(), m.seq(), self, m.destination(), now,
                            Wire.parse(m.payload()));
                    jws = Envelopes.sign(message, identity.signingKey());
                    digest = Envelopes.digest(jws);
                    firstSigned.add(new Object[] {jws, digest, ts(now), m.id(), m.claim(), null});
                    firstAt.add(sending.size());
                } catch (RuntimeException e) {
                    log.error("Message {} to {} could not be signed", m.messageId(), m.destination(), e);
                    failed(m, "could not be signed: " + e.getMessage(), false); // the database or a key, not the message: again later
                    continue;
                }
            }
            sending.add(m);
            signed.add(jws);
            digests.add(digest);
        }
        if (sending.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String envelope;
        try {
            if (!firstSigned.isEmpty()) {
                // Kept before sending: every later attempt sends these bytes, whatever batch carries them.
                int[] kept = template.batchUpdate("""
                        update outbox_message set signed_message = ?, envelope_digest = ?, signed_at = coalesce(?, signed_at)
                        where id = ? and claim = ? and signed_message is not distinct from ?
                        """, firstSigned);
                // A message another instance has taken over since our lease ran out is no longer ours to send: its answer
                // would not be ours to record.
                for (int i = kept.length - 1; i >= 0; i--) {
                    if (kept[i] == 0) {
                        int at = firstAt.get(i);
                        sending.remove(at);
                        signed.remove(at);
                        digests.remove(at);
                    }
                }
                if (sending.isEmpty()) {
                    return CompletableFuture.completedFuture(null);
                }
            }
            envelope = Batches.seal(signed, peer.encryptionKey());
        } catch (RuntimeException e) {
            log.error("A batch of {} message(s) to {} could not be sealed", sending.size(), destination, e);
            sending.forEach(m -> failed(m, "could not be sealed: " + e.getMessage(), false));
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(peer.endpoint().toString().replaceAll("/+$", "") + "/federation/v1/batches"))
                .timeout(settings.peerTimeout())
                .header("Content-Type", "application/jose")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(envelope))
                .build();
        return exchange(request)
                .thenCompose(response -> {
                    if (ALONE.contains(response.statusCode())) {
                        // A peer that does not take batches (an older node, a proxy that lets only envelopes through or
                        // takes less): each message goes alone in an envelope around the same signed bytes.
                        log.info("Node {} answered HTTP {} to a batch; its {} message(s) go alone", destination, response.statusCode(), sending.size());
                        return alone(sending, signed, peer);
                    }
                    if (signatureRefused(response.statusCode(), response.body())) {
                        // The peer does not know (yet, or no longer) the key the first is signed with, or a signature does not
                        // match, and refuses the batch whole for it: each goes alone, to get the verdict it would get alone.
                        log.warn("Node {} refused a batch for a signature it does not trust; its {} message(s) go alone", destination, sending.size());
                        return alone(sending, signed, peer);
                    }
                    answeredBatch(sending, digests, response);
                    return CompletableFuture.completedFuture(null);
                })
                .exceptionally(e -> {
                    sending.forEach(m -> failed(m, "no answer from " + destination + ": " + rootMessage(e), false));
                    return null;
                });
    }

    /** A batch refused whole because a message in it is not signed by a key the peer trusts now (docs/formats/envelope.md, "Batches"). */
    static boolean signatureRefused(int status, String body) {
        String code = status == 422 ? problemCode(body) : null;
        return BatchAnswer.KEY_NOT_KNOWN_YET.equals(code) || "bad-signature".equals(code);
    }

    /**
     * The code of a problem answer: the last path segment of its {@code type} ({@code /problems/<code>}
     * from a Comity node; an absolute URI such as {@code https://node.example/problems/<code>} from
     * another implementation reads the same), or null when the body is not one.
     */
    static String problemCode(String body) {
        if (body == null) {
            return null;
        }
        try {
            Object type = Json.parseObject(body, BatchAnswer.MAX_CHARS).get("type");
            if (!(type instanceof String t) || !t.contains("/problems/")) {
                return null;
            }
            String code = t.substring(t.lastIndexOf('/') + 1);
            return code.isEmpty() ? null : code;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * One HTTP exchange with a peer, bounded as a whole: the request's timeout covers only the wait
     * for the answer's headers, so an answer whose body stalls would otherwise hold the peer's slot
     * and a delivery permit for ever. Past half the peer timeout again the exchange is cancelled
     * (closing its connection) and counts as no answer; the lease is at least twice the timeout, so
     * the message is still ours when its failure is recorded.
     */
    private CompletableFuture<HttpResponse<String>> exchange(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request, BOUNDED);
        // What follows (recording the answer in the database, the next message of a chain) runs on a thread of its own,
        // never on the JDK's shared timer thread that completes a timed-out exchange.
        return sent.copy()
                .orTimeout(settings.peerTimeout().toMillis() * 3 / 2, TimeUnit.MILLISECONDS)
                .whenCompleteAsync((response, e) -> {
                    if (e != null) {
                        sent.cancel(true);
                    }
                }, AFTER_ANSWER);
    }

    private static final java.util.concurrent.Executor AFTER_ANSWER = task -> Thread.ofVirtual().name("delivery-answer").start(task);

    /** Answers to a batch that say nothing of its messages, only that the peer did not take it as a batch. */
    private static final Set<Integer> ALONE = Set.of(403, 404, 405, 413, 415);

    /** A peer's answer, read up to {@link BatchAnswer#MAX_CHARS} bytes (an answer is ASCII JSON or a receipt); the rest is not read. */
    private static final HttpResponse.BodyHandler<String> BOUNDED = info -> HttpResponse.BodySubscribers.mapping(
            HttpResponse.BodySubscribers.ofInputStream(), in -> {
                try (in) {
                    byte[] bytes = in.readNBytes(BatchAnswer.MAX_CHARS + 1);
                    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

    /**
     * Each message of a batch the peer would not take, alone in an envelope around its signed
     * bytes, one after the other; before each, the lease of those still to go is renewed, so that
     * no other instance takes them over while the ones before are answered.
     */
    private CompletableFuture<Void> alone(List<Claimed> batch, List<String> signed, Federation.Peer peer) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < batch.size(); i++) {
            Claimed m = batch.get(i);
            String jws = signed.get(i);
            UUID[] toGo = batch.subList(i, batch.size()).stream().map(Claimed::id).toArray(UUID[]::new);
            chain = chain.thenCompose(ignored -> {
                jdbc.sql("update outbox_message set claimed_until = now() + make_interval(secs => ?) where id = any(?) and status = 'PENDING' and claim = ?")
                        .params(settings.lease().toMillis() / 1000.0, toGo, m.claim()).update();
                String envelope = Envelopes.seal(jws, peer.encryptionKey());
                String digest = Envelopes.digest(envelope);
                return exchange(envelopeRequest(peer, envelope))
                        .thenAccept(response -> answered(m, envelope, digest, response))
                        .exceptionally(e -> {
                            failed(m, "no answer from " + m.destination() + ": " + rootMessage(e), false);
                            return null;
                        });
            });
        }
        return chain;
    }

    private HttpRequest envelopeRequest(Federation.Peer peer, String envelope) {
        return HttpRequest.newBuilder(URI.create(peer.endpoint().toString().replaceAll("/+$", "") + "/federation/v1/envelopes"))
                .timeout(settings.peerTimeout())
                .header("Content-Type", "application/jose")
                .header("Accept", "application/jose, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(envelope))
                .build();
    }

    private void answeredBatch(List<Claimed> batch, List<String> digests, HttpResponse<String> response) {
        String destination = batch.getFirst().destination();
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status != 200) {
            String detail = "HTTP " + status + " from " + destination + " for a batch of " + batch.size() + ": "
                    + (body.length() > 1000 ? body.substring(0, 1000) : body);
            boolean permanent = BatchAnswer.permanent(status, problemCode(body));
            batch.forEach(m -> failed(m, detail, permanent));
            return;
        }
        BatchAnswer answer;
        try {
            answer = BatchAnswer.parse(body, batch.stream().map(Claimed::messageId).toList());
        } catch (IllegalArgumentException e) {
            batch.forEach(m -> failed(m, "the answer from " + destination + " to a batch is not one: " + e.getMessage(), false));
            return;
        }
        Instant now = clock.instant();
        List<Object[]> delivered = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Claimed m = batch.get(i);
            BatchAnswer.Result result = answer.results().get(i);
            if (!result.accepted()) {
                failed(m, "HTTP " + result.status() + " (" + result.code() + ") from " + destination + ": " + result.detail(), result.permanent());
                continue;
            }
            try {
                Receipts.verify(result.receipt(), identity.peerKeys(), m.messageId(), digests.get(i), Receipt.Subject.SIGNED_MESSAGE, destination, self,
                        now);
            } catch (EnvelopeRejected e) {
                failed(m, "the receipt does not verify (" + e.reason() + "): " + e.getMessage(), false);
                continue;
            }
            delivered.add(new Object[] {result.receipt(), ts(now), digests.get(i), m.id(), m.claim()});
        }
        if (!delivered.isEmpty()) {
            template.batchUpdate("""
                    update outbox_message set status = 'DELIVERED', receipt = ?, delivered_at = ?, attempts = attempts + 1,
                        claimed_until = null, claim = null, last_error = null
                    where id = ? and status = 'PENDING' and claim = ? and envelope_digest = ?
                    """, delivered.stream().map(d -> new Object[] {d[0], d[1], d[3], d[4], d[2]}).toList());
        }
    }

    private CompletableFuture<Void> send(Claimed m) {
        Federation.Peer peer = federation.peer(m.destination()).orElse(null);
        if (peer == null) {
            failed(m, "node " + m.destination() + " has no valid encryption key in the trust list in force", false);
            return CompletableFuture.completedFuture(null);
        }
        String envelope = m.envelope();
        String digest = m.digest();
        try {
            if (envelope == null) {
                Message message = new Message(m.messageId(), m.type(), m.request(), m.seq(), self, m.destination(), clock.instant(),
                        Wire.parse(m.payload()));
                envelope = Envelopes.seal(message, identity.signingKey(), peer.encryptionKey());
                digest = Envelopes.digest(envelope);
                jdbc.sql("update outbox_message set envelope = ?, envelope_digest = ? where id = ? and envelope is null")
                        .params(envelope, digest, m.id()).update();
            }
        } catch (RuntimeException e) {
            log.error("Message {} to {} could not be sealed", m.messageId(), m.destination(), e);
            failed(m, "could not be sealed: " + e.getMessage(), false); // the database or a key, not the message: again later
            return CompletableFuture.completedFuture(null);
        }
        String sentDigest = digest;
        String sentEnvelope = envelope;
        return exchange(envelopeRequest(peer, envelope))
                .thenAccept(response -> answered(m, sentEnvelope, sentDigest, response))
                .exceptionally(e -> {
                    failed(m, "no answer from " + m.destination() + ": " + rootMessage(e), false);
                    return null;
                });
    }

    /** The answer to a message sent alone; delivered, the row keeps the envelope and digest its receipt names. */
    private void answered(Claimed m, String envelope, String digest, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200) {
            try {
                Receipts.verify(response.body(), identity.peerKeys(), m.messageId(), digest, null, m.destination(), self, clock.instant());
            } catch (EnvelopeRejected e) {
                failed(m, "the receipt does not verify (" + e.reason() + "): " + e.getMessage(), false);
                return;
            }
            jdbc.sql("""
                    update outbox_message set status = 'DELIVERED', receipt = ?, delivered_at = ?, attempts = attempts + 1,
                        claimed_until = null, claim = null, last_error = null, envelope = ?, envelope_digest = ?
                    where id = ? and status = 'PENDING' and claim = ?
                    """)
                    .params(response.body(), ts(clock.instant()), envelope, digest, m.id(), m.claim()).update();
            return;
        }
        String body = response.body() == null ? "" : response.body();
        String detail = "HTTP " + status + " from " + m.destination() + ": " + (body.length() > 1000 ? body.substring(0, 1000) : body);
        String code = problemCode(body);
        if (BatchAnswer.NOT_FOR_US_YET.equals(code) && m.sealedAlone()) {
            // Sealed to a key the peer no longer holds: the next attempt signs and seals it anew, to the key the trust list names then.
            jdbc.sql("update outbox_message set envelope = null, envelope_digest = null where id = ? and claim = ? and status = 'PENDING'")
                    .params(m.id(), m.claim()).update();
        }
        failed(m, detail, BatchAnswer.permanent(status, code));
    }

    /** Another attempt later, or a dead letter. */
    void failed(Claimed m, String error, boolean permanent) {
        int attempts = m.attempts() + 1;
        boolean dead = permanent || attempts >= settings.maxAttempts();
        Instant next = clock.instant().plus(backoff(attempts));
        if (jdbc.sql("""
                update outbox_message set attempts = ?, last_error = ?, claimed_until = null, claim = null, status = ?, next_attempt_at = ?
                where id = ? and status = 'PENDING' and claim = ?
                """)
                .params(attempts, error, dead ? "DEAD" : "PENDING", ts(next), m.id(), m.claim()).update() == 0) {
            log.info("Message {} to {}: the answer to an attempt whose claim was taken over since is not recorded: {}", m.messageId(),
                    m.destination(), error);
            return;
        }
        if (dead) {
            log.warn("Message {} ({}) to {} is a dead letter after {} attempt(s): {}", m.messageId(), m.type(), m.destination(), attempts, error);
        } else {
            log.info("Message {} to {}: attempt {} failed, next in {}: {}", m.messageId(), m.destination(), attempts,
                    Duration.between(clock.instant(), next).toSeconds() + " s", error);
        }
    }

    /** initial × 2^(attempts-1), capped, then a random point in its upper half (so peers coming back are not stampeded). */
    Duration backoff(int attempts) {
        long initial = settings.initialBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long base = Math.min(cap, initial << Math.min(attempts - 1, 30));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
