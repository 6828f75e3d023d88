package org.comity.custody.envelope;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.comity.custody.envelope.EnvelopeRejected.Reason;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.Json;
import org.comity.custody.keys.EdDsaJws;
import org.comity.custody.keys.SigningKey;

/** Signing receipts (JWS, EdDSA, over canonical JSON) and checking them. */
public final class Receipts {

    public static final JOSEObjectType RECEIPT_TYPE = new JOSEObjectType("comity-receipt+jws");
    private static final Set<String> FIELDS = Set.of("schema", "message", "digest", "from", "by", "receivedAt");

    private Receipts() {}

    public static String sign(Receipt receipt, SigningKey key) {
        return EdDsaJws.sign(key, RECEIPT_TYPE, canonical(receipt));
    }

    /**
     * Checks a receipt for a message this node sent: signed by the recipient's node, naming that
     * message and the digest of what was sent (the envelope, or the signed message in a batch:
     * digests of different things cannot coincide, so either schema is taken).
     */
    public static Receipt verify(String compact, PeerKeys peers, UUID message, String digest, Instant now) throws EnvelopeRejected {
        return verify(compact, peers, message, digest, null, now);
    }

    /** As {@link #verify(String, PeerKeys, UUID, String, Instant)}, and the receipt must name a digest of {@code subject} (null: either). */
    public static Receipt verify(String compact, PeerKeys peers, UUID message, String digest, Receipt.Subject subject, Instant now)
            throws EnvelopeRejected {
        return verify(compact, peers, message, digest, subject, null, now);
    }

    /**
     * As {@link #verify(String, PeerKeys, UUID, String, Receipt.Subject, Instant)}, and the receipt
     * must be by node {@code to}, the one the message was sent to (null: any trusted node).
     */
    public static Receipt verify(String compact, PeerKeys peers, UUID message, String digest, Receipt.Subject subject, String to, Instant now)
            throws EnvelopeRejected {
        return verify(compact, peers, message, digest, subject, to, null, now);
    }

    /**
     * As {@link #verify(String, PeerKeys, UUID, String, Receipt.Subject, String, Instant)}, and the
     * receipt must name node {@code from} as the message's sender (the node checking it; null: any).
     */
    public static Receipt verify(String compact, PeerKeys peers, UUID message, String digest, Receipt.Subject subject, String to, String from,
            Instant now) throws EnvelopeRejected {
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact == null ? "" : compact);
        } catch (ParseException e) {
            throw new EnvelopeRejected(Reason.MALFORMED, "a receipt is a compact JWS");
        }
        if (!EdDsaJws.hasShape(jws, RECEIPT_TYPE)) {
            throw new EnvelopeRejected(Reason.UNSUPPORTED, "receipts are typ comity-receipt+jws, alg EdDSA, with a kid");
        }
        PeerKeys.PeerKey signer = peers.signingKey(jws.getHeader().getKeyID(), now)
                .orElseThrow(() -> new EnvelopeRejected(Reason.UNKNOWN_SIGNER, "receipt signed with an unknown key"));
        if (!EdDsaJws.verifies(jws, signer.key())) {
            throw new EnvelopeRejected(Reason.BAD_SIGNATURE, "the receipt's signature does not match");
        }
        byte[] payload = jws.getPayload().toBytes();
        Receipt receipt = parse(new String(payload, StandardCharsets.UTF_8));
        if (!Arrays.equals(payload, canonical(receipt))) {
            throw new EnvelopeRejected(Reason.MALFORMED, "the receipt is not in canonical form");
        }
        if (!receipt.by().equals(signer.nodeId())) {
            throw new EnvelopeRejected(Reason.FORGED_SENDER, "the receipt says it is by " + receipt.by() + " but " + signer.nodeId() + " signed it");
        }
        if (to != null && !receipt.by().equals(to)) {
            throw new EnvelopeRejected(Reason.FORGED_SENDER, "the receipt is by node " + receipt.by() + ", not by " + to + ", where the message went");
        }
        if (from != null && !receipt.from().equals(from)) {
            throw new EnvelopeRejected(Reason.MALFORMED, "the receipt says the message came from " + receipt.from() + ", not from " + from);
        }
        if (!receipt.message().equals(message) || !receipt.digest().equals(digest)) {
            throw new EnvelopeRejected(Reason.MALFORMED, "the receipt is for another message or another envelope");
        }
        if (subject != null && receipt.subject() != subject) {
            throw new EnvelopeRejected(Reason.MALFORMED, "the receipt follows " + receipt.subject().schema() + ", not " + subject.schema());
        }
        return receipt;
    }

    static byte[] canonical(Receipt r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", r.subject().schema());
        json.put("message", r.message().toString());
        json.put("digest", r.digest());
        json.put("from", r.from());
        json.put("by", r.by());
        json.put("receivedAt", r.receivedAt().toString());
        return CanonicalJson.bytes(json);
    }

    private static Receipt parse(String text) throws EnvelopeRejected {
        try {
            Map<String, Object> json = Json.parseObject(text, 4096);
            if (!FIELDS.equals(json.keySet()) || !(json.get("schema") instanceof String schema)) {
                throw new IllegalArgumentException("fields");
            }
            Receipt.Subject subject = Receipt.Subject.of(schema);
            for (String f : FIELDS) {
                if (!(json.get(f) instanceof String) && !(json.get(f) instanceof BigDecimal)) {
                    throw new IllegalArgumentException(f);
                }
            }
            return new Receipt(UUID.fromString((String) json.get("message")), (String) json.get("digest"), (String) json.get("from"),
                    (String) json.get("by"), Instant.parse((String) json.get("receivedAt")), subject);
        } catch (RuntimeException e) {
            throw new EnvelopeRejected(Reason.MALFORMED, "the receipt does not follow comity.receipt/1 or /2");
        }
    }
}
