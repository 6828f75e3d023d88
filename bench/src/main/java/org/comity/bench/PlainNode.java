package org.comity.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference of {@code ./comity bench federation}: the same two-node exchange as plain HTTP and
 * JSON, with nothing of Comity's security. One process per side, started by the driver with the
 * node's JVM options, storing in its own database on the Comity node's embedded PostgreSQL (same
 * server, same fsync). What it does per request:
 *
 * <ol>
 *   <li>{@code POST /requests} from a client, body the request document: inserts a draft; answers
 *       201 with its id. Then {@code POST /requests/{id}/submit}: one transaction marks it submitted
 *       and inserts the outgoing {@code request.submitted} message (status PENDING); answers 200.
 *       Or both in one: {@code POST /requests?submit=true} inserts the request submitted and the
 *       outgoing message in one transaction; answers 201 with its id (what the driver uses, as it
 *       uses {@code ?submit=true} on the Comity node).
 *       The message's payload is the one Comity sent in the run's warm-up.
 *   <li>One of four sender threads (Comity's default delivery concurrency) posts the message JSON to
 *       the peer's {@code POST /messages}; on 200 marks it DELIVERED.
 *   <li>The peer parses it and, in one transaction, inserts it into its inbox, inserts the request
 *       row (stamped delivered now) and queues a {@code request.event} (DELIVERED, its {@code at}
 *       that stamp) back; answers 200 with the message id.
 *   <li>The requesting side stores that event in its inbox and sets the request's delivered time.
 * </ol>
 *
 * <p>What it does not do: authenticate clients, sign, encrypt, verify, issue or check receipts,
 * record events, audit, projections or deadlines, order conversations, or deduplicate beyond the
 * message id. Retries are in memory (the outbox row is kept, but not re-read after a crash).
 */
public final class PlainNode {

    private static final int POOL = 10; // Hikari's default, as the node's
    private static final int SENDERS = 4; // comity.exchange.delivery-threads default

    private final String self;
    private final String peer;
    private final URI peerInbox;
    private final JsonNode replyTemplate;
    private final String submittedPayload;
    private final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(POOL);
    private final LinkedBlockingQueue<Outgoing> outgoing = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();

    private record Outgoing(UUID id, String message, int attempts) {}

    private PlainNode(String self, String peer, URI peerInbox, JsonNode replyTemplate, String submittedPayload) {
        this.self = self;
        this.peer = peer;
        this.peerInbox = peerInbox;
        this.replyTemplate = replyTemplate;
        this.submittedPayload = submittedPayload;
    }

    /**
     * {@code --id XA --peer XB --port N --peer-url URL --db-port N --db-password-file F
     * --submitted-payload F --reply-payload F}: the payloads of the messages to send, as JSON files.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        JsonNode reply = Api.JSON.readTree(Files.readString(Path.of(a.get("reply-payload"))));
        String submitted = Api.JSON.readTree(Files.readString(Path.of(a.get("submitted-payload")))).toString();
        PlainNode node = new PlainNode(a.get("id"), a.get("peer"), URI.create(a.get("peer-url").replaceAll("/+$", "") + "/messages"), reply,
                submitted);
        String password = Files.readString(Path.of(a.get("db-password-file"))).strip();
        node.connect(Integer.parseInt(a.get("db-port")), password);
        node.serve(Integer.parseInt(a.get("port")));
    }

    private void connect(int dbPort, String password) throws SQLException {
        String server = "jdbc:postgresql://127.0.0.1:" + dbPort + "/";
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", password);
                var st = c.createStatement()) {
            ResultSet rs = st.executeQuery("select 1 from pg_database where datname = 'plain_reference'");
            if (!rs.next()) {
                st.execute("create database plain_reference encoding 'UTF8' template template0");
            }
        }
        for (int i = 0; i < POOL; i++) {
            Connection c = DriverManager.getConnection(server + "plain_reference", "postgres", password);
            if (i == 0) {
                try (var st = c.createStatement()) {
                    st.execute("""
                            create table if not exists plain_request (
                                id uuid primary key, origin text not null, body jsonb not null, status text not null,
                                submitted_at timestamptz, delivered_at timestamptz);
                            create table if not exists plain_outbox (
                                id uuid primary key, request_id uuid not null, destination text not null, type text not null,
                                seq bigint not null, message jsonb not null, status text not null, created_at timestamptz not null,
                                delivered_at timestamptz);
                            create table if not exists plain_inbox (
                                id uuid primary key, sender text not null, conversation uuid not null, seq bigint not null,
                                type text not null, payload jsonb not null, received_at timestamptz not null,
                                unique (sender, conversation, seq));
                            """);
                }
            }
            c.setAutoCommit(false);
            pool.add(c);
        }
    }

    private void serve(int port) throws IOException {
        for (int i = 0; i < SENDERS; i++) {
            Thread.ofPlatform().name("plain-sender-" + i).daemon(true).start(this::sendLoop);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.createContext("/requests", ex -> handle(ex, () -> {
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("POST")) {
                return read(ex);
            }
            if (path.endsWith("/submit")) {
                return submit(ex, UUID.fromString(path.split("/")[2]));
            }
            return "submit=true".equals(ex.getRequestURI().getQuery()) ? createAndSubmit(ex) : create(ex);
        }));
        server.createContext("/messages", ex -> handle(ex, () -> receive(ex)));
        server.createContext("/stats", ex -> handle(ex, () -> new Answer(200, String.format(
                "{\"submitted\":%d,\"delivered\":%d,\"received\":%d,\"pending\":%d,\"dead\":%d}",
                submitted.get(), delivered.get(), received.get(), pending.get(), dead.get()))));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor()); // as the node (spring.threads.virtual.enabled)
        server.start();
        System.out.printf("plain node %s on 127.0.0.1:%d, peer %s at %s%n", self, port, peer, peerInbox);
    }

    private record Answer(int status, String json) {}

    private interface Handler {
        Answer run() throws Exception;
    }

    private static void handle(HttpExchange ex, Handler handler) throws IOException {
        Answer answer;
        try {
            answer = handler.run();
        } catch (Exception e) {
            e.printStackTrace();
            answer = new Answer(500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
        byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(answer.status(), body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    /** A client creates a draft from its document. */
    private Answer create(HttpExchange ex) throws Exception {
        JsonNode document = Api.JSON.readTree(ex.getRequestBody().readAllBytes());
        UUID request = UUID.randomUUID();
        inTransaction(c -> update(c, "insert into plain_request (id, origin, body, status) values (?, ?, ?::jsonb, 'DRAFT')",
                request, self, document.toString()));
        return new Answer(201, "{\"id\":\"" + request + "\"}");
    }

    /** A client creates a request and submits it at once: the request, submitted, and the outgoing message, in one transaction. */
    private Answer createAndSubmit(HttpExchange ex) throws Exception {
        JsonNode document = Api.JSON.readTree(ex.getRequestBody().readAllBytes());
        UUID request = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        Instant now = Instant.now();
        String message = message(messageId, "request.submitted", request, now, peer, Api.JSON.readTree(submittedPayload));
        inTransaction(c -> {
            update(c, "insert into plain_request (id, origin, body, status, submitted_at) values (?, ?, ?::jsonb, 'SUBMITTED', ?)",
                    request, self, document.toString(), odt(now));
            queue(c, messageId, request, "request.submitted", message, now);
            return true;
        });
        submitted.incrementAndGet();
        send(new Outgoing(messageId, message, 0));
        return new Answer(201, "{\"id\":\"" + request + "\"}");
    }

    /** A client submits its draft: the status and the outgoing message, in one transaction. */
    private Answer submit(HttpExchange ex, UUID request) throws Exception {
        ex.getRequestBody().readAllBytes();
        UUID messageId = UUID.randomUUID();
        Instant now = Instant.now();
        String message = message(messageId, "request.submitted", request, now, peer, Api.JSON.readTree(submittedPayload));
        boolean found = inTransaction(c -> {
            if (update(c, "update plain_request set status = 'SUBMITTED', submitted_at = ? where id = ? and status = 'DRAFT'", odt(now), request) == 0) {
                return false;
            }
            queue(c, messageId, request, "request.submitted", message, now);
            return true;
        });
        if (!found) {
            return new Answer(404, "{}");
        }
        submitted.incrementAndGet();
        send(new Outgoing(messageId, message, 0));
        return new Answer(200, "{\"id\":\"" + request + "\",\"status\":\"SUBMITTED\"}");
    }

    /** The peer's message: stored, applied, and for a submission a DELIVERED event queued back. */
    private Answer receive(HttpExchange ex) throws Exception {
        JsonNode m = Api.JSON.readTree(ex.getRequestBody().readAllBytes());
        if (!"comity.message/1".equals(m.path("schema").asString(null)) || !self.equals(m.path("to").asString(null))
                || !peer.equals(m.path("from").asString(null))) {
            return new Answer(400, "{\"error\":\"not a message for " + self + "\"}");
        }
        UUID id = UUID.fromString(m.get("id").asString());
        UUID conversation = UUID.fromString(m.get("conversation").asString());
        String type = m.get("type").asString();
        JsonNode payload = m.get("payload");
        Instant now = Instant.now();
        Outgoing reply = inTransaction(c -> {
            int stored = update(c, """
                    insert into plain_inbox (id, sender, conversation, seq, type, payload, received_at) values (?, ?, ?, ?, ?, ?::jsonb, ?)
                    on conflict do nothing""", id, peer, conversation, m.get("seq").asLong(), type, payload.toString(), odt(now));
            if (stored == 0) {
                return null; // a resend: already applied
            }
            if (type.equals("request.submitted")) {
                update(c, "insert into plain_request (id, origin, body, status, submitted_at, delivered_at) values (?, ?, ?::jsonb, 'DELIVERED', ?, ?)",
                        conversation, peer, payload.toString(), odt(now), odt(now));
                UUID replyId = UUID.randomUUID();
                String message = message(replyId, "request.event", conversation, now, peer, deliveredEvent(now));
                queue(c, replyId, conversation, "request.event", message, now);
                return new Outgoing(replyId, message, 0);
            }
            Instant at = Instant.parse(payload.path("event").path("at").asString(now.toString()));
            update(c, "update plain_request set status = 'DELIVERED', delivered_at = ? where id = ? and delivered_at is null", odt(at), conversation);
            return new Outgoing(null, null, -1);
        });
        received.incrementAndGet();
        if (reply != null && reply.id() != null) {
            send(reply);
        } else if (reply != null) {
            delivered.incrementAndGet();
        }
        return new Answer(200, "{\"message\":\"" + id + "\",\"receivedAt\":\"" + now + "\"}");
    }

    private Answer read(HttpExchange ex) throws Exception {
        String path = ex.getRequestURI().getPath();
        UUID id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        return inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("select submitted_at, delivered_at from plain_request where id = ? and submitted_at is not null")) {
                st.setObject(1, id);
                ResultSet rs = st.executeQuery();
                if (!rs.next()) {
                    return new Answer(404, "{}");
                }
                OffsetDateTime s = rs.getObject(1, OffsetDateTime.class);
                OffsetDateTime d = rs.getObject(2, OffsetDateTime.class);
                return new Answer(200, "{\"submittedAt\":\"" + s.toInstant() + "\",\"deliveredAt\":"
                        + (d == null ? "null" : "\"" + d.toInstant() + "\"") + "}");
            }
        });
    }

    private JsonNode deliveredEvent(Instant at) {
        ObjectNode payload;
        if (replyTemplate.path("event").isObject()) {
            payload = (ObjectNode) replyTemplate.deepCopy();
        } else {
            payload = Api.JSON.createObjectNode();
            payload.putObject("event").put("type", "DELIVERED");
        }
        ObjectNode event = (ObjectNode) payload.get("event");
        event.put("id", UUID.randomUUID().toString());
        event.put("at", at.toString());
        return payload;
    }

    /** The fields of a Comity message (docs/formats/envelope.md), as plain JSON. */
    private String message(UUID id, String type, UUID conversation, Instant sentAt, String to, JsonNode payload) {
        ObjectNode m = Api.JSON.createObjectNode();
        m.put("schema", "comity.message/1");
        m.put("id", id.toString());
        m.put("type", type);
        m.put("conversation", conversation.toString());
        m.put("seq", 1);
        m.put("from", self);
        m.put("to", to);
        m.put("sentAt", sentAt.toString());
        m.set("payload", payload);
        return m.toString();
    }

    private void queue(Connection c, UUID id, UUID request, String type, String message, Instant now) throws SQLException {
        update(c, "insert into plain_outbox (id, request_id, destination, type, seq, message, status, created_at) values (?, ?, ?, ?, 1, ?::jsonb, 'PENDING', ?)",
                id, request, peer, type, message, odt(now));
    }

    private void send(Outgoing o) {
        pending.incrementAndGet();
        outgoing.add(o);
    }

    private void sendLoop() {
        while (true) {
            Outgoing o;
            try {
                o = outgoing.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(peerInbox).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(o.message())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("peer answered " + response.statusCode() + ": " + response.body());
                }
                inTransaction(c -> update(c, "update plain_outbox set status = 'DELIVERED', delivered_at = ? where id = ?", odt(Instant.now()), o.id()));
                pending.decrementAndGet();
            } catch (Exception e) {
                System.err.println("send " + o.id() + " failed: " + e);
                if (o.attempts() >= 9) {
                    dead.incrementAndGet();
                    pending.decrementAndGet();
                } else {
                    Thread.ofVirtual().start(() -> {
                        try {
                            Thread.sleep(200L << Math.min(o.attempts(), 5));
                        } catch (InterruptedException ignored) {
                            return;
                        }
                        outgoing.add(new Outgoing(o.id(), o.message(), o.attempts() + 1));
                    });
                }
            }
        }
    }

    private interface Work<T> {
        T run(Connection c) throws Exception;
    }

    private <T> T inTransaction(Work<T> work) throws Exception {
        Connection c = pool.take();
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (Exception e) {
            c.rollback();
            throw e;
        } finally {
            pool.add(c);
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        }
    }

    private static OffsetDateTime odt(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
