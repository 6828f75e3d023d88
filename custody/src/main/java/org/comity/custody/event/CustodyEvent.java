package org.comity.custody.event;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.FieldException;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonException;
import org.comity.custody.json.JsonFields;
import org.comity.custody.keys.Sha256;

/**
 * One step in the life of one exhibit (ISO/IEC 27037: who, what, when, where, why, under what
 * authority, with which tool, and the hashes going in and out), as the canonical JSON (RFC 8785)
 * that is the custody ledger's entry. Each event names the hash of the exhibit's previous event, so
 * an exhibit's events form a hash chain ({@link CustodyChain}).
 *
 * @param node the id of the node that recorded the event (XA)
 * @param state the two-letter code of that node's state (XA)
 * @param at when it happened, UTC, to the millisecond
 * @param authority the legal ground; empty for purely internal events (a vault check)
 * @param inputSha256 the hash of the exhibit's bytes before the action, where it applies
 * @param outputSha256 the hash after the action, where it applies
 * @param previous the SHA-256 of the canonical bytes of this exhibit's previous event; empty for its first
 * @param details further facts (size, file name, media type, acquisition method, source device or
 *     account, examiner): names to strings or whole numbers
 */
public record CustodyEvent(UUID id, UUID exhibit, CustodyAction action, Actor actor, Tool tool, String node, String state, Instant at,
        Optional<LegalAuthority> authority, String reason, Optional<String> inputSha256, Optional<String> outputSha256,
        Optional<String> previous, Map<String, Object> details) {

    public static final String SCHEMA = "comity.custody-event/1";
    /** Ledger entries travel in tiles with a 16-bit length (docs/formats/ledger.md). */
    public static final int MAX_BYTES = 65_535;
    public static final int MAX_DETAILS = 32;
    private static final Pattern DETAIL_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]{0,63}");
    private static final long LAST_MILLI = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    private static final Set<String> FIELDS = Set.of("schema", "id", "exhibit", "action", "actor", "tool", "node", "state", "at",
            "authority", "reason", "inputSha256", "outputSha256", "previous", "details");

    public CustodyEvent {
        require(id, "id");
        require(exhibit, "exhibit");
        require(action, "action");
        require(actor, "actor");
        require(tool, "tool");
        if (node == null || !Texts.NODE_ID.matcher(node).matches()) {
            throw new FieldException("node", "must be a node id such as XA");
        }
        if (state == null || !Texts.STATE.matcher(state).matches()) {
            throw new FieldException("state", "must be a two-letter state code such as XA");
        }
        require(at, "at");
        if (at.getNano() % 1_000_000 != 0 || at.toEpochMilli() < 0 || at.toEpochMilli() > LAST_MILLI) {
            throw new FieldException("at", "must be a time from 1970 to 9999 in whole milliseconds");
        }
        Texts.require("reason", reason, 2000);
        inputSha256.ifPresent(h -> Texts.sha256("inputSha256", h));
        outputSha256.ifPresent(h -> Texts.sha256("outputSha256", h));
        previous.ifPresent(h -> Texts.sha256("previous", h));
        details = Collections.unmodifiableMap(new TreeMap<>(checkedDetails(details)));
    }

    /** Starts an event; the builder fills the rest, and {@link Builder#after} links it to the exhibit's previous event. */
    public static Builder builder(UUID id, UUID exhibit, CustodyAction action) {
        return new Builder(id, exhibit, action);
    }

    /** The event as a JSON object, before canonicalisation. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", SCHEMA);
        json.put("id", id.toString());
        json.put("exhibit", exhibit.toString());
        json.put("action", action.json());
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("name", actor.name());
        who.put("role", actor.role());
        who.put("authorityId", actor.authorityId().toString());
        who.put("authorityName", actor.authorityName());
        actor.userId().ifPresent(u -> who.put("userId", u));
        json.put("actor", who);
        json.put("tool", Map.of("name", tool.name(), "version", tool.version()));
        json.put("node", node);
        json.put("state", state);
        json.put("at", JsonFields.instantText(at));
        authority.ifPresent(a -> {
            Map<String, Object> legal = new LinkedHashMap<>();
            legal.put("instrument", a.instrument());
            legal.put("reference", a.reference());
            a.requestId().ifPresent(r -> legal.put("requestId", r.toString()));
            json.put("authority", legal);
        });
        json.put("reason", reason);
        inputSha256.ifPresent(h -> json.put("inputSha256", h));
        outputSha256.ifPresent(h -> json.put("outputSha256", h));
        json.put("previous", previous.orElse(null));
        if (!details.isEmpty()) {
            json.put("details", details);
        }
        return json;
    }

    /** The ledger entry: the event's canonical JSON (RFC 8785) in UTF-8. */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(toJson());
    }

    /** SHA-256 of the canonical bytes, in hex: what the next event of the exhibit names as {@code previous}. */
    public String sha256() {
        return Sha256.hex(canonicalBytes());
    }

    /** Reads an event strictly: UTF-8 JSON, every field well formed, nothing unknown. */
    public static CustodyEvent parse(byte[] json) throws CustodyFormatException {
        if (json == null || json.length > MAX_BYTES) {
            throw new CustodyFormatException("", "a custody event is at most " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw new CustodyFormatException("", "a custody event is UTF-8");
        }
        try {
            return fromJson(Json.parseObject(text, MAX_BYTES));
        } catch (JsonException e) {
            throw new CustodyFormatException("", "not JSON: " + e.getMessage());
        }
    }

    /** As {@link #parse}, and the bytes must be the event's canonical form: how a ledger entry is read. */
    public static CustodyEvent parseCanonical(byte[] json) throws CustodyFormatException {
        CustodyEvent event = parse(json);
        if (!Arrays.equals(json, event.canonicalBytes())) {
            throw new CustodyFormatException("", "not in canonical form (RFC 8785)");
        }
        return event;
    }

    /** Reads an event from parsed JSON (as embedded in another document). */
    public static CustodyEvent fromJson(Object json) throws CustodyFormatException {
        try {
            JsonFields f = JsonFields.of(json, "", FIELDS);
            if (!SCHEMA.equals(f.string("schema", 100))) {
                throw f.problem("schema", "must be " + SCHEMA);
            }
            String actionText = f.string("action", 20);
            CustodyAction action = CustodyAction.fromJson(actionText)
                    .orElseThrow(() -> f.problem("action", "must be one of acquire, seal, upload, transfer, receive, verify, access, export, dispose"));
            JsonFields who = f.object("actor", Set.of("name", "role", "authorityId", "authorityName", "userId"));
            Actor actor = new Actor(who.string("name", 200), who.string("role", 100), who.uuid("authorityId"),
                    who.string("authorityName", 300), who.optionalString("userId", 100));
            JsonFields with = f.object("tool", Set.of("name", "version"));
            Tool tool = new Tool(with.string("name", 200), with.string("version", 100));
            Optional<LegalAuthority> authority = f.optionalObject("authority", Set.of("instrument", "reference", "requestId"))
                    .map(a -> new LegalAuthority(a.string("instrument", 300), a.string("reference", 200), a.optionalUuid("requestId")));
            if (!f.has("previous")) {
                throw f.problem("previous", "is required (null for an exhibit's first event)");
            }
            Optional<String> previous = f.raw("previous").isEmpty() ? Optional.empty() : Optional.of(f.sha256("previous"));
            Map<String, Object> details = f.has("details") ? readDetails(f.freeObject("details")) : Map.of();
            if (f.has("details") && details.isEmpty()) {
                throw f.problem("details", "is left out rather than empty");
            }
            return new CustodyEvent(f.uuid("id"), f.uuid("exhibit"), action, actor, tool, f.string("node", 100), f.string("state", 100),
                    f.instant("at"), authority, f.string("reason", 2000), f.optionalSha256("inputSha256"), f.optionalSha256("outputSha256"),
                    previous, details);
        } catch (FieldException e) {
            throw new CustodyFormatException(e.field(), e.problem());
        }
    }

    private static Map<String, Object> readDetails(Map<String, Object> json) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            Object value = e.getValue();
            if (value instanceof BigDecimal n) {
                if (n.stripTrailingZeros().scale() > 0 || n.abs().compareTo(BigDecimal.valueOf(JsonFields.MAX_WHOLE)) > 0) {
                    throw new FieldException("details." + e.getKey(), "numbers are whole, within 2^53");
                }
                value = n.longValueExact();
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    private static Map<String, Object> checkedDetails(Map<String, Object> details) {
        Objects.requireNonNull(details, "details");
        if (details.size() > MAX_DETAILS) {
            throw new FieldException("details", "holds at most " + MAX_DETAILS + " facts");
        }
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : details.entrySet()) {
            String name = e.getKey();
            if (name == null || !DETAIL_NAME.matcher(name).matches()) {
                throw new FieldException("details", "names are letters, digits, '_', '.', '-', starting with a letter: " + name);
            }
            Object value = e.getValue();
            switch (value) {
                case String s -> Texts.require("details." + name, s, 2000);
                case Integer i -> value = i.longValue();
                case Long l -> {
                    if (Math.abs(l) > JsonFields.MAX_WHOLE) {
                        throw new FieldException("details." + name, "numbers are whole, within 2^53");
                    }
                }
                case null, default -> throw new FieldException("details." + name, "must be a text or a whole number");
            }
            out.put(name, value);
        }
        return out;
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new FieldException(field, "is required");
        }
    }

    /** Assembles an event field by field; {@code build()} checks it as the parser would. */
    public static final class Builder {
        private final UUID id;
        private final UUID exhibit;
        private final CustodyAction action;
        private Actor actor;
        private Tool tool;
        private String node;
        private String state;
        private Instant at;
        private Optional<LegalAuthority> authority = Optional.empty();
        private String reason;
        private Optional<String> input = Optional.empty();
        private Optional<String> output = Optional.empty();
        private Optional<String> previous = Optional.empty();
        private final Map<String, Object> details = new TreeMap<>();

        private Builder(UUID id, UUID exhibit, CustodyAction action) {
            this.id = id;
            this.exhibit = exhibit;
            this.action = action;
        }

        public Builder actor(Actor who) {
            this.actor = who;
            return this;
        }

        public Builder tool(Tool with) {
            this.tool = with;
            return this;
        }

        /** The node that records the event and its state. */
        public Builder node(String nodeId, String stateCode) {
            this.node = nodeId;
            this.state = stateCode;
            return this;
        }

        /** When it happened, kept to the millisecond. */
        public Builder at(Instant when) {
            this.at = when.truncatedTo(ChronoUnit.MILLIS);
            return this;
        }

        public Builder authority(LegalAuthority legal) {
            this.authority = Optional.of(legal);
            return this;
        }

        public Builder reason(String why) {
            this.reason = why;
            return this;
        }

        public Builder inputSha256(String hex) {
            this.input = Optional.of(hex);
            return this;
        }

        public Builder outputSha256(String hex) {
            this.output = Optional.of(hex);
            return this;
        }

        /** Links this event to the exhibit's previous one, by the hash of its canonical bytes. */
        public Builder after(CustodyEvent earlier) {
            if (!earlier.exhibit().equals(exhibit)) {
                throw new IllegalArgumentException("an event follows an event of the same exhibit");
            }
            this.previous = Optional.of(earlier.sha256());
            return this;
        }

        public Builder detail(String name, String value) {
            details.put(name, value);
            return this;
        }

        public Builder detail(String name, long value) {
            details.put(name, value);
            return this;
        }

        public CustodyEvent build() {
            return new CustodyEvent(id, exhibit, action, actor, tool, node, state, at, authority, reason, input, output, previous, details);
        }
    }
}
