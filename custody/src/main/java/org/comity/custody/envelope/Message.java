package org.comity.custody.envelope;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonException;

/**
 * What one node says to another about one conversation (a request), before signing and encryption.
 *
 * @param seq the message's place in its conversation from this sender, from 1, without gaps
 * @param payload the message's content; its shape depends on {@code type}
 */
public record Message(UUID id, String type, UUID conversation, long seq, String from, String to, Instant sentAt,
        Map<String, Object> payload) {

    public static final String SCHEMA = "comity.message/1";
    /** Node ids: what the directory uses, such as XA. */
    public static final Pattern NODE_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,31}");
    public static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*){0,4}");
    private static final Set<String> FIELDS = Set.of("schema", "id", "type", "conversation", "seq", "from", "to", "sentAt", "payload");
    private static final long MAX_SEQ = 1L << 53;

    public Message {
        requireFormat(id != null, "id is required");
        requireFormat(type != null && type.length() <= 64 && TYPE.matcher(type).matches(), "type must be a dotted lower-case name");
        requireFormat(conversation != null, "conversation is required");
        requireFormat(seq >= 1 && seq <= MAX_SEQ, "seq must be a whole number from 1");
        requireFormat(from != null && NODE_ID.matcher(from).matches(), "from must be a node id");
        requireFormat(to != null && NODE_ID.matcher(to).matches(), "to must be a node id");
        requireFormat(sentAt != null, "sentAt is required");
        requireFormat(payload != null, "payload must be an object");
        payload = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /** The canonical JSON (RFC 8785) that is signed. */
    public byte[] canonicalBytes() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", SCHEMA);
        json.put("id", id.toString());
        json.put("type", type);
        json.put("conversation", conversation.toString());
        json.put("seq", seq);
        json.put("from", from);
        json.put("to", to);
        json.put("sentAt", sentAt.toString());
        json.put("payload", payload);
        return CanonicalJson.bytes(json);
    }

    /** Reads a message strictly: every field present and well formed, nothing unknown. */
    public static Message parse(String text, int maxChars) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(text, maxChars);
        } catch (JsonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        for (String key : json.keySet()) {
            requireFormat(FIELDS.contains(key), "unknown field " + key);
        }
        requireFormat(SCHEMA.equals(json.get("schema")), "schema must be " + SCHEMA);
        return new Message(uuid(json, "id"), string(json, "type"), uuid(json, "conversation"), whole(json, "seq"),
                string(json, "from"), string(json, "to"), instant(json, "sentAt"), object(json, "payload"));
    }

    private static String string(Map<String, Object> json, String field) {
        if (json.get(field) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(field + " must be a string");
    }

    private static UUID uuid(Map<String, Object> json, String field) {
        String s = string(json, field);
        try {
            UUID u = UUID.fromString(s);
            requireFormat(u.toString().equals(s), field + " must be a lower-case UUID");
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be a UUID");
        }
    }

    private static long whole(Map<String, Object> json, String field) {
        if (json.get(field) instanceof BigDecimal n && n.signum() >= 0 && n.stripTrailingZeros().scale() <= 0
                && n.compareTo(BigDecimal.valueOf(MAX_SEQ)) <= 0) {
            return n.longValueExact();
        }
        throw new IllegalArgumentException(field + " must be a whole number");
    }

    private static Instant instant(Map<String, Object> json, String field) {
        try {
            return Instant.parse(string(json, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant in UTC");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String field) {
        if (json.get(field) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(field + " must be an object");
    }

    private static void requireFormat(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
