package org.comity.node.evidence.internal;

import static org.comity.node.platform.Sql.ts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.CustodyFormatException;
import org.comity.custody.event.LegalAuthority;
import org.comity.custody.event.Tool;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.evidence.EvidenceItem;
import org.comity.node.evidence.RequestLookup;
import org.comity.node.ledger.CustodyLedger;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes an item's chain of custody: each event is linked to the item's previous one, kept in
 * {@code custody_event} and appended to the custody ledger, all in the transaction of the act it
 * records (ISO/IEC 27037: who, what, when, where, why, under what authority, with which hashes).
 */
@Component
class CustodyRecorder {

    /** This software, as the tool of the events it performs itself (storing, transferring, verifying, exporting). */
    static final Tool COMITY = new Tool("Comity", Optional.ofNullable(CustodyRecorder.class.getPackage().getImplementationVersion()).orElse("0.1.0"));

    private final JdbcClient jdbc;
    private final CustodyLedger ledger;
    private final Directory directory;
    private final RequestLookup requests;
    private final ComityProperties.Node node;
    private final java.time.Clock clock;

    CustodyRecorder(JdbcClient jdbc, CustodyLedger ledger, Directory directory, RequestLookup requests, ComityProperties properties,
            java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.directory = directory;
        this.requests = requests;
        this.node = properties.node();
    }

    /**
     * Who performed an act, as the chain of custody names them: a person of an authority, or this
     * node acting for the authority that holds the item.
     */
    org.comity.custody.event.Actor who(Actor actor, String role, EvidenceItem item) {
        if (actor.isSystem() || actor.authorityId() == null) {
            return person("Comity node " + node.id(), "node", item.authorityId());
        }
        String authority = directory.authority(actor.authorityId()).map(Authority::name).orElse(actor.authorityName());
        org.comity.custody.event.Actor who = org.comity.custody.event.Actor.of(actor.displayName(), role, actor.authorityId(), authority);
        return actor.userId() == null ? who : who.withUser(actor.userId().toString());
    }

    /** A named person of an authority who is not a user here (the examiner who acquired the evidence). */
    org.comity.custody.event.Actor person(String name, String role, UUID authorityId) {
        return org.comity.custody.event.Actor.of(name, role, authorityId,
                directory.authority(authorityId).map(Authority::name).orElse("authority " + authorityId));
    }

    /**
     * Records one event of {@code item}'s chain.
     *
     * @param details facts worth keeping with the event (size, file name, method...): texts or whole numbers
     */
    @Transactional(propagation = Propagation.MANDATORY)
    CustodyEvent record(EvidenceItem item, CustodyAction action, org.comity.custody.event.Actor actor, Tool tool, Instant at, String reason,
            String inputSha256, String outputSha256, Map<String, ?> details) {
        return record(item, action, actor, tool, at, reason, inputSha256, outputSha256, details, null);
    }

    /**
     * As {@link #record}, for the first event of an item received from another node: it follows the
     * sender's last event of the exhibit ({@code previousElsewhere}, its SHA-256), so one chain runs
     * across the hand-over.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    CustodyEvent record(EvidenceItem item, CustodyAction action, org.comity.custody.event.Actor actor, Tool tool, Instant at, String reason,
            String inputSha256, String outputSha256, Map<String, ?> details, CustodyEvent previousElsewhere) {
        jdbc.sql("select id from evidence_item where id = ? for update").param(item.id()).query(UUID.class).single();
        Optional<CustodyEvent> previous = last(item.id()).or(() -> Optional.ofNullable(previousElsewhere));
        if (previous.isPresent() && previous.get().action() == CustodyAction.DISPOSE) {
            throw new ComityException(410, "evidence-disposed", "This item was disposed of on " + previous.get().at()
                    + "; nothing more happens to it on this node.");
        }
        CustodyEvent.Builder event = CustodyEvent.builder(Ids.newId(clock), item.exhibit(), action)
                .actor(actor).tool(tool).node(node.id(), node.state()).at(at).reason(reason);
        previous.ifPresent(event::after);
        requests.legalBasis(item.requestId()).ifPresent(b -> event.authority(LegalAuthority.of(b.citation(), b.reference(), b.requestId())));
        if (inputSha256 != null) {
            event.inputSha256(inputSha256);
        }
        if (outputSha256 != null) {
            event.outputSha256(outputSha256);
        }
        details.forEach((name, value) -> {
            if (value instanceof Number n) {
                event.detail(name, n.longValue());
            } else if (value != null) {
                event.detail(name, value.toString());
            }
        });
        CustodyEvent built = event.build();
        int seq = jdbc.sql("select coalesce(max(seq), 0) + 1 from custody_event where item_id = ?").param(item.id()).query(Integer.class).single();
        jdbc.sql("insert into custody_event (id, item_id, exhibit_id, seq, action, at, actor_name, event, sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(built.id(), item.id(), item.exhibit(), seq, action.name(), ts(at), actor.name(), built.canonicalBytes(), built.sha256())
                .update();
        ledger.append(ref(built.id()), CustodyLedger.CUSTODY, built.canonicalBytes());
        return built;
    }

    /**
     * A new item's first two events: its acquisition, as the examiner declared it (tool, source,
     * method, time), then its storing in this node's vault by the person who uploaded it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void acquired(EvidenceItem item, String storedBy, Instant storedAt) {
        var a = item.acquisition();
        record(item, CustodyAction.ACQUIRE, person(a.examiner(), "examiner", item.authorityId()), new Tool(a.tool(), a.toolVersion()),
                a.acquiredAt(), a.method() + " from " + a.source(), null, item.sha256(),
                Map.of("source", a.source(), "method", a.method(), "fileName", item.fileName(), "size", item.size()));
        record(item, CustodyAction.UPLOAD, person(storedBy, "uploader", item.authorityId()), COMITY,
                storedAt.isBefore(a.acquiredAt()) ? a.acquiredAt() : storedAt, "Stored in the vault of node " + node.id(), item.sha256(),
                item.sha256(), Map.of("size", item.size(), "mediaType", item.mediaType()));
    }

    static String ref(UUID eventId) {
        return "custody:" + eventId;
    }

    /** The item's chain on this node, in order. */
    List<CustodyEvent> chain(UUID itemId) {
        return jdbc.sql("select event from custody_event where item_id = ? order by seq").param(itemId)
                .query((rs, n) -> read(rs.getBytes(1))).list();
    }

    /** The item's chain with each event's place in the ledger. */
    List<org.comity.node.evidence.CustodyRecord> records(UUID itemId) {
        return chain(itemId).stream().map(e -> new org.comity.node.evidence.CustodyRecord(e.toJson(), e.sha256(),
                ledger.indexOf(ref(e.id())).stream().boxed().findFirst().orElse(null))).toList();
    }

    private Optional<CustodyEvent> last(UUID itemId) {
        return jdbc.sql("select event from custody_event where item_id = ? order by seq desc limit 1").param(itemId)
                .query((rs, n) -> read(rs.getBytes(1))).optional();
    }

    private static CustodyEvent read(byte[] stored) {
        try {
            return CustodyEvent.parseCanonical(stored);
        } catch (CustodyFormatException e) {
            throw new IllegalStateException("a stored custody event does not read back: " + e.getMessage(), e);
        }
    }
}
