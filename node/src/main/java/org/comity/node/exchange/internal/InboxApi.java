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

    InboxApi(Inbox inbox) {
        this.inbox = inbox;
    }

    @PostMapping(path = "/federation/v1/envelopes", consumes = "application/jose")
    ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
        String envelope = read(request);
        String receipt = inbox.receive(envelope, request.getRemoteAddr());
        return ResponseEntity.ok().contentType(JOSE).body(receipt);
    }

    /** A batch of messages (docs/formats/envelope.md, "Batches"): a result per message, or a problem refusing the whole batch. */
    @PostMapping(path = "/federation/v1/batches", consumes = "application/jose")
    ResponseEntity<String> receiveBatch(HttpServletRequest request) throws IOException {
        String batch = read(request);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(inbox.receiveBatch(batch, request.getRemoteAddr()).json());
    }

    /** The body as ASCII, refused as soon as it grows past the largest envelope (whatever Content-Length said). */
    private static String read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > Envelopes.MAX_ENVELOPE_CHARS) {
            throw new ComityException(413, "too-large", "An envelope or a batch is at most " + Envelopes.MAX_ENVELOPE_CHARS + " characters.");
        }
        byte[] buffer = new byte[64 * 1024];
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > Envelopes.MAX_ENVELOPE_CHARS) {
                    throw new ComityException(413, "too-large", "An envelope or a batch is at most " + Envelopes.MAX_ENVELOPE_CHARS + " characters.");
                }
                out.write(buffer, 0, n);
            }
        }
        byte[] body = out.toByteArray();
        for (byte b : body) {
            if (b < 0x21 || b > 0x7e) {
                if (b == '\r' || b == '\n' || b == ' ' || b == '\t') {
                    continue; // trailing whitespace from a hand-made request is stripped below
                }
                throw new ComityException(400, "malformed", "An envelope or a batch is a compact JWE: printable ASCII only.");
            }
        }
        return Inbox.ascii(body).strip();
    }
}
