package org.comity.node.request.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.evidence.BlobStore;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Ids;
import org.comity.node.request.Action;
import org.comity.node.request.AttachmentInfo;
import org.comity.node.request.Command;
import org.comity.node.request.CommandInput;
import org.comity.node.request.Completeness;
import org.comity.node.request.Deadline;
import org.comity.node.request.EventActor;
import org.comity.node.request.EventDetails;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.comity.node.request.LegalClock;
import org.comity.node.request.Lifecycle;
import org.comity.node.platform.Page;
import org.comity.node.request.Party;
import org.comity.node.request.Proposal;
import org.comity.node.request.RemoteFile;
import org.comity.node.request.RequestActionProposed;
import org.comity.node.request.RequestAccess;
import org.comity.node.request.RequestDetail;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.RequestEventsAppended;
import org.comity.node.request.RequestQuery;
import org.comity.node.request.RequestState;
import org.comity.node.request.RequestStatus;
import org.comity.node.request.RequestSummary;
import org.comity.node.request.RequestValidator;
import org.comity.node.request.Requests;
import org.comity.node.request.Side;
import org.comity.node.request.TransitionRefused;
import org.comity.node.request.Urgency;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change to a request follows one rhythm: load (locked), check the actor may see it (404)
 * and act (403), let the pure {@link Lifecycle} decide, append the events, derive the projection
 * and deadlines from them, record the audit event, all in one transaction.
 */
@Service
class RequestService implements Requests {

    static final long MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;

    private final RequestStore store;
    private final Instruments instruments;
    private final Directory directory;
    private final AuditTrail audit;
    private final BlobStore blobs;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final ComityProperties properties;

    RequestService(RequestStore store, Instruments instruments, Directory directory, AuditTrail audit, BlobStore blobs,
            ApplicationEventPublisher publisher, Clock clock, ComityProperties properties) {
        this.store = store;
        this.instruments = instruments;
        this.directory = directory;
        this.audit = audit;
        this.blobs = blobs;
        this.publisher = publisher;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    @Transactional
    public RequestDetail create(Actor actor, RequestDocument input) {
        NewRequest n = draft(actor, input);
        List<RequestEvent> events = List.of(n.created());
        RequestState after = fold(RequestState.EMPTY, events);
        // One insert of the whole row (derived from the first event), then the event that the row's foreign key waits for.
        RequestSummary summary = store.create(n.id(), n.reference(), actor.userId(), projection(after, events, n.checked(), n.at()));
        store.append(n.id(), events);
        recorded(actor, n.id(), after, events, n.checked(), "request.create", Map.of("reference", n.reference()));
        return detail(actor, new Committed(events, summary), List.of(), List.of());
    }

    @Override
    @Transactional
    public RequestDetail createAndSubmit(Actor actor, RequestDocument input) {
        NewRequest n = draft(actor, input);
        if (!RequestAccess.mayAct(actor, Action.SUBMIT)) {
            throw ComityException.forbidden("Your roles allow reading requests, not changing them.");
        }
        // The submission decided on the draft in memory, as apply() decides it on a stored one: a new draft has no
        // attachments and is ordered here, and the actor drafted it for their own authority, the requesting side.
        RequestState draft = fold(RequestState.EMPTY, List.of(n.created()));
        Checked checked = checkParties(draft.document(), false);
        Command submit = new Command(Action.SUBMIT, Side.REQUESTING, eventActor(actor), null, null, null, null, null, null, null);
        List<RequestEvent> submitted = new ArrayList<>(Lifecycle.decide(draft, checked.instrument, submit, clock));
        RequestState after = fold(draft, submitted);
        if (checked.requested.local()) {
            submitted.addAll(deliverHere(after, checked.instrument));
            after = fold(draft, submitted);
        }
        List<RequestEvent> events = new ArrayList<>(1 + submitted.size());
        events.add(n.created());
        events.addAll(submitted);
        // One row, written as it stands after the submission, and the whole timeline in one statement.
        RequestSummary summary = store.create(n.id(), n.reference(), actor.userId(), projection(after, events, checked, n.at()));
        store.append(n.id(), events);
        audit.success(actor, "request.create", "request", n.id(), Map.of("reference", n.reference()));
        recorded(actor, n.id(), after, events, checked, "request.submit", Map.of());
        return detail(actor, new Committed(events, summary), List.of(), List.of());
    }

    /** A new request, checked and numbered, with its first event; nothing written yet. */
    private record NewRequest(UUID id, String reference, Instant at, Checked checked, RequestEvent created) {}

    private NewRequest draft(Actor actor, RequestDocument input) {
        if (!actor.draftsRequests()) {
            throw ComityException.forbidden("Your roles do not allow drafting requests.");
        }
        if (input.requestingAuthority() != null && !input.requestingAuthority().equals(actor.authorityId())) {
            throw ComityException.invalid("A request is drafted for your own authority.",
                    List.of(FieldProblem.of("requestingAuthority", "not-your-authority", "Leave this out: it is always your authority.")));
        }
        RequestDocument document = normalise(input.withParties(actor.authorityId(), input.requestedAuthority()));
        checkRelated(actor, document);
        Checked checked = checkParties(document, true);
        if (checked.requesting.kind() == org.comity.node.directory.AuthorityKind.SERVICE_PROVIDER) {
            throw ComityException.forbidden("A service provider answers requests; it does not issue them.");
        }
        UUID id = Ids.newId(clock);
        Instant now = clock.instant();
        String reference = "%s-%d-%06d".formatted(checked.requesting.stateCode(), now.atZone(ZoneOffset.UTC).getYear(), store.nextReferenceNumber());
        return new NewRequest(id, reference, now, checked, Lifecycle.create(document, eventActor(actor), clock));
    }

    /** The request this one follows is one the drafter can see: an id from anywhere else would travel to the peer unchecked. */
    private void checkRelated(Actor actor, RequestDocument document) {
        UUID related = document.relatedRequest();
        if (related != null && referenceOf(actor, related).isEmpty()) {
            throw ComityException.invalid("The request this one follows is not one you can see.",
                    List.of(FieldProblem.of("relatedRequest", "unknown-request", "No request you can see has this id.")));
        }
    }

    /** Both authorities live on this node: delivery is immediate, with a receipt over what was delivered. */
    private List<RequestEvent> deliverHere(RequestState submitted, Instrument instrument) {
        Command deliver = new Command(Action.DELIVER, null, EventActor.node(properties.node().id()), "Delivered on this node", null,
                null, null, null, null, new EventDetails(null, null, null, null, null, null, null, null, null, receipt(submitted.document()), null));
        return Lifecycle.decide(submitted, instrument, deliver, clock);
    }

    @Override
    @Transactional
    public RequestDetail edit(Actor actor, UUID id, int expectedVersion, RequestDocument input) {
        RequestRow row = load(id, true, actor);
        RequestDocument document = normalise(input.withParties(row.summary().requestingAuthority(), input.requestedAuthority()));
        checkRelated(actor, document);
        return apply(actor, row, expectedVersion, Action.EDIT, new CommandInput(null, null, null, null, null, document), store.events(id));
    }

    @Override
    @Transactional
    public RequestDetail act(Actor actor, UUID id, Integer expectedVersion, Action action, CommandInput input) {
        if (action.party() == Party.SYSTEM || action == Action.EDIT || action == Action.ADD_ATTACHMENT) {
            throw ComityException.badRequest("'" + action.slug() + "' is not an action a user takes here.");
        }
        RequestRow row = load(id, true, actor);
        CommandInput effective = input == null ? CommandInput.EMPTY : input;
        if (effective.document() != null) {
            effective = new CommandInput(effective.reason(), effective.ground(), effective.until(), effective.authority(), effective.request(),
                    normalise(effective.document().amending(row.summary().instrument(), row.summary().urgency(),
                            row.summary().requestingAuthority(), row.summary().requestedAuthority())));
        }
        return apply(actor, row, expectedVersion, action, effective, store.events(id));
    }

    /** Takes an action on a request whose row the caller holds locked and whose whole timeline it read ({@code history}). */
    private RequestDetail apply(Actor actor, RequestRow row, Integer expectedVersion, Action action, CommandInput input,
            List<RequestEvent> history) {
        UUID id = row.summary().id();
        Side side = sideFor(actor, row, action);
        if (expectedVersion != null && expectedVersion != row.summary().version()) {
            throw ComityException.staleVersion(expectedVersion, row.summary().version());
        }
        RequestState state = Lifecycle.replay(history);
        Instrument instrument = instrument(row.summary().instrument());
        Checked checked = switch (action) {
            case EDIT -> checkParties(input.document(), false);
            case SUBMIT -> checkParties(state.document(), false);
            default -> parties(state.document());
        };
        instrument = checked.instrument;
        checkReferences(actor, row, action, input);
        if (action == Action.SUBMIT && checked.requested != null && !checked.requested.local()) {
            long attached = store.attachments(id).stream().mapToLong(AttachmentInfo::size).sum();
            if (attached > MAX_ATTACHMENT_BYTES) {
                // The submission travels in one envelope (docs/formats/messages.md).
                throw ComityException.invalid("The files attached to a request for another node are limited to "
                        + MAX_ATTACHMENT_BYTES / (1024 * 1024) + " MB together; large evidence travels as an evidence package.",
                        List.of(FieldProblem.of("attachments", "too-large", "Remove files or send them later as an evidence package.")));
            }
        }
        Command command = new Command(action, side, eventActor(actor), input.reason(), input.ground(), input.until(), input.authority(),
                input.request(), input.document(), null);
        List<RequestEvent> events = new ArrayList<>(Lifecycle.decide(state, instrument, command, clock));
        if (!sequencedHere(checked, state)) {
            // The requested node orders this request's timeline: the action travels there and is recorded when it returns.
            propose(actor, row, action, command, null);
            return detail(actor, id);
        }
        RequestState after = fold(state, events);
        if (action == Action.SUBMIT && checked.requested.local()) {
            events.addAll(deliverHere(after, instrument));
        }
        Committed committed = commit(actor, id, row.summary().version(), state, history, events, checked, "request." + action.slug(),
                input.reason() == null ? Map.of() : Map.of("reason", abbreviate(input.reason())));
        // Proposals only exist for a request shared with another node.
        boolean shared = checked.requested != null && checked.requesting.local() != checked.requested.local();
        return detail(actor, committed, store.attachments(id), shared ? store.proposals(id) : List.of());
    }

    @Override
    @Transactional
    public RequestDetail get(Actor actor, UUID id) {
        RequestDetail detail = detail(actor, id);
        audit.success(actor, "request.read", "request", id, Map.of("reference", detail.summary().reference()));
        return detail;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<RequestSummary> list(Actor actor, RequestQuery query) {
        if (!RequestAccess.mayRead(actor)) {
            return new Page<>(List.of(), query.page(), query.size(), false);
        }
        return store.list(actor, query, clock.instant());
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<String> referenceOf(Actor actor, UUID id) {
        return store.find(id, false)
                .filter(r -> !RequestAccess.sides(actor, RequestAccess.Parties.of(r.summary())).isEmpty())
                .map(r -> r.summary().reference());
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<UUID> findByReference(Actor actor, String reference) {
        if (reference == null || reference.isBlank()) {
            return java.util.Optional.empty();
        }
        return store.idOfReference(reference.strip())
                .flatMap(id -> store.find(id, false))
                .filter(r -> !RequestAccess.sides(actor, RequestAccess.Parties.of(r.summary())).isEmpty())
                .map(r -> r.summary().id());
    }

    @Override
    @Transactional(readOnly = true)
    public List<org.comity.node.request.DeadlineAlert> alerts(Actor actor, int limit) {
        if (!RequestAccess.mayRead(actor)) {
            return List.of();
        }
        return store.alerts(actor, Math.min(Math.max(limit, 1), 500));
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<Authority> route(String state, String instrumentId, Urgency urgency) {
        Instrument instrument = instruments.find(instrumentId).orElse(null);
        if (instrument == null || state == null) {
            return java.util.Optional.empty();
        }
        Urgency u = urgency == null ? instrument.defaultUrgency() : urgency;
        // Urgent requests go to the 24/7 point of contact where the channel allows it; otherwise to the
        // central authority; otherwise to the first kind of authority the channel names.
        List<org.comity.node.directory.AuthorityKind> preference = new ArrayList<>();
        if (u != Urgency.NORMAL && instrument.channel().allows(org.comity.node.directory.AuthorityKind.POINT_OF_CONTACT, u)) {
            preference.add(org.comity.node.directory.AuthorityKind.POINT_OF_CONTACT);
        }
        preference.add(org.comity.node.directory.AuthorityKind.CENTRAL_AUTHORITY);
        preference.addAll(instrument.channel().recipients().stream().sorted().toList());
        for (org.comity.node.directory.AuthorityKind kind : preference) {
            if (!instrument.channel().allows(kind, u)) {
                continue;
            }
            List<Authority> candidates = directory.authorities().stream()
                    .filter(a -> a.active() && a.stateCode().equals(state) && a.kind() == kind).toList();
            if (candidates.size() == 1 || (!candidates.isEmpty() && kind != org.comity.node.directory.AuthorityKind.SERVICE_PROVIDER)) {
                return java.util.Optional.of(candidates.getFirst());
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    @Transactional(readOnly = true)
    public List<org.comity.node.request.DeadlineAlert> alarms(Actor actor) {
        return RequestAccess.mayRead(actor) ? store.alarms(actor, 50) : List.of();
    }

    @Override
    public List<FieldProblem> check(Actor actor, RequestDocument input) {
        RequestDocument document = normalise(input.withParties(actor.authorityId(), input.requestedAuthority()));
        List<FieldProblem> problems = new ArrayList<>(RequestValidator.check(document));
        instruments.find(document.instrument()).ifPresentOrElse(
                i -> problems.addAll(Completeness.check(document, i)),
                () -> problems.add(FieldProblem.of("instrument", "unknown-instrument", "Choose the legal basis from the list.")));
        try {
            checkParties(document, false);
        } catch (ComityException e) {
            problems.addAll(e.fieldProblems());
        }
        return problems.stream().distinct().toList();
    }

    @Override
    @Transactional
    public AttachmentInfo attach(Actor actor, UUID id, Integer expectedVersion, String fileName, String mediaType, InputStream content)
            throws IOException {
        RequestRow row = load(id, true, actor);
        Side side = sideFor(actor, row, Action.ADD_ATTACHMENT);
        if (expectedVersion != null && expectedVersion != row.summary().version()) {
            throw ComityException.staleVersion(expectedVersion, row.summary().version());
        }
        String name = cleanFileName(fileName);
        List<RequestEvent> history = store.events(id);
        RequestState state = Lifecycle.replay(history);
        Instrument instrument = instrument(row.summary().instrument());
        // Check the transition before storing any bytes, so a refused upload leaves nothing behind.
        Command probe = new Command(Action.ADD_ATTACHMENT, side, eventActor(actor), null, null, null, null, null, null, null);
        Lifecycle.decide(state, instrument, probe, clock);
        BlobStore.StoredBlob blob;
        try {
            blob = blobs.put(content, MAX_ATTACHMENT_BYTES);
        } catch (BlobStore.TooLargeException e) {
            throw new ComityException(413, "too-large", "Attachments are limited to " + MAX_ATTACHMENT_BYTES / (1024 * 1024)
                    + " MB here; large evidence travels as an evidence package.");
        }
        AttachmentInfo info = new AttachmentInfo(Ids.newId(clock), name, mediaType(mediaType), blob.size(), blob.sha256(), clock.instant(), side);
        Command command = new Command(Action.ADD_ATTACHMENT, side, eventActor(actor), null, null, null, null, null, null,
                new EventDetails(side, null, null, null, null, info.id(), name, blob.sha256(), blob.size(), null, null));
        List<RequestEvent> events = Lifecycle.decide(state, instrument, command, clock);
        store.insertAttachment(id, info, actor.userId());
        Checked parties = parties(state.document());
        if (!sequencedHere(parties, state)) {
            propose(actor, row, Action.ADD_ATTACHMENT, command, new RemoteFile(info, null));
            return info;
        }
        commit(actor, id, row.summary().version(), state, history, events, parties, "request.attach",
                Map.of("file", name, "sha256", blob.sha256(), "size", blob.size()));
        return info;
    }

    @Override
    @Transactional
    public AttachmentContent attachment(Actor actor, UUID id, UUID attachmentId) throws IOException {
        RequestRow row = load(id, false, actor);
        AttachmentInfo info = store.attachment(id, attachmentId).orElseThrow(() -> ComityException.notFound("Attachment"));
        InputStream content = blobs.open(info.sha256()).orElseThrow(() -> new IllegalStateException("blob missing for attachment " + attachmentId));
        audit.success(actor, "request.attachment.read", "request", id, Map.of("reference", row.summary().reference(), "attachment", attachmentId.toString()));
        return new AttachmentContent(info, content);
    }

    // --- Shared steps ----------------------------------------------------------------------------

    /**
     * Whether this node orders the request's timeline: the requesting node until submission, the
     * requested node from then on (see {@link org.comity.node.request.Replication}).
     */
    static boolean sequencedHere(Checked parties, RequestState state) {
        return parties.requested == null || parties.requested.local() || state.status() == null
                || state.status() == org.comity.node.request.RequestStatus.DRAFT;
    }

    /** Records an action of the requesting side as pending and hands it to the exchange (same transaction). */
    private void propose(Actor actor, RequestRow row, Action action, Command command, RemoteFile file) {
        UUID id = row.summary().id();
        if (action != Action.POST_MESSAGE && action != Action.ADD_ATTACHMENT && store.hasPendingProposal(id, action)) {
            throw ComityException.conflict("already-proposed", "This action was already sent to the requested node; wait for it to be recorded.");
        }
        Proposal proposal = new Proposal(Ids.newId(clock), action, command.actor(), command.reason(), command.ground(), command.until(),
                command.authority(), command.request(), command.document(), command.details(), clock.instant());
        store.insertProposal(id, proposal);
        audit.success(actor, "request." + action.slug(), "request", id, Map.of("proposal", proposal.id().toString(), "pending", true));
        publisher.publishEvent(new RequestActionProposed(id, row.summary().requestedAuthority(), proposal, file));
    }

    /**
     * Appends the events, derives the projection and the deadlines, audits, and tells listeners. The
     * caller read {@code history} under the row lock, so history plus the new events is the whole timeline.
     *
     * @return the whole timeline after the change
     */
    Committed commit(Actor actor, UUID id, int fromVersion, RequestState before, List<RequestEvent> history, List<RequestEvent> events,
            Checked parties, String auditAction, Map<String, ?> auditDetail) {
        store.append(id, events);
        RequestState after = fold(before, events);
        List<RequestEvent> all = new ArrayList<>(history.size() + events.size());
        all.addAll(history);
        all.addAll(events);
        RequestSummary summary = store.update(id, fromVersion, projection(after, all, parties, events.isEmpty() ? null : clock.instant()))
                .orElseThrow(() -> ComityException.staleVersion(fromVersion, after.version()));
        if (!java.util.Objects.equals(after.document(), before.document())) {
            store.updateText(id, after.document());
        }
        recorded(actor, id, after, events, parties, auditAction, auditDetail);
        return new Committed(all, summary);
    }

    /** A request's whole timeline and its row, as they stand after a change. */
    record Committed(List<RequestEvent> events, RequestSummary summary) {}

    /** The projection row's columns, derived from the timeline; a null {@code updatedAt} keeps the old time. */
    private RequestStore.Projection projection(RequestState after, List<RequestEvent> timeline, Checked parties, Instant updatedAt) {
        Instrument instrument = instrument(after.document().instrument());
        Instant now = clock.instant();
        LegalClock.Schedule schedule = LegalClock.schedule(LegalClock.deadlines(instrument, timeline, now), now);
        return new RequestStore.Projection(after.document(), instrument.requestType(),
                parties.requesting.stateCode(), parties.requested == null ? null : parties.requested.stateCode(),
                after.status(), after.executingAuthority(), after.preservation().status(), after.preservation().until(), after.submittedAt(),
                schedule.nextDueAt(), schedule.dueSoonAt(), schedule.nextAlertAt(), updatedAt, after.version());
    }

    /** The audit record and the news for listeners (the outbox, notifications), in the change's transaction. */
    private void recorded(Actor actor, UUID id, RequestState after, List<RequestEvent> events, Checked parties, String auditAction,
            Map<String, ?> auditDetail) {
        if (actor != null) {
            audit.success(actor, auditAction, "request", id, auditDetail);
        }
        if (!events.isEmpty()) {
            publisher.publishEvent(new RequestEventsAppended(id, parties.requesting.id(),
                    parties.requested == null ? null : parties.requested.id(), parties.requesting.local(),
                    parties.requested != null && parties.requested.local(), after.status(), after.document().urgency(), List.copyOf(events)));
        }
    }

    private RequestDetail detail(Actor actor, UUID id) {
        RequestRow row = store.find(id, false).orElseThrow(() -> ComityException.notFound("Request"));
        return detail(actor, new Committed(store.events(id), row.summary()), store.attachments(id), store.proposals(id));
    }

    /** The request as the actor sees it, from what was just read or written. */
    private RequestDetail detail(Actor actor, Committed known, List<AttachmentInfo> attachments, List<org.comity.node.request.PendingAction> proposals) {
        RequestSummary summary = known.summary();
        Set<Side> sides = RequestAccess.sides(actor, RequestAccess.Parties.of(summary));
        if (sides.isEmpty()) {
            throw ComityException.notFound("Request");
        }
        List<RequestEvent> events = known.events();
        RequestState state = Lifecycle.replay(events);
        Instrument instrument = instrument(summary.instrument());
        Instant now = clock.instant();
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        for (Side side : sides) {
            for (Action action : Lifecycle.available(state, instrument, side, now)) {
                if (RequestAccess.mayAct(actor, action)) {
                    actions.add(action);
                }
            }
        }
        String executingName = state.executingAuthority() == null ? null
                : directory.authority(state.executingAuthority()).map(Authority::name).orElse(null);
        boolean awaitingTransmission = summary.status() == RequestStatus.SUBMITTED;
        return new RequestDetail(summary, state.document(), instrument, executingName, state.preservation(),
                LegalClock.deadlines(instrument, events, now), sides, actions, events, attachments, awaitingTransmission, proposals);
    }

    /** Loads a request the actor may see, or answers "not found" (ARCHITECTURE.md section 5). */
    private RequestRow load(UUID id, boolean forUpdate, Actor actor) {
        RequestRow row = store.find(id, forUpdate).orElseThrow(() -> ComityException.notFound("Request"));
        if (RequestAccess.sides(actor, RequestAccess.Parties.of(row.summary())).isEmpty()) {
            throw ComityException.notFound("Request");
        }
        return row;
    }

    private static Side sideFor(Actor actor, RequestRow row, Action action) {
        Set<Side> sides = RequestAccess.sides(actor, RequestAccess.Parties.of(row.summary()));
        if (!RequestAccess.mayAct(actor, action)) {
            throw ComityException.forbidden(action == Action.ASSIGN && actor.handlesRequests()
                    ? "Only the central authority routes a request for execution."
                    : "Your roles allow reading requests, not changing them.");
        }
        return switch (action.party()) {
            case REQUESTING -> sides.contains(Side.REQUESTING) ? Side.REQUESTING : Side.REQUESTED;
            case REQUESTED -> sides.contains(Side.REQUESTED) ? Side.REQUESTED : Side.REQUESTING;
            default -> sides.contains(Side.REQUESTED) ? Side.REQUESTED : Side.REQUESTING;
        };
    }

    record Checked(Instrument instrument, Authority requesting, Authority requested) {}

    /**
     * The parties and instrument must fit together: a known instrument that both states are party
     * to, a requested authority in another state whose kind the instrument's channel allows.
     */
    private Checked checkParties(RequestDocument d, boolean creating) {
        List<FieldProblem> problems = new ArrayList<>();
        Instrument instrument = instruments.find(d.instrument()).orElse(null);
        if (instrument == null) {
            problems.add(FieldProblem.of("instrument", "unknown-instrument", "Choose the legal basis from the list."));
        }
        Authority requesting = directory.authority(d.requestingAuthority()).orElseThrow(() -> ComityException.notFound("Authority"));
        Authority requested = null;
        if (d.requestedAuthority() != null) {
            requested = directory.authority(d.requestedAuthority()).orElse(null);
            if (requested == null || !requested.active()) {
                problems.add(FieldProblem.of("requestedAuthority", "unknown-authority", "Choose an authority from the directory."));
            } else if (requested.stateCode().equals(requesting.stateCode())) {
                problems.add(FieldProblem.of("requestedAuthority", "same-state",
                        "A request for cooperation goes to another state's authority."));
            } else if (instrument != null && !instrument.channel().allows(requested.kind(), d.urgency())) {
                problems.add(FieldProblem.of("requestedAuthority", "wrong-channel",
                        "Under {0} a request goes to: {1}.", instrument.citation(), instrument.channel().recipients()));
            }
        }
        if (instrument != null) {
            // Both states must be party to the instrument, as the trust list in force says (a state it says nothing of is not judged).
            for (String code : requested == null ? List.of(requesting.stateCode()) : List.of(requesting.stateCode(), requested.stateCode())) {
                directory.state(code).filter(s -> !s.partyTo(instrument.id())).ifPresent(s -> problems.add(FieldProblem.of("instrument", "not-party",
                        "{0} is not a party to {1}.", s.name(), instrument.citation())));
            }
        }
        problems.addAll(RequestValidator.check(d));
        if (!problems.isEmpty()) {
            throw ComityException.invalid(creating ? "The request cannot be created as it is." : "The request has errors.", problems);
        }
        return new Checked(instrument, requesting, requested);
    }

    /** The parties as they stand, without judging them (the request was checked when it was written). */
    Checked partiesOf(RequestDocument d) {
        return parties(d);
    }

    private Checked parties(RequestDocument d) {
        return new Checked(instrument(d.instrument()),
                directory.authority(d.requestingAuthority()).orElseThrow(),
                d.requestedAuthority() == null ? null : directory.authority(d.requestedAuthority()).orElseThrow());
    }

    /** Authorities and requests named in an action must exist and fit. */
    private void checkReferences(Actor actor, RequestRow row, Action action, CommandInput input) {
        if (action == Action.ASSIGN && input.authority() != null) {
            Authority target = directory.authority(input.authority()).orElse(null);
            if (target == null || !target.local() || !target.active() || !target.stateCode().equals(row.summary().requestedState())) {
                throw ComityException.invalid("Route the request to an authority of the requested state on this node.",
                        List.of(FieldProblem.of("authority", "unknown-authority", "Choose an authority of your state.")));
            }
        }
        if (action == Action.LINK_FOLLOW_UP && input.request() != null) {
            boolean fits = store.find(input.request(), false)
                    .filter(r -> !r.summary().id().equals(row.summary().id()))
                    .filter(r -> r.summary().requestingState().equals(row.summary().requestingState()))
                    .filter(r -> !RequestAccess.sides(actor, RequestAccess.Parties.of(r.summary())).isEmpty())
                    .isPresent();
            if (!fits) {
                throw ComityException.invalid("Link a request of your state that you can see.",
                        List.of(FieldProblem.of("request", "unknown-request", "Choose the request that follows this preservation.")));
            }
        }
    }

    /** Applies the instrument's defaults and trims what users type. */
    private RequestDocument normalise(RequestDocument d) {
        Urgency urgency = d.urgency();
        if (urgency == null) {
            urgency = instruments.find(d.instrument()).map(Instrument::defaultUrgency).orElse(Urgency.NORMAL);
        }
        return new RequestDocument(strip(d.instrument()), d.requestingAuthority(), d.requestedAuthority(), urgency, strip(d.urgencyReason()),
                strip(d.title()), strip(d.nationalReference()), strip(d.language()), d.replyLanguages(), d.offences(), strip(d.summaryOfFacts()),
                strip(d.relevance()), d.subjects(), d.dataSought(), d.measures(), strip(d.necessityAndProportionality()),
                strip(d.procedureRequirements()), d.confidentiality(), strip(d.confidentialityNote()), d.followUpMlaIntended(),
                strip(d.emergencyFacts()), d.relatedRequest());
    }

    private Instrument instrument(String id) {
        return instruments.find(id).orElseThrow(() -> new IllegalStateException("request refers to unknown instrument " + id));
    }

    private static RequestState fold(RequestState state, List<RequestEvent> events) {
        RequestState s = state;
        for (RequestEvent e : events) {
            s = Lifecycle.apply(s, e);
        }
        return s;
    }

    private static EventActor eventActor(Actor actor) {
        return new EventActor(actor.userId(), actor.displayName() + " (" + actor.authorityName() + ")", actor.authorityId());
    }

    /** SHA-256 over the stored JSON of what was delivered: the receiving side can prove what it got. */
    static String receipt(RequestDocument document) {
        return org.comity.node.platform.Sha256.hex(RequestStore.JSON.writeValueAsBytes(document));
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    static String cleanFileName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        base = base.codePoints().filter(c -> !Character.isISOControl(c)).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            throw ComityException.invalid("The file needs a name.", List.of(FieldProblem.of("file", "required", "Choose a file to attach.")));
        }
        return base.length() > 200 ? base.substring(base.length() - 200) : base;
    }

    static String mediaType(String given) {
        return given == null || !given.matches("^[\\w.+-]+/[\\w.+-]+$") ? "application/octet-stream" : given;
    }
}
