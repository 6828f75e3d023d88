package org.comity.custody.manifest;

import com.nimbusds.jose.jwk.OctetKeyPair;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.checkpoint.Witness;
import org.comity.custody.event.CustodyFormatException;
import org.comity.custody.event.Tool;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.FieldException;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonException;
import org.comity.custody.json.JsonFields;
import org.comity.custody.keys.Sha256;

/**
 * What an evidence package holds and where it comes from (docs/formats/evidence-package.md): the
 * ledgers of the nodes the evidence passed through (each with its key, node and witnesses), the
 * producing node (which ledger is its own, and the key that signs), the request answered, each item
 * with its hash and custody events in chain order, and every other file of the package by hash. It
 * is written as canonical JSON (RFC 8785) and signed as it is, so one signature covers the package.
 */
public record EvidenceManifest(UUID id, Instant createdAt, List<LedgerRef> ledgers, Producer producer, RequestRef request, List<ManifestItem> items,
        List<PackageFile> files) {

    public static final String SCHEMA = "comity.evidence-manifest/2";
    /** The first version, read by Comity 0.1 only: one producing node's ledger. */
    public static final String SCHEMA_1 = "comity.evidence-manifest/1";
    public static final int MAX_BYTES = 32 * 1024 * 1024;
    public static final int MAX_ITEMS = 10_000;
    public static final int MAX_FILES = 200_000;
    /** The nodes an exhibit may pass through before a package tells its story. */
    public static final int MAX_LEDGERS = 32;
    private static final Set<String> FIELDS = Set.of("schema", "id", "createdAt", "ledgers", "producer", "request", "items", "files");

    public EvidenceManifest {
        if (id == null || createdAt == null || producer == null || request == null) {
            throw new FieldException("manifest", "names its id, time, producer and request");
        }
        Manifests.millis("createdAt", createdAt);
        ledgers = List.copyOf(ledgers);
        items = List.copyOf(items);
        files = List.copyOf(files);
        if (ledgers.isEmpty() || ledgers.size() > MAX_LEDGERS) {
            throw new FieldException("ledgers", "lists 1 to " + MAX_LEDGERS + " ledgers");
        }
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new FieldException("items", "lists 1 to " + MAX_ITEMS + " items");
        }
        if (files.size() > MAX_FILES) {
            throw new FieldException("files", "lists at most " + MAX_FILES + " files");
        }
        unique(ledgers.stream().map(LedgerRef::origin).toList(), "ledgers", "origin");
        unique(ledgers.stream().map(l -> l.node().id()).toList(), "ledgers", "node");
        Set<String> origins = new HashSet<>(ledgers.stream().map(LedgerRef::origin).toList());
        if (!origins.contains(producer.ledger())) {
            throw new FieldException("producer.ledger", "must be the origin of one of the manifest's ledgers, not " + producer.ledger());
        }
        List<EventRef> events = items.stream().flatMap(i -> i.custody().stream()).toList();
        for (EventRef e : events) {
            if (!origins.contains(e.ledger())) {
                throw new FieldException("items", "event " + e.id() + " is in ledger " + e.ledger() + ", which is not among the manifest's ledgers");
            }
        }
        Set<String> holding = new HashSet<>(events.stream().map(EventRef::ledger).toList());
        for (LedgerRef ledger : ledgers) {
            if (!holding.contains(ledger.origin())) {
                throw new FieldException("ledgers", "ledger " + ledger.origin() + " holds none of the items' events");
            }
        }
        unique(items.stream().map(i -> i.exhibit().toString()).toList(), "items", "exhibit");
        unique(items.stream().flatMap(i -> i.path().stream()).toList(), "items", "path");
        unique(events.stream().map(e -> e.id().toString()).toList(), "items", "custody event id");
        unique(events.stream().map(e -> e.ledger() + " entry " + e.index()).toList(), "items", "ledger index");
        unique(files.stream().map(PackageFile::path).toList(), "files", "path");
    }

    /** This manifest with the list of the package's other files (which the writer knows only once it has written them). */
    public EvidenceManifest withFiles(List<PackageFile> packageFiles) {
        return new EvidenceManifest(id, createdAt, ledgers, producer, request, items, packageFiles);
    }

    public Optional<ManifestItem> item(UUID exhibit) {
        return items.stream().filter(i -> i.exhibit().equals(exhibit)).findFirst();
    }

    /** The ledger of this origin, if the package has it. */
    public Optional<LedgerRef> ledger(String origin) {
        return ledgers.stream().filter(l -> l.origin().equals(origin)).findFirst();
    }

    /** The ledger's place in {@link #ledgers()}, from 0, which names its folders in the package; -1 when the package has no such ledger. */
    public int position(String origin) {
        for (int i = 0; i < ledgers.size(); i++) {
            if (ledgers.get(i).origin().equals(origin)) {
                return i;
            }
        }
        return -1;
    }

    /** The producing node's own ledger. */
    public LedgerRef producerLedger() {
        return ledger(producer.ledger()).orElseThrow();
    }

    /** The producing node: the node of its ledger. */
    public NodeRef producerNode() {
        return producerLedger().node();
    }

    /** The manifest as a JSON object, before canonicalisation. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", SCHEMA);
        json.put("id", id.toString());
        json.put("createdAt", JsonFields.instantText(createdAt));
        json.put("ledgers", ledgers.stream().map(EvidenceManifest::ledger).toList());
        OctetKeyPair key = producer.signingKey();
        json.put("producer", Map.of("ledger", producer.ledger(),
                "signingKey", Map.of("kty", "OKP", "crv", "Ed25519", "x", key.getX().toString(), "kid", key.getKeyID())));
        json.put("request", Map.of("id", request.id().toString(), "reference", request.reference(), "instrument", request.instrument(),
                "requesting", authority(request.requesting()), "requested", authority(request.requested())));
        json.put("items", items.stream().map(EvidenceManifest::item).toList());
        json.put("files", files.stream().map(f -> Map.of("path", f.path(), "size", f.size(), "sha256", f.sha256())).toList());
        return json;
    }

    /** The bytes that are signed and stored as {@code manifest.json}. */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(toJson());
    }

    public String sha256() {
        return Sha256.hex(canonicalBytes());
    }

    private static Map<String, Object> ledger(LedgerRef l) {
        return Map.of("origin", l.origin(), "vkey", l.key().vkey(),
                "node", Map.of("id", l.node().id(), "name", l.node().name(), "state", l.node().state()),
                "witnesses", Map.of("quorum", l.witnesses().quorum(), "keys", l.witnesses().witnesses().stream().map(Witness::vkey).toList()));
    }

    private static Map<String, Object> authority(AuthorityRef a) {
        return Map.of("authority", a.authority(), "state", a.state());
    }

    private static Map<String, Object> item(ManifestItem i) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exhibit", i.exhibit().toString());
        json.put("description", i.description());
        json.put("fileName", i.fileName());
        json.put("mediaType", i.mediaType());
        json.put("size", i.size());
        json.put("sha256", i.sha256());
        json.put("bytes", i.bytes().json());
        i.path().ifPresent(p -> json.put("path", p));
        Acquisition a = i.acquisition();
        json.put("acquisition", Map.of("tool", Map.of("name", a.tool().name(), "version", a.tool().version()), "examiner", a.examiner(),
                "source", a.source(), "method", a.method(), "acquiredAt", JsonFields.instantText(a.acquiredAt())));
        json.put("custody", i.custody().stream()
                .map(e -> Map.of("id", e.id().toString(), "ledger", e.ledger(), "index", e.index(), "sha256", e.sha256())).toList());
        return json;
    }

    /** Reads a manifest strictly: UTF-8 canonical JSON (RFC 8785) of this schema, every field well formed, nothing unknown. */
    public static EvidenceManifest parse(byte[] bytes) throws CustodyFormatException {
        if (bytes == null || bytes.length > MAX_BYTES) {
            throw new CustodyFormatException("", "a manifest is at most " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CustodyFormatException("", "a manifest is UTF-8");
        }
        EvidenceManifest manifest;
        try {
            Map<String, Object> json = Json.parseObject(text, MAX_BYTES);
            requireSchema(json.get("schema"));
            manifest = read(JsonFields.of(json, "", FIELDS));
        } catch (JsonException e) {
            throw new CustodyFormatException("", "not JSON: " + e.getMessage());
        } catch (FieldException e) {
            throw new CustodyFormatException(e.field(), e.problem());
        }
        if (!Arrays.equals(bytes, manifest.canonicalBytes())) {
            throw new CustodyFormatException("", "not in canonical form (RFC 8785): the bytes signed must be the one form of the manifest");
        }
        return manifest;
    }

    /** The version first, before any field: a manifest of another version is refused for what it is, not for a field it has. */
    private static void requireSchema(Object schema) {
        if (SCHEMA_1.equals(schema)) {
            throw new FieldException("schema", "is " + SCHEMA_1 + ": a version-1 package, which this verifier no longer reads (version 2, "
                    + SCHEMA + ", carries the custody of every node's ledger); ask the sender for the package in version 2");
        }
        if (!SCHEMA.equals(schema)) {
            throw new FieldException("schema", "must be " + SCHEMA + " (this verifier reads version 2 of the format)");
        }
    }

    private static EvidenceManifest read(JsonFields f) {
        List<LedgerRef> ledgers = f.objects("ledgers", MAX_LEDGERS, Set.of("origin", "vkey", "node", "witnesses"), EvidenceManifest::ledger);
        JsonFields p = f.object("producer", Set.of("ledger", "signingKey"));
        JsonFields key = p.object("signingKey", Set.of("kty", "crv", "x", "kid"));
        if (!"OKP".equals(key.string("kty", 10)) || !"Ed25519".equals(key.string("crv", 10))) {
            throw key.problem("kty", "must be an OKP key on curve Ed25519");
        }
        Producer producer = new Producer(p.string("ledger", 300), Manifests.jwk(key.string("x", 100), key.string("kid", 100)));
        JsonFields r = f.object("request", Set.of("id", "reference", "instrument", "requesting", "requested"));
        RequestRef request = new RequestRef(r.uuid("id"), r.string("reference", 200), r.string("instrument", 300), authority(r, "requesting"),
                authority(r, "requested"));
        List<ManifestItem> items = f.objects("items", MAX_ITEMS,
                Set.of("exhibit", "description", "fileName", "mediaType", "size", "sha256", "bytes", "path", "acquisition", "custody"),
                EvidenceManifest::item);
        List<PackageFile> files = f.objects("files", MAX_FILES, Set.of("path", "size", "sha256"),
                x -> new PackageFile(x.string("path", 300), x.whole("size", 0), x.sha256("sha256")));
        return new EvidenceManifest(f.uuid("id"), f.instant("createdAt"), ledgers, producer, request, items, files);
    }

    private static LedgerRef ledger(JsonFields l) {
        NoteVerifier key;
        try {
            key = NoteVerifier.parse(l.string("vkey", 500));
        } catch (FieldException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw l.problem("vkey", "is not a note verifier key: " + e.getMessage());
        }
        JsonFields n = l.object("node", Set.of("id", "name", "state"));
        JsonFields w = l.object("witnesses", Set.of("quorum", "keys"));
        List<Witness> witnesses = w.list("keys", 100, item -> {
            try {
                return Witness.parse(item.string(500));
            } catch (FieldException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new FieldException(item.where(), "is not a witness key: " + e.getMessage());
            }
        });
        long quorum = w.whole("quorum", 0);
        if (quorum > witnesses.size()) {
            throw w.problem("quorum", "must not exceed the number of witnesses");
        }
        try {
            return new LedgerRef(l.string("origin", 300), key, new NodeRef(n.string("id", 32), n.string("name", 300), n.string("state", 2)),
                    new WitnessPolicy(witnesses, (int) quorum));
        } catch (FieldException e) {
            // The records name the field within the ledger; the reader knows which ledger it is.
            throw new FieldException(l.where() + "." + e.field(), e.problem());
        }
    }

    private static AuthorityRef authority(JsonFields r, String field) {
        JsonFields a = r.object(field, Set.of("authority", "state"));
        return new AuthorityRef(a.string("authority", 300), a.string("state", 2));
    }

    private static ManifestItem item(JsonFields i) {
        ItemBytes bytes = ItemBytes.fromJson(i.string("bytes", 20)).orElseThrow(() -> i.problem("bytes", "must be included or hash-only"));
        JsonFields a = i.object("acquisition", Set.of("tool", "examiner", "source", "method", "acquiredAt"));
        JsonFields tool = a.object("tool", Set.of("name", "version"));
        Acquisition acquisition = new Acquisition(new Tool(tool.string("name", 200), tool.string("version", 100)), a.string("examiner", 200),
                a.string("source", 500), a.string("method", 200), a.instant("acquiredAt"));
        List<EventRef> custody = i.objects("custody", ManifestItem.MAX_EVENTS, Set.of("id", "ledger", "index", "sha256"),
                e -> new EventRef(e.uuid("id"), e.string("ledger", 300), e.whole("index", 0), e.sha256("sha256")));
        try {
            return new ManifestItem(i.uuid("exhibit"), i.string("description", 2000), i.string("fileName", 255), i.string("mediaType", 200),
                    i.whole("size", 0), i.sha256("sha256"), bytes, i.optionalString("path", 300), acquisition, custody);
        } catch (FieldException e) {
            // The record names the field without the item's place in the list; the reader knows it.
            throw e.field().startsWith("items.") ? new FieldException(i.where() + e.field().substring("items".length()), e.problem()) : e;
        }
    }

    private static void unique(List<String> values, String field, String what) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw new FieldException(field, "names " + what + " " + v + " twice");
            }
        }
    }
}
