package org.comity.custody.caseuco;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.comity.custody.event.Actor;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.LegalAuthority;
import org.comity.custody.event.Tool;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.JsonFields;
import org.comity.custody.manifest.AuthorityRef;
import org.comity.custody.manifest.EventRef;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.ManifestItem;
import org.comity.custody.manifest.NodeRef;

/**
 * The chain of custody of a package in CASE 1.4 / UCO 1.4 JSON-LD ({@code custody.jsonld}), for
 * forensic tools that read CASE: each item a {@code uco-observable:File} with its file and content
 * facets (name, size, media type, SHA-256), each custody event a
 * {@code case-investigation:InvestigativeAction} (performer, participants, tool, place, time, the
 * item's provenance record as object and result; a hand-over between nodes is the transfer and the
 * receipt, each naming the other side as participants), one {@code case-investigation:ProvenanceRecord} per
 * item, the request as a {@code case-investigation:Investigation} with its legal grounds as
 * {@code case-investigation:Authorization}s, and people and authorities as identities and
 * organisations. Node identifiers end in a UUID, as UCO asks, derived from Comity's ids so the same
 * exhibit has the same IRI in every export. Deterministic: the same manifest and events give the
 * same bytes (canonical JSON).
 */
public final class CaseUcoExport {

    /** Where the graph's own nodes live: {@code urn:comity:<kind>-<uuid>}. */
    public static final String KB = "urn:comity:";

    private CaseUcoExport() {}

    /**
     * The export of {@code manifest}'s items and their {@code events}, each item's in the chain order
     * the manifest gives, across the ledgers of the nodes it passed through, as UTF-8 JSON-LD.
     *
     * @throws IllegalArgumentException if an event is not one the manifest pins, or a pinned event is not given
     */
    public static byte[] export(EvidenceManifest manifest, List<CustodyEvent> events) {
        Map<UUID, CustodyEvent> byId = new HashMap<>();
        events.forEach(e -> byId.put(e.id(), e));
        Set<UUID> pinned = new HashSet<>();
        manifest.items().forEach(i -> i.custody().forEach(r -> pinned.add(r.id())));
        for (CustodyEvent event : events) {
            if (!pinned.contains(event.id())) {
                throw new IllegalArgumentException("event " + event.id() + " concerns an exhibit that is not in the manifest, or is not pinned by it");
            }
        }
        Graph graph = new Graph(manifest);
        List<Object> investigationObjects = new ArrayList<>();
        Map<UUID, String> records = new LinkedHashMap<>();
        for (ManifestItem item : manifest.items()) {
            String file = graph.file(item);
            String record = graph.add("provenance-record", item.exhibit().toString(), Map.of(
                    "@type", "case-investigation:ProvenanceRecord",
                    "uco-core:name", "Exhibit " + item.exhibit(),
                    "uco-core:description", item.description(),
                    "case-investigation:exhibitNumber", item.exhibit().toString(),
                    "uco-core:object", List.of(ref(file))));
            records.put(item.exhibit(), record);
            investigationObjects.add(ref(file));
            investigationObjects.add(ref(record));
        }
        List<Object> authorizations = new ArrayList<>();
        authorizations.add(ref(graph.authorization(manifest.request().instrument(), manifest.request().reference(),
                manifest.request().id().toString())));
        for (ManifestItem item : manifest.items()) {
            List<EventRef> chain = item.custody();
            for (int i = 0; i < chain.size(); i++) {
                CustodyEvent event = given(byId, chain.get(i));
                // At a hand-over the chain passes from one node's ledger to another's: the transfer before it, the receipt after it.
                Optional<CustodyEvent> from = i > 0 && !chain.get(i - 1).ledger().equals(chain.get(i).ledger())
                        ? Optional.of(given(byId, chain.get(i - 1))) : Optional.empty();
                Optional<CustodyEvent> to = i + 1 < chain.size() && !chain.get(i + 1).ledger().equals(chain.get(i).ledger())
                        ? Optional.of(given(byId, chain.get(i + 1))) : Optional.empty();
                String action = graph.action(event, records.get(item.exhibit()), from, to);
                investigationObjects.add(ref(action));
                event.authority().ifPresent(a -> {
                    Map<String, Object> authorization = ref(graph.authorization(a));
                    if (!authorizations.contains(authorization)) {
                        authorizations.add(authorization);
                    }
                });
            }
        }
        investigationObjects.add(ref(graph.organization(manifest.request().requesting())));
        investigationObjects.add(ref(graph.organization(manifest.request().requested())));
        NodeRef producer = manifest.producerNode();
        graph.add("investigation", manifest.request().id().toString(), Map.of(
                "@type", "case-investigation:Investigation",
                "uco-core:name", "Request " + manifest.request().reference(),
                "uco-core:description", "Evidence produced by node " + producer.id() + " (" + producer.name() + ") for "
                        + manifest.request().requesting().authority() + " (" + manifest.request().requesting().state() + ") under "
                        + manifest.request().instrument() + "; package " + manifest.id() + "; custody recorded in the ledgers of nodes "
                        + String.join(", ", manifest.ledgers().stream().map(l -> l.node().id()).toList()),
                "case-investigation:relevantAuthorization", authorizations,
                "uco-core:object", investigationObjects));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@context", context());
        document.put("@graph", graph.nodes);
        return CanonicalJson.write(document).getBytes(StandardCharsets.UTF_8);
    }

    private static CustodyEvent given(Map<UUID, CustodyEvent> events, EventRef ref) {
        CustodyEvent event = events.get(ref.id());
        if (event == null) {
            throw new IllegalArgumentException("the manifest pins event " + ref.id() + ", which is not given");
        }
        return event;
    }

    private static Map<String, Object> context() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("kb", KB);
        context.put("case-investigation", "https://ontology.caseontology.org/case/investigation/");
        context.put("uco-action", "https://ontology.unifiedcyberontology.org/uco/action/");
        context.put("uco-core", "https://ontology.unifiedcyberontology.org/uco/core/");
        context.put("uco-identity", "https://ontology.unifiedcyberontology.org/uco/identity/");
        context.put("uco-location", "https://ontology.unifiedcyberontology.org/uco/location/");
        context.put("uco-observable", "https://ontology.unifiedcyberontology.org/uco/observable/");
        context.put("uco-tool", "https://ontology.unifiedcyberontology.org/uco/tool/");
        context.put("uco-types", "https://ontology.unifiedcyberontology.org/uco/types/");
        context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        return context;
    }

    private static Map<String, Object> ref(String id) {
        return Map.of("@id", id);
    }

    private static Map<String, Object> dateTime(java.time.Instant at) {
        return Map.of("@type", "xsd:dateTime", "@value", JsonFields.instantText(at));
    }

    /** The graph under construction: each node once, in the order first added. */
    private static final class Graph {
        final List<Object> nodes = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        /** The nodes whose ledgers the package holds, by id, to name the places where actions happened. */
        final Map<String, NodeRef> comityNodes = new HashMap<>();

        Graph(EvidenceManifest manifest) {
            manifest.ledgers().forEach(l -> comityNodes.put(l.node().id(), l.node()));
        }

        /** Adds a node whose IRI is derived from its kind and key, unless one with that IRI is there; returns the IRI. */
        String add(String kind, String key, Map<String, Object> body) {
            String id = iri(kind, key);
            if (ids.add(id)) {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("@id", id);
                node.putAll(body);
                nodes.add(node);
            }
            return id;
        }

        String file(ManifestItem item) {
            String exhibit = item.exhibit().toString();
            Map<String, Object> hash = new LinkedHashMap<>();
            hash.put("@id", iri("hash", exhibit));
            hash.put("@type", "uco-types:Hash");
            // UCO 1.4 wants hashMethod as a plain xsd:string drawn from HashNameVocab (a typed literal draws a warning).
            hash.put("uco-types:hashMethod", "SHA256");
            hash.put("uco-types:hashValue", Map.of("@type", "xsd:hexBinary", "@value", item.sha256()));
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("@id", iri("content-data-facet", exhibit));
            content.put("@type", "uco-observable:ContentDataFacet");
            content.put("uco-observable:hash", List.of(hash));
            content.put("uco-observable:mimeType", item.mediaType());
            content.put("uco-observable:sizeInBytes", item.size());
            Map<String, Object> fileFacet = new LinkedHashMap<>();
            fileFacet.put("@id", iri("file-facet", exhibit));
            fileFacet.put("@type", "uco-observable:FileFacet");
            fileFacet.put("uco-observable:fileName", item.fileName());
            fileFacet.put("uco-observable:sizeInBytes", item.size());
            return add("file", exhibit, Map.of(
                    "@type", "uco-observable:File",
                    "uco-core:name", item.fileName(),
                    "uco-core:description", item.description() + (item.path().isPresent() ? "; included in the package as " + item.path().get()
                            : "; not included in the package (hash only)"),
                    "uco-core:hasFacet", List.of(fileFacet, content)));
        }

        /**
         * An investigative action for one event. Its performer is the person who acted; its participants
         * their organisation and, at a hand-over, the other side: for a receipt the person who sent
         * the item ({@code from}, the event before it in another node's ledger) and their organisation,
         * for a transfer the person who received it ({@code to}, the event after it) and theirs.
         */
        String action(CustodyEvent event, String record, Optional<CustodyEvent> from, Optional<CustodyEvent> to) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("@type", "case-investigation:InvestigativeAction");
            body.put("uco-core:name", event.action().json());
            body.put("uco-core:description", description(event, from, to));
            body.put("uco-action:startTime", dateTime(event.at()));
            body.put("uco-action:endTime", dateTime(event.at()));
            body.put("uco-action:performer", ref(identity(event.actor())));
            List<Object> participants = new ArrayList<>(List.of(ref(organization(event.actor()))));
            Stream.concat(from.stream(), to.stream()).forEach(other -> {
                for (Map<String, Object> party : List.of(ref(identity(other.actor())), ref(organization(other.actor())))) {
                    if (!participants.contains(party)) {
                        participants.add(party); // one authority may act on both sides (a ministry between two of its own nodes)
                    }
                }
            });
            body.put("uco-action:participant", participants);
            body.put("uco-action:instrument", List.of(ref(tool(event.tool()))));
            body.put("uco-action:location", ref(location(event.node(), event.state())));
            if (event.action() != CustodyAction.ACQUIRE && event.action() != CustodyAction.RECEIVE) {
                body.put("uco-action:object", List.of(ref(record)));
            }
            body.put("uco-action:result", List.of(ref(record)));
            return add("investigative-action", event.id().toString(), body);
        }

        private static String description(CustodyEvent event, Optional<CustodyEvent> from, Optional<CustodyEvent> to) {
            StringBuilder text = new StringBuilder(event.reason());
            from.ifPresent(other -> text.append("; from node ").append(other.node()).append(" (state ").append(other.state()).append("), which ")
                    .append(other.action().pastTense()).append(" it on ").append(JsonFields.instantText(other.at())));
            to.ifPresent(other -> text.append("; to node ").append(other.node()).append(" (state ").append(other.state()).append("), which ")
                    .append(other.action().pastTense()).append(" it on ").append(JsonFields.instantText(other.at())));
            event.authority().ifPresent(a -> text.append("; under ").append(a.instrument()).append(", ").append(a.reference()));
            event.inputSha256().ifPresent(h -> text.append("; SHA-256 in ").append(h));
            event.outputSha256().ifPresent(h -> text.append("; SHA-256 out ").append(h));
            text.append("; Comity custody event ").append(event.id());
            return text.toString();
        }

        String organization(Actor actor) {
            return add("organization", actor.authorityId().toString(), Map.of(
                    "@type", "uco-identity:Organization",
                    "uco-core:name", actor.authorityName()));
        }

        String identity(Actor actor) {
            organization(actor);
            return add("identity", actor.authorityId() + "\n" + actor.name() + "\n" + actor.role() + "\n" + actor.userId().orElse(""), Map.of(
                    "@type", "uco-identity:Identity",
                    "uco-core:name", actor.name(),
                    "uco-core:description", actor.role() + " of " + actor.authorityName() + actor.userId().map(u -> " (user " + u + ")").orElse("")));
        }

        String organization(AuthorityRef authority) {
            return add("organization", authority.state() + "\n" + authority.authority(), Map.of(
                    "@type", "uco-identity:Organization",
                    "uco-core:name", authority.authority() + " (" + authority.state() + ")"));
        }

        String tool(Tool tool) {
            return add("tool", tool.name() + "\n" + tool.version(), Map.of(
                    "@type", "uco-tool:Tool",
                    "uco-core:name", tool.name(),
                    "uco-tool:version", tool.version()));
        }

        String location(String node, String state) {
            NodeRef known = comityNodes.get(node);
            String name = known != null && known.state().equals(state) ? "Comity node " + node + " (" + known.name() + "), state " + state
                    : "Comity node " + node + ", state " + state;
            return add("location", node + "\n" + state, Map.of(
                    "@type", "uco-location:Location",
                    "uco-core:name", name));
        }

        String authorization(LegalAuthority legal) {
            return authorization(legal.instrument(), legal.reference(), legal.requestId().map(UUID::toString).orElse(""));
        }

        String authorization(String instrument, String reference, String requestId) {
            return add("authorization", instrument + "\n" + reference + "\n" + requestId, Map.of(
                    "@type", "case-investigation:Authorization",
                    "uco-core:name", reference,
                    "case-investigation:authorizationType", instrument,
                    "case-investigation:authorizationIdentifier", List.of(requestId.isEmpty() ? reference : reference + " (request " + requestId + ")")));
        }

        private static String iri(String kind, String key) {
            return "kb:" + kind + "-" + UUID.nameUUIDFromBytes((kind + "\n" + key).getBytes(StandardCharsets.UTF_8));
        }
    }
}
