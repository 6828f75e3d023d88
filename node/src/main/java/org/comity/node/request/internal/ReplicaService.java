package org.comity.node.request.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.evidence.BlobStore;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.Action;
import org.comity.node.request.AttachmentInfo;
import org.comity.node.request.Command;
import org.comity.node.request.Completeness;
import org.comity.node.request.EventActor;
import org.comity.node.request.EventDetails;
import org.comity.node.request.EventType;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.comity.node.request.Lifecycle;
import org.comity.node.request.Party;
import org.comity.node.request.Proposal;
import org.comity.node.request.ProposalRefused;
import org.comity.node.request.RemoteFile;
import org.comity.node.request.Replication;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.RequestState;
import org.comity.node.request.RequestValidator;
import org.comity.node.request.Side;
import org.comity.node.request.Submission;
import org.comity.node.request.TransitionRefused;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The request's side of the exchange (see {@link Replication}). Everything a peer sends is checked
 * as strictly as what a user types: the sender must host the other side of the request, the
 * document must be valid under its instrument, events must follow on without a gap, and files must
 * match their SHA-256. A failed check throws, and the exchange's transaction leaves nothing behind.
 */
@Service
class ReplicaService implements Replication {

    private final RequestStore store;
    private final RequestService requests;
    private final Instruments instruments;
    private final Directory directory;
    private final BlobStore blobs;
    private final AuditTrail audit;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final ComityProperties properties;

    ReplicaService(RequestStore store, RequestService requests, Instruments instruments, Directory directory, BlobStore blobs,
            AuditTrail audit, ApplicationEventPublisher publisher, Clock clock, ComityProperties properties) {
        this.store = store;
        this.requests = requests;
        this.instruments = instruments;
        this.directory = directory;
        this.blobs = blobs;
        this.audit = audit;
        this.publisher = publisher;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    @Transactional(readOnly = true)
    public Submission submission(UUID requestId, RequestEvent submitted) {
        if (submitted.type() != EventType.SUBMITTED) {
            throw new IllegalArgumentException("a submission carries the SUBMITTED event, not " + submitted.type());
        }
        RequestRow row = store.find(requestId, false).orElseThrow(() -> ComityException.notFound("Request"));
        List<RemoteFile> files = new ArrayList<>();
        for (AttachmentInfo info : store.attachments(requestId)) {
            files.add(new RemoteFile(info, bytes(info)));
        }
        return new Submission(requestId, row.summary().reference(), submitted, files);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<RemoteFile> file(UUID requestId, UUID attachmentId) {
        return store.attachment(requestId, attachmentId).map(info -> new RemoteFile(info, bytes(info)));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void receive(String sender, Submission submission) {
        RequestEvent submitted = submission.submitted();
        if (submitted == null || submitted.type() != EventType.SUBMITTED || submitted.details().document() == null) {
            throw invalid("submitted", "A submission carries the SUBMITTED event with the document as submitted.");
        }
        if (store.find(submission.id(), false).isPresent()) {
            throw ComityException.conflict("already-received", "Request " + submission.id() + " has already been received.");
        }
        if (submission.reference() == null || !submission.reference().matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")) {
            throw invalid("reference", "A reference is 1 to 64 letters, digits and . _ / -.");
        }
        RequestDocument document = submitted.details().document();
        Authority requesting = remoteAuthority(document.requestingAuthority(), sender, "requestingAuthority");
        Authority requested = document.requestedAuthority() == null ? null : directory.authority(document.requestedAuthority()).orElse(null);
        if (requested == null || !requested.local() || !requested.active()) {
            throw invalid("requestedAuthority", "The requested authority is not an active authority of this node.");
        }
        Instrument instrument = instruments.find(document.instrument())
                .orElseThrow(() -> invalid("instrument", "This node does not know the instrument " + document.instrument() + "."));
        if (!instrument.channel().allows(requested.kind(), document.urgency())) {
            throw invalid("requestedAuthority", "Under " + instrument.citation() + " a request does not go to a " + requested.kind() + ".");
        }
        List<FieldProblem> problems = new ArrayList<>(RequestValidator.check(document));
        problems.addAll(Completeness.check(document, instrument));
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The submitted request has errors.", problems);
        }
        checkActor(submitted.actor(), requesting);
        if (submitted.seq() < 1) {
            throw invalid("seq", "Events are numbered from 1.");
        }
        store.insert(submission.id(), submission.reference(), document, instrument.requestType(), requesting.stateCode(),
                requested.stateCode(), null, submitted.at());
        for (RemoteFile file : submission.files()) {
            storeFile(submission.id(), file, Side.REQUESTING);
        }
        RequestState state = Lifecycle.apply(RequestState.EMPTY, submitted);
        Command deliver = new Command(Action.DELIVER, null, EventActor.node(properties.node().id()), "Delivered to " + properties.node().id(),
                null, null, null, null, null, new EventDetails(null, null, null, null, null, null, null, null, null,
                        RequestService.receipt(document), null));
        List<RequestEvent> events = new ArrayList<>();
        events.add(submitted);
        events.addAll(Lifecycle.decide(state, instrument, deliver, clock));
        requests.commit(null, submission.id(), 0, RequestState.EMPTY, List.of(), events,
                new RequestService.Checked(instrument, requesting, requested), "request.receive", Map.of());
        audit.success(Actor.system(properties.node().id()), "request.receive", "request", submission.id(),
                Map.of("reference", submission.reference(), "from", sender, "files", submission.files().size()));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String sender, UUID requestId, RequestEvent event, RemoteFile file) {
        RequestRow row = store.find(requestId, true).orElseThrow(() -> ComityException.notFound("Request"));
        Authority requested = authority(row.summary().requestedAuthority());
        Authority requesting = authority(row.summary().requestingAuthority());
        if (requested == null || requested.local() || !requested.nodeId().equals(sender) || !requesting.local()) {
            throw ComityException.notFound("Request"); // the sender is not the requested side of this request
        }
        List<RequestEvent> history = store.events(requestId);
        RequestState state = Lifecycle.replay(history);
        if (event.seq() != state.version() + 1) {
            throw ComityException.conflict("out-of-sequence", "Event " + event.seq() + " does not follow event " + state.version() + ".");
        }
        if (event.type() == EventType.CREATED || event.type() == EventType.EDITED || event.type() == EventType.SUBMITTED) {
            throw invalid("event", "Only the requesting node records " + event.type() + ".");
        }
        checkRecorded(sender, requestId, requested, state, event);
        if (event.type() == EventType.ATTACHMENT_ADDED) {
            if (file == null || !file.info().id().equals(event.details().attachment())) {
                throw invalid("file", "An ATTACHMENT_ADDED event travels with its file.");
            }
            if (store.attachment(requestId, file.info().id()).isEmpty()) {
                storeFile(requestId, file, event.details().side() == null ? Side.REQUESTED : event.details().side());
            }
        }
        store.settleProposal(event.id(), "RECORDED", null, clock.instant());
        requests.commit(null, requestId, state.version(), state, history, List.of(event), requests.partiesOf(state.document()),
                "request.record", Map.of());
        audit.success(Actor.system(properties.node().id()), "request.record", "request", requestId,
                Map.of("event", event.type().name(), "seq", event.seq(), "from", sender));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void propose(String sender, UUID requestId, Proposal proposal, RemoteFile file) {
        RequestRow row = store.find(requestId, true).orElseThrow(() -> ComityException.notFound("Request"));
        Authority requesting = authority(row.summary().requestingAuthority());
        Authority requested = authority(row.summary().requestedAuthority());
        if (requesting == null || requesting.local() || !requesting.nodeId().equals(sender) || requested == null || !requested.local()) {
            throw ComityException.notFound("Request");
        }
        checkActor(proposal.actor(), requesting);
        List<RequestEvent> history = store.events(requestId);
        RequestState state = Lifecycle.replay(history);
        Instrument instrument = instruments.find(row.summary().instrument()).orElseThrow();
        Action action = proposal.action();
        EventDetails supplied = null;
        if (action == Action.ADD_ATTACHMENT) {
            if (file == null) {
                throw invalid("file", "A proposed attachment travels with its file.");
            }
            supplied = new EventDetails(Side.REQUESTING, null, null, null, null, file.info().id(), file.info().fileName(), file.info().sha256(),
                    file.info().size(), null, null);
        }
        Command command = new Command(action, Side.REQUESTING, proposal.actor(), proposal.reason(), proposal.ground(), proposal.until(),
                proposal.authority(), proposal.request(), proposal.document(), supplied);
        List<RequestEvent> decided;
        try {
            if (action.party() != Party.REQUESTING && action.party() != Party.EITHER) {
                throw new TransitionRefused("Only the requested side may " + action.slug() + ".");
            }
            decided = Lifecycle.decide(state, instrument, command, clock);
        } catch (ComityException refused) { // includes TransitionRefused
            // The requesting side saw an older state (the two sides acted at once): tell it, change nothing here.
            publisher.publishEvent(new ProposalRefused(requestId, requesting.id(), proposal.id(), refused.getMessage()));
            audit.record(Actor.system(properties.node().id()), "request.proposal", "request", requestId.toString(), AuditTrail.Outcome.DENIED,
                    Map.of("action", action.slug(), "reason", refused.getMessage(), "from", sender));
            return;
        }
        if (action == Action.ADD_ATTACHMENT && store.attachment(requestId, file.info().id()).isEmpty()) {
            storeFile(requestId, file, Side.REQUESTING);
        }
        RequestEvent event = decided.getFirst();
        List<RequestEvent> events = List.of(new RequestEvent(proposal.id(), event.seq(), event.type(), event.at(), event.actor(), event.reason(),
                event.details()));
        requests.commit(null, requestId, state.version(), state, history, events, requests.partiesOf(state.document()), "request.propose", Map.of());
        audit.success(Actor.system(properties.node().id()), "request.proposal", "request", requestId,
                Map.of("action", action.slug(), "seq", event.seq(), "from", sender, "actor", proposal.actor().name()));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void refused(String sender, UUID requestId, UUID proposalId, String reason) {
        RequestRow row = store.find(requestId, true).orElseThrow(() -> ComityException.notFound("Request"));
        Authority requested = authority(row.summary().requestedAuthority());
        if (requested == null || !requested.nodeId().equals(sender)) {
            throw ComityException.notFound("Request");
        }
        String why = reason == null ? "no reason given" : reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        if (!store.settleProposal(proposalId, "REFUSED", why, clock.instant())) {
            throw ComityException.notFound("Proposal");
        }
    }

    /**
     * What the requested node records is appended without judging the transition (its lifecycle
     * keeps the timeline; messages.md, "Versions"), but it may not reach beyond its side of the
     * request: an event in the name of one of this node's authorities is one of its pending
     * proposals, as proposed (action, user, authority, words); anyone else who acts, and whoever the
     * request is assigned to, belongs to the sending node in the requested state (one the trust list
     * does not name yet is "not yet": 503); and a document it carries keeps the request's legal
     * basis, urgency and authorities, so no event can readdress the request.
     */
    private void checkRecorded(String sender, UUID requestId, Authority requested, RequestState state, RequestEvent event) {
        EventActor actor = event.actor();
        if (actor == null || actor.name() == null || actor.name().isBlank() || actor.name().length() > MAX_ACTOR_NAME) {
            throw invalid("event.actor", "Every event names who acted.");
        }
        Authority acting = known(actor.authorityId());
        if (acting != null && acting.local()) {
            RequestStore.PendingProposal proposal = store.pendingProposal(requestId, event.id()).orElse(null);
            if (proposal == null || proposal.action().produces() != event.type() || !Objects.equals(proposal.userId(), actor.userId())
                    || proposal.words() != null && (!proposal.words().equals(RequestStore.words(event.reason()))
                            || !Objects.equals(proposal.authorityId(), actor.authorityId()))) {
                throw invalid("event.actor", "An event in the name of this node's authority is one of its pending proposals, recorded as proposed.");
            }
        } else if (acting != null && !ofNode(acting, sender, requested.stateCode())) {
            throw invalid("event.actor", "Whoever acts on the requested side is an authority of node " + sender + " in " + requested.stateCode() + ".");
        }
        if (event.type() == EventType.ASSIGNED) {
            Authority to = known(event.details().authority());
            if (to == null || !ofNode(to, sender, requested.stateCode())) {
                throw invalid("event.details.authority", "A request is assigned to an authority of node " + sender + " in "
                        + requested.stateCode() + ".");
            }
        }
        RequestDocument document = event.details().document();
        if (document != null) {
            RequestDocument was = state.document();
            if (was == null || !Objects.equals(document.instrument(), was.instrument()) || document.urgency() != was.urgency()
                    || !Objects.equals(document.requestingAuthority(), was.requestingAuthority())
                    || !Objects.equals(document.requestedAuthority(), was.requestedAuthority())) {
                throw invalid("event.details.document", "An event's document keeps the request's legal basis, urgency and authorities.");
            }
            List<FieldProblem> problems = RequestValidator.check(document);
            if (!problems.isEmpty()) {
                throw ComityException.invalid("The event's document has errors.", problems);
            }
        }
    }

    private static boolean ofNode(Authority authority, String node, String state) {
        return authority != null && !authority.local() && node.equals(authority.nodeId()) && state.equals(authority.stateCode());
    }

    private Authority remoteAuthority(UUID id, String sender, String field) {
        Authority authority = id == null ? null : directory.authority(id).orElse(null);
        if (authority == null || authority.local() || !authority.nodeId().equals(sender)) {
            throw invalid(field, "The requesting authority is not an authority of node " + sender + " in the trust list.");
        }
        return authority;
    }

    /**
     * Longest actor name taken: a user's display name (100) and, in brackets, the authority's (200),
     * as {@code RequestService} writes it.
     */
    static final int MAX_ACTOR_NAME = 400;

    /**
     * An event's actor speaks for the sending side: its authority for this request, another
     * authority the sending node hosts in that state (its central authority, say, which sees all of
     * its state's requests), or the node itself.
     */
    private void checkActor(EventActor actor, Authority side) {
        if (actor == null || actor.name() == null || actor.name().isBlank() || actor.name().length() > MAX_ACTOR_NAME) {
            throw invalid("actor", "Every event names who acted.");
        }
        if (actor.authorityId() != null && !actor.authorityId().equals(side.id())
                && !ofNode(known(actor.authorityId()), side.nodeId(), side.stateCode())) {
            throw invalid("actor", "The actor must belong to an authority the sending node hosts in " + side.stateCode() + ".");
        }
    }

    private Authority authority(UUID id) {
        return id == null ? null : directory.authority(id).orElse(null);
    }

    /**
     * The authority an event names, or null when it names none. One this node does not know yet
     * (created on the peer since the trust list's edition) is not a verdict: the message is answered
     * 503 and comes again, until a list names it.
     */
    private Authority known(UUID id) {
        if (id == null) {
            return null;
        }
        return directory.authority(id).orElseThrow(() -> new ComityException(503, "unavailable",
                "Authority " + id + " is not in this node's trust list yet."));
    }

    private void storeFile(UUID requestId, RemoteFile file, Side side) {
        AttachmentInfo info = file.info();
        if (file.content() == null || info == null || info.id() == null || file.content().length != info.size()
                || !org.comity.node.platform.Sha256.hex(file.content()).equals(info.sha256())) {
            throw invalid("file", "A file's bytes do not match its size and SHA-256.");
        }
        if (info.size() > RequestService.MAX_ATTACHMENT_BYTES) {
            throw invalid("file", "Attachments exchanged between nodes are limited to "
                    + RequestService.MAX_ATTACHMENT_BYTES / (1024 * 1024) + " MB.");
        }
        try {
            blobs.put(new ByteArrayInputStream(file.content()), RequestService.MAX_ATTACHMENT_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = RequestService.cleanFileName(info.fileName());
        store.insertAttachment(requestId, new AttachmentInfo(info.id(), name, RequestService.mediaType(info.mediaType()), info.size(),
                info.sha256(), info.uploadedAt() == null ? clock.instant() : info.uploadedAt(), side), null);
    }

    private byte[] bytes(AttachmentInfo info) {
        try (InputStream in = blobs.open(info.sha256()).orElseThrow(() -> new IllegalStateException("blob missing for attachment " + info.id()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ComityException invalid(String field, String message) {
        return ComityException.invalid(message, List.of(FieldProblem.of(field, "invalid", message)));
    }
}
