package org.comity.custody.envelope;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.comity.custody.envelope.EnvelopeRejected.Reason;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.Json;

/**
 * Batches (docs/formats/envelope.md, "Batches"): several signed messages for one recipient in one
 * JWE, so that one key agreement, one HTTP call and one transaction on the receiver serve them
 * all. Each message keeps its own signature (proof of origin message by message) and is checked
 * and answered on its own; the outer layer (form, algorithms, key, decryption, the list), a first
 * message not signed by a trusted node, or messages of two nodes refuse a batch as a whole.
 */
public final class Batches {

    public static final JOSEObjectType BATCH_TYPE = new JOSEObjectType("comity-batch+jwe");
    public static final String SCHEMA = "comity.batch/1";
    /** Messages in one batch, at most. */
    public static final int MAX_MESSAGES = 256;
    private static final Set<String> FIELDS = Set.of("schema", "messages");

    private Batches() {}

    /** One message of an opened batch, at its place in the batch: opened, or refused with a reason. */
    public record Entry(int index, Opened opened, EnvelopeRejected refused) {
        public boolean accepted() {
            return opened != null;
        }
    }

    /** Encrypts signed messages (compact JWS, from {@link Envelopes#sign}) to the recipient, in this order. */
    public static String seal(List<String> signedMessages, ECKey recipient) {
        if (signedMessages.isEmpty() || signedMessages.size() > MAX_MESSAGES) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_MESSAGES + " messages");
        }
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("schema", SCHEMA);
        batch.put("messages", List.copyOf(signedMessages));
        return Envelopes.encrypt(new Payload(CanonicalJson.bytes(batch)), BATCH_TYPE, "json", recipient);
    }

    /**
     * Opens a batch. Throws when the batch as a whole is refused (nothing in it may be acted on):
     * its outer layer; its first message not signed by a key a trusted node holds now (not a JWS of
     * the message's shape, an unknown signer, a bad signature); a later message not a JWS of that
     * shape or with a bad signature; or a message signed by a node other than the first message's:
     * a batch is one node's traffic. A forger is so stopped at the first signature instead of
     * costing the receiver one per message. Otherwise gives every message in its order, each opened
     * or refused by the checks a message in an envelope gets (docs/formats/envelope.md, "Opening");
     * a later message signed with a key no trusted node holds now is refused alone. A receipt for an
     * opened message names the signed message's digest.
     */
    public static List<Entry> open(String batch, Keyring ours, PeerKeys peers, Envelopes.Policy policy, Instant now) throws EnvelopeRejected {
        List<String> signed = messages(Envelopes.decrypt(batch, BATCH_TYPE, "batch", ours).toBytes());
        List<Entry> entries = new ArrayList<>(signed.size());
        String node = null;
        for (int i = 0; i < signed.size(); i++) {
            String jws = signed.get(i);
            Envelopes.Authentic authentic;
            try {
                authentic = Envelopes.authenticate(jws, peers, now);
            } catch (EnvelopeRejected e) {
                if (i == 0 || e.reason() != Reason.UNKNOWN_SIGNER) {
                    // After message 0, whose node's signature did verify, the batch is that node's to answer for.
                    throw new EnvelopeRejected(e.reason(), "message " + i + " of the batch: " + e.detail(), i == 0 ? null : node);
                }
                // After a first message its node signed, a key no trusted node holds now (one the node rotated, say) is
                // refused alone, as a node from before this rule did; it cost no signature check.
                entries.add(new Entry(i, null, e));
                continue;
            }
            if (node == null) {
                node = authentic.signer().nodeId();
            } else if (!node.equals(authentic.signer().nodeId())) {
                throw new EnvelopeRejected(Reason.MALFORMED, "message " + i + " of the batch: signed by node " + authentic.signer().nodeId()
                        + ", message 0 by node " + node + "; a batch holds one node's messages", node);
            }
            try {
                entries.add(new Entry(i, Envelopes.check(authentic, policy, now, Envelopes.digest(jws), Receipt.Subject.SIGNED_MESSAGE), null));
            } catch (EnvelopeRejected e) {
                entries.add(new Entry(i, null, e));
            }
        }
        return entries;
    }

    /** The batch's plaintext: canonical JSON {@code {"messages":[...],"schema":"comity.batch/1"}}, 1 to 256 strings of printable ASCII. */
    private static List<String> messages(byte[] plaintext) throws EnvelopeRejected {
        Map<String, Object> json;
        try {
            json = Json.parseObject(new String(plaintext, StandardCharsets.UTF_8), Envelopes.MAX_ENVELOPE_CHARS);
        } catch (RuntimeException e) {
            throw new EnvelopeRejected(Reason.MALFORMED, "the batch does not hold a JSON object");
        }
        if (!FIELDS.equals(json.keySet()) || !SCHEMA.equals(json.get("schema")) || !(json.get("messages") instanceof List<?> list)) {
            throw new EnvelopeRejected(Reason.MALFORMED, "a batch is {\"schema\":\"" + SCHEMA + "\",\"messages\":[...]} and nothing else");
        }
        if (list.isEmpty() || list.size() > MAX_MESSAGES) {
            throw new EnvelopeRejected(Reason.MALFORMED, "a batch holds 1 to " + MAX_MESSAGES + " messages, not " + list.size());
        }
        List<String> messages = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s) || s.isEmpty() || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new EnvelopeRejected(Reason.MALFORMED, "each message of a batch is a compact JWS in printable ASCII");
            }
            messages.add(s);
        }
        if (!Arrays.equals(plaintext, CanonicalJson.bytes(json))) {
            throw new EnvelopeRejected(Reason.MALFORMED, "the batch is not in canonical form (RFC 8785)");
        }
        return messages;
    }
}
