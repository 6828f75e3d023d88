package org.comity.node.request;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Ids;

/**
 * The life of a request as a pure state machine: {@link #decide} takes the current state, a command
 * and the time and returns the events the command produces, or refuses with a reason; {@link #apply}
 * folds an event into the state. No I/O: the service persists the events in one transaction.
 */
public final class Lifecycle {

    private Lifecycle() {}

    /** The first event of every request: its creation as a draft. */
    public static RequestEvent create(RequestDocument document, EventActor actor, Clock clock) {
        return new RequestEvent(Ids.newId(clock), 1, EventType.CREATED, clock.instant(), actor, null, EventDetails.of(document));
    }

    public static RequestState replay(List<RequestEvent> events) {
        RequestState state = RequestState.EMPTY;
        for (RequestEvent e : events) {
            state = apply(state, e);
        }
        return state;
    }

    public static RequestState apply(RequestState s, RequestEvent e) {
        RequestStatus status = s.status();
        RequestStatus resumeTo = s.resumeTo();
        Preservation p = s.preservation();
        var executing = s.executingAuthority();
        RequestDocument document = s.document();
        Instant submittedAt = s.submittedAt();
        Instant deliveredAt = s.deliveredAt();
        switch (e.type()) {
            case CREATED -> {
                status = RequestStatus.DRAFT;
                document = e.details().document();
            }
            case EDITED -> document = e.details().document();
            case SUBMITTED -> {
                status = RequestStatus.SUBMITTED;
                submittedAt = e.at();
                if (e.details().document() != null) {
                    document = e.details().document(); // the document as submitted: how the requested node's copy begins
                }
            }
            case DELIVERED -> {
                status = RequestStatus.DELIVERED;
                deliveredAt = e.at();
            }
            case ACKNOWLEDGED -> status = RequestStatus.ACKNOWLEDGED;
            case REVIEW_STARTED -> status = RequestStatus.UNDER_REVIEW;
            case ASSIGNED -> executing = e.details().authority();
            case INFORMATION_REQUESTED -> {
                resumeTo = status;
                status = RequestStatus.INFORMATION_REQUESTED;
            }
            case POSTPONED -> {
                resumeTo = status;
                status = RequestStatus.POSTPONED;
            }
            case INFORMATION_PROVIDED, RESUMED -> {
                status = resumeTo;
                resumeTo = null;
                if (e.details().document() != null) {
                    document = e.details().document();
                }
            }
            case ACCEPTED -> status = RequestStatus.ACCEPTED;
            case REFUSED -> status = RequestStatus.REFUSED;
            case EXECUTION_STARTED -> status = RequestStatus.IN_EXECUTION;
            case PARTIALLY_EXECUTED -> status = RequestStatus.PARTIALLY_EXECUTED;
            case EXECUTED -> status = RequestStatus.EXECUTED;
            case CLOSED -> status = RequestStatus.CLOSED;
            case WITHDRAWN -> status = RequestStatus.WITHDRAWN;
            case PRESERVATION_CONFIRMED -> {
                status = RequestStatus.EXECUTED;
                p = new Preservation(PreservationStatus.PRESERVED, e.details().until(), 0, null);
            }
            case PRESERVATION_EXTENDED -> p = new Preservation(p.status(), e.details().until(), p.extensions() + 1, p.followUp());
            case PRESERVATION_RELEASED -> p = new Preservation(PreservationStatus.RELEASED, p.until(), p.extensions(), p.followUp());
            case PRESERVATION_EXPIRED -> p = new Preservation(PreservationStatus.EXPIRED, p.until(), p.extensions(), p.followUp());
            case FOLLOW_UP_LINKED -> p = new Preservation(p.status(), p.until(), p.extensions(), e.details().request());
            case MESSAGE_POSTED, ATTACHMENT_ADDED -> { }
        }
        return new RequestState(status, resumeTo, p, executing, document, submittedAt, deliveredAt, e.seq());
    }

    /**
     * The events {@code command} produces from {@code state}, or a {@link TransitionRefused} saying
     * why not (a {@link ComityException} with status 403 when the side may never take the action).
     */
    public static List<RequestEvent> decide(RequestState state, Instrument instrument, Command command, Clock clock) {
        Instant now = clock.instant();
        refusal(state, instrument, command.action(), command.side(), now).ifPresent(message -> {
            throw message.forbidden() ? ComityException.forbidden(message.text()) : new TransitionRefused(message.text());
        });
        List<FieldProblem> problems = inputProblems(state, instrument, command, now);
        if (!problems.isEmpty()) {
            throw new TransitionRefused(problems.getFirst().message(), problems);
        }
        EventDetails details = details(state, instrument, command, now);
        String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason().strip();
        List<RequestEvent> events = new ArrayList<>();
        events.add(new RequestEvent(Ids.newId(clock), state.version() + 1, command.action().produces(), now, command.actor(), reason, details));
        return events;
    }

    /** The actions {@code side} could take now (inputs such as a reason still to be supplied). */
    public static Set<Action> available(RequestState state, Instrument instrument, Side side, Instant now) {
        EnumSet<Action> out = EnumSet.noneOf(Action.class);
        for (Action action : Action.values()) {
            if (action.party() != Party.SYSTEM && refusal(state, instrument, action, side, now).isEmpty()) {
                out.add(action);
            }
        }
        return out;
    }

    private record Refusal(String text, boolean forbidden) {}

    private static java.util.Optional<Refusal> refusal(RequestState s, Instrument instrument, Action action, Side side, Instant now) {
        if (s.status() == null) {
            return java.util.Optional.of(new Refusal("The request does not exist yet.", false));
        }
        if (action.party() == Party.SYSTEM ? side != null : !action.party().allows(side)) {
            String who = switch (action.party()) {
                case REQUESTING -> "the requesting side";
                case REQUESTED -> "the requested side";
                case SYSTEM -> "the node itself";
                case EITHER -> "either side";
            };
            return java.util.Optional.of(new Refusal("Only " + who + " may " + verb(action) + ".", true));
        }
        if (side == Side.REQUESTED && !s.status().visibleToRequestedSide()) {
            return java.util.Optional.of(new Refusal("The requested side has nothing to act on before the request is delivered.", false));
        }
        boolean fromOk = action.from().contains(s.status())
                || (action == Action.CLOSE && instrument.informationOnly() && s.status() == RequestStatus.ACKNOWLEDGED);
        if (!fromOk) {
            return java.util.Optional.of(new Refusal("A request that is " + words(s.status()) + " cannot be " + participle(action)
                    + ". That is possible only when it is " + allowed(action, instrument) + ".", false));
        }
        Preservation p = s.preservation();
        boolean preservationAction = EnumSet.of(Action.CONFIRM_PRESERVATION, Action.EXTEND_PRESERVATION, Action.RELEASE_PRESERVATION,
                Action.EXPIRE_PRESERVATION, Action.LINK_FOLLOW_UP).contains(action);
        if (preservationAction && instrument.preservation() == null) {
            return java.util.Optional.of(new Refusal(instrument.citation() + " is not a preservation instrument.", false));
        }
        return java.util.Optional.ofNullable(switch (action) {
            case CONFIRM_PRESERVATION -> p.status() != PreservationStatus.NONE ? new Refusal("The preservation was already confirmed.", false) : null;
            case EXTEND_PRESERVATION -> !p.active() ? new Refusal("Only data that is still preserved can have its preservation extended.", false)
                    : !instrument.preservation().mayExtend(p.extensions())
                            ? new Refusal(instrument.citation() + " allows no further extension (" + p.extensions() + " so far).", false) : null;
            case RELEASE_PRESERVATION -> !p.active() ? new Refusal("The data is not preserved any more.", false) : null;
            case EXPIRE_PRESERVATION -> !p.active() ? new Refusal("The data is not preserved any more.", false)
                    : p.followUp() != null ? new Refusal("A follow-up request keeps the data preserved pending its decision (Budapest Art. 29(7)).", false)
                    : now.isBefore(p.until()) ? new Refusal("The preservation runs until " + p.until() + ".", false) : null;
            case LINK_FOLLOW_UP -> !p.active() ? new Refusal("The data is not preserved any more.", false)
                    : p.followUp() != null ? new Refusal("A follow-up request is already linked.", false) : null;
            case CLOSE -> p.active() ? new Refusal("The data is still preserved: release the preservation (or let it expire) before closing.", false) : null;
            default -> null;
        });
    }

    private static List<FieldProblem> inputProblems(RequestState s, Instrument instrument, Command c, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        Action a = c.action();
        if (a.reasonRequired() && (c.reason() == null || c.reason().isBlank())) {
            problems.add(FieldProblem.of("reason", "required", switch (a) {
                case REQUEST_INFORMATION -> "Say what information is needed.";
                case PROVIDE_INFORMATION -> "Give the information asked for.";
                case POST_MESSAGE -> "Write the message.";
                default -> "Give the reason.";
            }));
        }
        if (c.reason() != null && c.reason().length() > RequestValidator.LONG_TEXT) {
            problems.add(FieldProblem.of("reason", "too-long", "Use at most {0} characters.", RequestValidator.LONG_TEXT));
        }
        switch (a) {
            case EDIT -> {
                if (c.document() == null) {
                    problems.add(FieldProblem.of("document", "required", "Send the request's content."));
                } else {
                    problems.addAll(RequestValidator.check(c.document()));
                }
            }
            case SUBMIT -> {
                problems.addAll(RequestValidator.check(s.document()));
                problems.addAll(Completeness.check(s.document(), instrument));
            }
            case PROVIDE_INFORMATION -> {
                if (c.document() != null) {
                    // An answer amends the request's content; what it is (its legal basis, urgency and parties) stays.
                    RequestDocument was = s.document();
                    List<FieldProblem> basis = new ArrayList<>();
                    if (!java.util.Objects.equals(c.document().instrument(), was.instrument())) {
                        basis.add(FieldProblem.of("document.instrument", "unchanged",
                                "An answer keeps the request's legal basis ({0}); withdraw it and send a new request under another.", was.instrument()));
                    }
                    if (c.document().urgency() != was.urgency()) {
                        basis.add(FieldProblem.of("document.urgency", "unchanged", "An answer keeps the request's urgency ({0}).", was.urgency()));
                    }
                    if (!java.util.Objects.equals(c.document().requestingAuthority(), was.requestingAuthority())
                            || !java.util.Objects.equals(c.document().requestedAuthority(), was.requestedAuthority())) {
                        basis.add(FieldProblem.of("document.requestedAuthority", "unchanged", "An answer keeps the request's authorities."));
                    }
                    problems.addAll(basis);
                    if (basis.isEmpty()) { // the content is judged against the basis it keeps
                        problems.addAll(RequestValidator.check(c.document()));
                        problems.addAll(Completeness.check(c.document(), instrument));
                    }
                }
            }
            case REFUSE -> {
                if (c.ground() == null) {
                    problems.add(FieldProblem.of("ground", "required", "Choose the ground for refusal."));
                }
            }
            case POSTPONE -> {
                if (c.until() == null) {
                    problems.add(FieldProblem.of("until", "required", "Say until when execution is postponed."));
                } else if (!c.until().isAfter(now)) {
                    problems.add(FieldProblem.of("until", "in-the-past", "The postponement must end in the future."));
                }
            }
            case ASSIGN -> {
                if (c.authority() == null) {
                    problems.add(FieldProblem.of("authority", "required", "Choose the authority that will execute the request."));
                }
            }
            case LINK_FOLLOW_UP -> {
                if (c.request() == null) {
                    problems.add(FieldProblem.of("request", "required", "Choose the request that follows this preservation."));
                }
            }
            default -> { }
        }
        return problems;
    }

    private static EventDetails details(RequestState s, Instrument instrument, Command c, Instant now) {
        EventDetails supplied = c.details() == null ? EventDetails.NONE : c.details();
        Side side = c.action().party() == Party.EITHER ? c.side() : null;
        return switch (c.action()) {
            case EDIT -> EventDetails.of(c.document());
            case SUBMIT -> EventDetails.of(s.document());
            case PROVIDE_INFORMATION -> EventDetails.of(c.document());
            case REFUSE -> new EventDetails(null, c.ground(), null, null, null, null, null, null, null, null, null);
            case POSTPONE -> new EventDetails(null, null, c.until(), null, null, null, null, null, null, null, null);
            case ASSIGN -> new EventDetails(null, null, null, c.authority(), null, null, null, null, null, null, null);
            case LINK_FOLLOW_UP -> new EventDetails(null, null, null, null, c.request(), null, null, null, null, null, null);
            // Budapest Art. 29(7): preserved for a period of not less than sixty days (period from the instrument's data).
            case CONFIRM_PRESERVATION -> new EventDetails(null, null, now.plus(instrument.preservation().period()), null, null, null, null, null, null, null, null);
            case EXTEND_PRESERVATION -> new EventDetails(null, null, s.preservation().until().plus(instrument.preservation().extension()),
                    null, null, null, null, null, null, null, null);
            case DELIVER -> new EventDetails(null, null, null, null, null, null, null, null, null, supplied.receipt(), null);
            case ADD_ATTACHMENT -> new EventDetails(side, null, null, null, null, supplied.attachment(), supplied.fileName(),
                    supplied.sha256(), supplied.size(), null, null);
            default -> side == null ? EventDetails.NONE : new EventDetails(side, null, null, null, null, null, null, null, null, null, null);
        };
    }

    static String words(RequestStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String verb(Action action) {
        return action.name().toLowerCase(Locale.ROOT).replace('_', ' ') + (action == Action.ADD_ATTACHMENT ? "" : " this request");
    }

    private static String participle(Action action) {
        return switch (action) {
            case EDIT -> "edited";
            case SUBMIT -> "submitted";
            case DELIVER -> "delivered";
            case ACKNOWLEDGE -> "acknowledged";
            case START_REVIEW -> "taken under review";
            case ASSIGN -> "routed for execution";
            case REQUEST_INFORMATION -> "asked for more information";
            case PROVIDE_INFORMATION -> "answered with more information";
            case ACCEPT -> "accepted";
            case REFUSE -> "refused";
            case POSTPONE -> "postponed";
            case RESUME -> "resumed";
            case START_EXECUTION -> "put into execution";
            case EXECUTE_PARTIALLY -> "marked partially executed";
            case EXECUTE -> "marked executed";
            case CLOSE -> "closed";
            case WITHDRAW -> "withdrawn";
            case CONFIRM_PRESERVATION -> "confirmed as preserved";
            case EXTEND_PRESERVATION -> "given a longer preservation";
            case RELEASE_PRESERVATION -> "released from preservation";
            case EXPIRE_PRESERVATION -> "expired";
            case LINK_FOLLOW_UP -> "linked to a follow-up request";
            case POST_MESSAGE -> "sent a message";
            case ADD_ATTACHMENT -> "given attachments";
        };
    }

    private static String allowed(Action action, Instrument instrument) {
        EnumSet<RequestStatus> from = EnumSet.copyOf(action.from());
        if (action == Action.CLOSE && instrument.informationOnly()) {
            from.add(RequestStatus.ACKNOWLEDGED);
        }
        return from.stream().map(Lifecycle::words).collect(Collectors.joining(", "));
    }
}
