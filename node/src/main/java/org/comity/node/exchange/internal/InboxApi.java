package org.comity.node.exchange.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.comity.custody.envelope.Envelopes;
import org.comity.node.platform.ComityException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where peers deliver envelopes (docs/formats/envelope.md, "Delivery"). No user signs in here: the
 * envelope's signature is the authentication. The answer is the signed receipt, or a problem
 * document naming why the envelope was refused.
 */
@RestController
class InboxApi {

    static final MediaType JOSE = MediaType.parseMediaType("application/jose");

    private final Inbox inbox;
    private final InboundLimits limits;

    InboxApi(Inbox inbox, InboundLimits limits) {
        this.inbox = inbox;
        this.limits = limits;
    }

    @PostMapping(path = "/federation/v1/envelopes", consumes = "application/jose")
    ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
        try (Body body = read(request)) {
            String receipt = inbox.receive(body.text, request.getRemoteAddr());
            return ResponseEntity.ok().contentType(JOSE).body(receipt);
        }
    }

    /** A batch of messages (docs/formats/envelope.md, "Batches"): a result per message, or a problem refusing the whole batch. */
    @PostMapping(path = "/federation/v1/batches", consumes = "application/jose")
    ResponseEntity<String> receiveBatch(HttpServletRequest request) throws IOException {
        try (Body body = read(request)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(inbox.receiveBatch(body.text, request.getRemoteAddr()).json());
        }
    }

    /** A body read, and the room it holds in the node's budget until it has been answered. */
    private final class Body implements AutoCloseable {
        String text;
        long reserved;

        @Override
        public void close() {
            limits.release(reserved);
            reserved = 0;
        }
    }

    /**
     * The body as ASCII, refused as soon as it grows past the largest envelope (whatever
     * Content-Length said), or answered 503 when the node already holds as many bodies as it will
     * ({@link InboundLimits}); the buffer grows with what arrives, not with what was announced.
     */
    private Body read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > Envelopes.MAX_ENVELOPE_CHARS) {
            throw tooLarge();
        }
        Body body = new Body();
        try {
            byte[] buffer = new byte[64 * 1024];
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(8192);
            try (InputStream in = request.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (out.size() + n > Envelopes.MAX_ENVELOPE_CHARS) {
                        throw tooLarge();
                    }
                    // The bytes, the text and its copies in the inbox: about three times what arrived.
                    if (!limits.reserve(3L * n)) {
                        throw new ComityException(503, "unavailable", "This node is taking as many envelopes as it can hold; send it again later.");
                    }
                    body.reserved += 3L * n;
                    for (int i = 0; i < n; i++) {
                        byte b = buffer[i];
                        if ((b < 0x21 || b > 0x7e) && b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                            throw new ComityException(400, "malformed", "An envelope or a batch is a compact JWE: printable ASCII only.");
                        }
                    }
                    out.write(buffer, 0, n);
                }
            }
            body.text = out.toString(java.nio.charset.StandardCharsets.US_ASCII).strip(); // trailing white space from a hand-made request
            return body;
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        }
    }

    private static ComityException tooLarge() {
        return new ComityException(413, "too-large", "An envelope or a batch is at most " + Envelopes.MAX_ENVELOPE_CHARS + " characters.");
    }
}
