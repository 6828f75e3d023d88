package org.comity.custody.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.comity.custody.envelope.Message;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonException;
import org.comity.custody.keys.EdDsaJws;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.trust.TrustList.AuthorityEntry;
import org.comity.custody.trust.TrustList.Backup;
import org.comity.custody.trust.TrustList.ContactPoint;
import org.comity.custody.trust.TrustList.NodeEntry;
import org.comity.custody.trust.TrustList.NodeKey;
import org.comity.custody.trust.TrustList.StateEntry;
import org.comity.custody.trust.TrustListRejected.Reason;

/** Signing a trust list with a directory key, and opening one: signature, serial, then every rule of the format. */
public final class TrustLists {

    public static final JOSEObjectType TYPE = new JOSEObjectType("comity-trust-list+jws");
    public static final int MAX_CHARS = 8 * 1024 * 1024;

    private TrustLists() {}

    public static String sign(TrustList list, SigningKey directoryKey) {
        return EdDsaJws.sign(directoryKey, TYPE, CanonicalJson.bytes(toJson(list)));
    }

    /**
     * Opens a signed list.
     *
     * @param directoryKeys the directory's public keys this node was configured to trust
     * @param heldSerial the serial of the list the node holds (0 when none): the new one must be greater
     */
    public static TrustList open(String compact, List<OctetKeyPair> directoryKeys, long heldSerial) throws TrustListRejected {
        if (compact == null || compact.isBlank() || compact.length() > MAX_CHARS) {
            throw new TrustListRejected(Reason.MALFORMED, "a trust list is a compact JWS of at most " + MAX_CHARS + " characters");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact.strip());
        } catch (ParseException e) {
            throw new TrustListRejected(Reason.MALFORMED, "not a compact JWS");
        }
        JWSHeader header = jws.getHeader();
        if (!EdDsaJws.hasShape(jws, TYPE)) {
            throw new TrustListRejected(Reason.UNSUPPORTED, "trust lists are typ comity-trust-list+jws, alg EdDSA, with a kid");
        }
        OctetKeyPair key = directoryKeys.stream().filter(k -> header.getKeyID().equals(k.getKeyID())).findFirst()
                .orElseThrow(() -> new TrustListRejected(Reason.UNKNOWN_DIRECTORY_KEY, "signed with key " + header.getKeyID()
                        + ", which is not a directory key this node trusts"));
        if (!EdDsaJws.verifies(jws, key)) {
            throw new TrustListRejected(Reason.BAD_SIGNATURE, "the directory's signature does not match the list");
        }
        byte[] payload = jws.getPayload().toBytes();
        TrustList list = parse(new String(payload, StandardCharsets.UTF_8));
        if (!Arrays.equals(payload, CanonicalJson.bytes(toJson(list)))) {
            throw new TrustListRejected(Reason.MALFORMED, "the list is not in canonical form (RFC 8785)");
        }
        if (list.serial() <= heldSerial) {
            throw new TrustListRejected(Reason.NOT_NEWER, "serial " + list.serial() + " is not newer than the list held (" + heldSerial + ")");
        }
        return list;
    }

    /**
     * Reads an unsigned list: how a node describes itself (its state, itself with its keys, its
     * authorities and 24/7 contacts) for the directory operator, who merges such descriptions and
     * signs the result. Checked as strictly as a signed list.
     */
    public static TrustList parseUnsigned(String text) throws TrustListRejected {
        if (text == null || text.length() > MAX_CHARS) {
            throw new TrustListRejected(Reason.MALFORMED, "a node description is JSON of at most " + MAX_CHARS + " characters");
        }
        return parse(text);
    }

    /**
     * One list from several parts (node descriptions, or an earlier list and a new node): states
     * named by more than one part are merged, their instruments united. Duplicate nodes or
     * authorities are refused, as in any list.
     */
    public static TrustList merge(long serial, String issuer, java.time.Instant issuedAt, java.time.Instant nextUpdate, List<TrustList> parts)
            throws TrustListRejected {
        Map<String, StateEntry> states = new java.util.TreeMap<>();
        List<NodeEntry> nodes = new java.util.ArrayList<>();
        List<AuthorityEntry> authorities = new java.util.ArrayList<>();
        List<ContactPoint> contacts = new java.util.ArrayList<>();
        for (TrustList part : parts) {
            for (StateEntry state : part.states()) {
                states.merge(state.code(), state, (a, b) -> new StateEntry(a.code(), a.name(),
                        java.util.stream.Stream.concat(a.instruments().stream(), b.instruments().stream()).distinct().sorted().toList()));
            }
            nodes.addAll(part.nodes());
            authorities.addAll(part.authorities());
            contacts.addAll(part.contacts());
        }
        TrustList list;
        try {
            list = new TrustList(serial, issuedAt, nextUpdate, issuer, List.copyOf(states.values()), nodes, authorities, contacts);
            checkReferences(list);
        } catch (IllegalArgumentException e) {
            throw new TrustListRejected(Reason.INVALID, e.getMessage());
        }
        return list;
    }

    /** Reads the (already verified) payload strictly and checks the rules that tie its parts together. */
    static TrustList parse(String text) throws TrustListRejected {
        try {
            Fields root = new Fields(Json.parseObject(text, MAX_CHARS), "list",
                    Set.of("schema", "serial", "issuedAt", "nextUpdate", "issuer", "states", "nodes", "authorities", "contacts"));
            if (!TrustList.SCHEMA.equals(root.string("schema"))) {
                throw new IllegalArgumentException("schema must be " + TrustList.SCHEMA);
            }
            TrustList list = new TrustList(root.positive("serial"), root.instant("issuedAt"), root.optionalInstant("nextUpdate"),
                    root.string("issuer"),
                    root.objects("states", Set.of("code", "name", "instruments"), f -> new StateEntry(f.nodeId("code"), f.string("name"), f.strings("instruments"))),
                    root.objects("nodes", Set.of("id", "state", "name", "endpoint", "keys", "ledger", "roles"), TrustLists::node),
                    root.objects("authorities", Set.of("id", "node", "state", "name", "kind", "languages", "email"),
                            f -> new AuthorityEntry(f.uuid("id"), f.nodeId("node"), f.nodeId("state"), f.string("name"), f.string("kind"),
                                    f.strings("languages"), f.optionalString("email"))),
                    root.objects("contacts", Set.of("authority", "hours", "languages", "phone", "email", "backups"),
                            f -> new ContactPoint(f.uuid("authority"), f.string("hours"), f.strings("languages"), f.optionalString("phone"),
                                    f.optionalString("email"), f.objects("backups", Set.of("name", "phone", "email"),
                                            b -> new Backup(b.string("name"), b.optionalString("phone"), b.optionalString("email"))))));
            checkReferences(list);
            return list;
        } catch (JsonException e) {
            throw new TrustListRejected(Reason.MALFORMED, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new TrustListRejected(Reason.INVALID, e.getMessage());
        }
    }

    private static NodeEntry node(Fields f) {
        URI endpoint;
        try {
            endpoint = new URI(f.string("endpoint"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(f.where + ".endpoint is not a URL");
        }
        if (!endpoint.isAbsolute() || !Set.of("http", "https").contains(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException(f.where + ".endpoint must be an http(s) URL");
        }
        String ledger = f.optionalString("ledger");
        if (ledger != null) {
            try {
                org.comity.custody.checkpoint.NoteVerifier.parse(ledger);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f.where + ".ledger must be the custody ledger's key as a C2SP vkey (name+keyid+key)");
            }
        }
        List<String> roles = List.of();
        if (f.map.containsKey("roles")) {
            roles = f.strings("roles");
            require(!roles.isEmpty(), f.where + ".roles must name at least one role (omit it when the node has none)");
            require(roles.stream().allMatch(NodeEntry.ROLES::contains), f.where + ".roles may hold only " + NodeEntry.STATISTICS);
            require(roles.stream().distinct().count() == roles.size(), f.where + ".roles must not repeat a role");
        }
        return new NodeEntry(f.nodeId("id"), f.nodeId("state"), f.string("name"), endpoint,
                f.objects("keys", Set.of("kid", "use", "jwk", "notBefore", "notAfter"), TrustLists::key), ledger, roles);
    }

    private static NodeKey key(Fields f) {
        String use = f.string("use");
        Map<String, Object> jwkJson = f.object("jwk");
        JWK jwk;
        try {
            jwk = JWK.parse(jwkJson);
        } catch (ParseException e) {
            throw new IllegalArgumentException(f.where + ".jwk is not a JWK");
        }
        if (jwk.isPrivate()) {
            throw new IllegalArgumentException(f.where + ".jwk holds a private key: publish only public keys");
        }
        boolean fits = switch (use) {
            case "sig" -> jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
            case "enc" -> jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
            default -> false;
        };
        if (!fits) {
            throw new IllegalArgumentException(f.where + ": use sig takes an Ed25519 key, use enc a P-256 key");
        }
        try {
            if (!jwk.computeThumbprint().toString().equals(f.string("kid"))) {
                throw new IllegalArgumentException(f.where + ".kid must be the key's RFC 7638 thumbprint");
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException(f.where + ".jwk: " + e.getMessage());
        }
        Instant notBefore = f.instant("notBefore");
        Instant notAfter = f.optionalInstant("notAfter");
        if (notAfter != null && !notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException(f.where + ".notAfter must come after notBefore");
        }
        return new NodeKey(f.string("kid"), use, jwk.toJSONObject(), notBefore, notAfter);
    }

    private static void checkReferences(TrustList list) {
        Set<String> states = unique(list.states().stream().map(StateEntry::code).toList(), "state code");
        Set<String> nodes = unique(list.nodes().stream().map(NodeEntry::id).toList(), "node id");
        unique(list.nodes().stream().flatMap(n -> n.keys().stream()).map(NodeKey::kid).toList(), "key id");
        for (NodeEntry n : list.nodes()) {
            require(states.contains(n.state()), "node " + n.id() + " names unknown state " + n.state());
        }
        require(list.nodes().stream().filter(n -> n.roles().contains(NodeEntry.STATISTICS)).count() <= 1,
                "at most one node is the statistics node");
        Set<UUID> authorities = new HashSet<>(unique(list.authorities().stream().map(a -> a.id().toString()).toList(), "authority id")
                .stream().map(UUID::fromString).toList());
        for (AuthorityEntry a : list.authorities()) {
            require(nodes.contains(a.node()), "authority " + a.id() + " names unknown node " + a.node());
            require(states.contains(a.state()), "authority " + a.id() + " names unknown state " + a.state());
        }
        for (ContactPoint c : list.contacts()) {
            require(authorities.contains(c.authority()), "a point of contact names unknown authority " + c.authority());
        }
    }

    private static Set<String> unique(List<String> values, String what) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            require(seen.add(v), "duplicate " + what + " " + v);
        }
        return seen;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The list as the JSON object that is signed (before canonicalisation). */
    public static Map<String, Object> toJson(TrustList list) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", TrustList.SCHEMA);
        json.put("serial", list.serial());
        json.put("issuedAt", list.issuedAt().toString());
        if (list.nextUpdate() != null) {
            json.put("nextUpdate", list.nextUpdate().toString());
        }
        json.put("issuer", list.issuer());
        json.put("states", list.states().stream().map(s -> Map.of("code", s.code(), "name", s.name(), "instruments", s.instruments())).toList());
        json.put("nodes", list.nodes().stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>(Map.of("id", n.id(), "state", n.state(), "name", n.name(),
                    "endpoint", n.endpoint().toString(), "keys", n.keys().stream().map(TrustLists::keyJson).toList()));
            if (n.ledger() != null) {
                m.put("ledger", n.ledger());
            }
            if (!n.roles().isEmpty()) {
                m.put("roles", n.roles());
            }
            return m;
        }).toList());
        json.put("authorities", list.authorities().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>(Map.of("id", a.id().toString(), "node", a.node(), "state", a.state(), "name", a.name(),
                    "kind", a.kind(), "languages", a.languages()));
            if (a.email() != null) {
                m.put("email", a.email());
            }
            return m;
        }).toList());
        json.put("contacts", list.contacts().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>(Map.of("authority", c.authority().toString(), "hours", c.hours(), "languages", c.languages(),
                    "backups", c.backups().stream().map(b -> {
                        Map<String, Object> bm = new LinkedHashMap<>(Map.of("name", b.name()));
                        if (b.phone() != null) bm.put("phone", b.phone());
                        if (b.email() != null) bm.put("email", b.email());
                        return bm;
                    }).toList()));
            if (c.phone() != null) m.put("phone", c.phone());
            if (c.email() != null) m.put("email", c.email());
            return m;
        }).toList());
        return json;
    }

    private static Map<String, Object> keyJson(NodeKey k) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("kid", k.kid(), "use", k.use(), "jwk", k.jwk(), "notBefore", k.notBefore().toString()));
        if (k.notAfter() != null) {
            m.put("notAfter", k.notAfter().toString());
        }
        return m;
    }

    /** Strict reading of one JSON object: known fields only, each of the expected type; errors name the path. */
    private static final class Fields {
        final Map<String, Object> map;
        final String where;

        Fields(Map<String, Object> map, String where, Set<String> allowed) {
            this.map = map;
            this.where = where;
            for (String k : map.keySet()) {
                require(allowed.contains(k), where + " has unknown field " + k);
            }
        }

        String string(String f) {
            if (map.get(f) instanceof String s && !s.isBlank() && s.length() <= 2000) {
                return s;
            }
            throw new IllegalArgumentException(where + "." + f + " must be a non-empty string");
        }

        String optionalString(String f) {
            return map.containsKey(f) ? string(f) : null;
        }

        String nodeId(String f) {
            String s = string(f);
            require(Message.NODE_ID.matcher(s).matches(), where + "." + f + " must be an identifier such as XA");
            return s;
        }

        UUID uuid(String f) {
            try {
                return UUID.fromString(string(f));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "." + f + " must be a UUID");
            }
        }

        long positive(String f) {
            if (map.get(f) instanceof BigDecimal n && n.signum() > 0 && n.stripTrailingZeros().scale() <= 0
                    && n.compareTo(BigDecimal.valueOf(1L << 53)) <= 0) {
                return n.longValueExact();
            }
            throw new IllegalArgumentException(where + "." + f + " must be a whole number from 1");
        }

        Instant instant(String f) {
            try {
                return Instant.parse(string(f));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where + "." + f + " must be an ISO-8601 instant");
            }
        }

        Instant optionalInstant(String f) {
            return map.containsKey(f) ? instant(f) : null;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(String f) {
            if (map.get(f) instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new IllegalArgumentException(where + "." + f + " must be an object");
        }

        List<String> strings(String f) {
            if (!(map.get(f) instanceof List<?> list)) {
                throw new IllegalArgumentException(where + "." + f + " must be a list");
            }
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                require(o instanceof String s && !s.isBlank(), where + "." + f + " must hold strings");
                out.add((String) o);
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        <T> List<T> objects(String f, Set<String> allowed, Function<Fields, T> read) {
            if (!(map.get(f) instanceof List<?> list)) {
                throw new IllegalArgumentException(where + "." + f + " must be a list");
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                require(list.get(i) instanceof Map, where + "." + f + "[" + i + "] must be an object");
                out.add(read.apply(new Fields((Map<String, Object>) list.get(i), where + "." + f + "[" + i + "]", allowed)));
            }
            return out;
        }
    }
}
