package org.comity.node.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.comity.node.request.Action.*;
import static org.comity.node.request.RequestStatus.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.comity.node.platform.ComityException;
import org.comity.node.support.Documents;
import org.comity.node.support.FakeClock;
import org.comity.node.support.Instruments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every transition of the lifecycle, allowed and refused, against a table written here from
 * DOMAIN.md ("The life of a request") rather than read from the code under test.
 */
class LifecycleTest {

    static final EventActor ASKER = new EventActor(UUID.randomUUID(), "Priya (Aurelia prosecutor)", UUID.randomUUID());
    static final EventActor ANSWERER = new EventActor(UUID.randomUUID(), "Jean (Caldera CA)", UUID.randomUUID());
    static final EventActor NODE = EventActor.node("XA");

    final FakeClock clock = FakeClock.at("2026-11-23T09:00:00Z");
    final Instrument mla = Instruments.load("budapest-31");

    /** How to reach each status: the steps from a fresh draft. */
    static final Map<RequestStatus, List<Action>> PATH = new EnumMap<>(Map.ofEntries(
            Map.entry(DRAFT, List.of()),
            Map.entry(SUBMITTED, List.of(SUBMIT)),
            Map.entry(DELIVERED, List.of(SUBMIT, DELIVER)),
            Map.entry(ACKNOWLEDGED, List.of(SUBMIT, DELIVER, ACKNOWLEDGE)),
            Map.entry(UNDER_REVIEW, List.of(SUBMIT, DELIVER, ACKNOWLEDGE, START_REVIEW)),
            Map.entry(INFORMATION_REQUESTED, List.of(SUBMIT, DELIVER, ACKNOWLEDGE, START_REVIEW, REQUEST_INFORMATION)),
            Map.entry(ACCEPTED, List.of(SUBMIT, DELIVER, ACKNOWLEDGE, START_REVIEW, ACCEPT)),
            Map.entry(POSTPONED, List.of(SUBMIT, DELIVER, ACKNOWLEDGE, START_REVIEW, POSTPONE)),
            Map.entry(IN_EXECUTION, List.of(SUBMIT, DELIVER, ACKNOWLEDGE, START_REVIEW, ACCEPT, START_EXECUTION)),
            Map.entry(PARTIALLY_EXECUTED, List.of(SUBMIT, DELIVER, ACKNOWLEDGE, START_REVIEW, ACCEPT, START_EXECUTION, EXECUTE_PARTIALLY)),
            Map.entry(EXECUTED, List.of(SUBMIT, DELIVER, ACKNOWLEDGE, START_REVIEW, ACCEPT, START_EXECUTION, EXECUTE)),
            Map.entry(REFUSED, List.of(SUBMIT, DELIVER, ACKNOWLEDGE, START_REVIEW, REFUSE)),
            Map.entry(CLOSED, List.of(SUBMIT, DELIVER, ACKNOWLEDGE, START_REVIEW, ACCEPT, START_EXECUTION, EXECUTE, CLOSE)),
            Map.entry(WITHDRAWN, List.of(SUBMIT, DELIVER, WITHDRAW))));

    /** What the requesting side may do in each status (for a request that is not a preservation). */
    static final Map<RequestStatus, Set<Action>> REQUESTING = new EnumMap<>(Map.ofEntries(
            Map.entry(DRAFT, EnumSet.of(EDIT, SUBMIT, WITHDRAW, ADD_ATTACHMENT)),
            Map.entry(SUBMITTED, EnumSet.of(WITHDRAW, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(DELIVERED, EnumSet.of(WITHDRAW, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(ACKNOWLEDGED, EnumSet.of(WITHDRAW, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(UNDER_REVIEW, EnumSet.of(WITHDRAW, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(INFORMATION_REQUESTED, EnumSet.of(PROVIDE_INFORMATION, WITHDRAW, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(ACCEPTED, EnumSet.of(WITHDRAW, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(POSTPONED, EnumSet.of(WITHDRAW, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(IN_EXECUTION, EnumSet.of(WITHDRAW, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(PARTIALLY_EXECUTED, EnumSet.of(CLOSE, WITHDRAW, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(EXECUTED, EnumSet.of(CLOSE, WITHDRAW, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(REFUSED, EnumSet.of(CLOSE, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(CLOSED, EnumSet.noneOf(Action.class)),
            Map.entry(WITHDRAWN, EnumSet.noneOf(Action.class))));

    /** What the requested side may do in each status; nothing before delivery. */
    static final Map<RequestStatus, Set<Action>> REQUESTED = new EnumMap<>(Map.ofEntries(
            Map.entry(DRAFT, EnumSet.noneOf(Action.class)),
            Map.entry(SUBMITTED, EnumSet.noneOf(Action.class)),
            Map.entry(DELIVERED, EnumSet.of(ACKNOWLEDGE, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(ACKNOWLEDGED, EnumSet.of(START_REVIEW, ASSIGN, REQUEST_INFORMATION, REFUSE, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(UNDER_REVIEW, EnumSet.of(ASSIGN, REQUEST_INFORMATION, ACCEPT, REFUSE, POSTPONE, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(INFORMATION_REQUESTED, EnumSet.of(REFUSE, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(ACCEPTED, EnumSet.of(ASSIGN, REQUEST_INFORMATION, REFUSE, POSTPONE, START_EXECUTION, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(POSTPONED, EnumSet.of(ASSIGN, REFUSE, RESUME, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(IN_EXECUTION, EnumSet.of(ASSIGN, REQUEST_INFORMATION, POSTPONE, EXECUTE_PARTIALLY, EXECUTE, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(PARTIALLY_EXECUTED, EnumSet.of(EXECUTE, POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(EXECUTED, EnumSet.of(POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(REFUSED, EnumSet.of(POST_MESSAGE, ADD_ATTACHMENT)),
            Map.entry(CLOSED, EnumSet.noneOf(Action.class)),
            Map.entry(WITHDRAWN, EnumSet.noneOf(Action.class))));

    /** Where an allowed action leads from the status reached by {@link #PATH}. */
    static RequestStatus expectedAfter(RequestStatus from, Action action) {
        return switch (action) {
            case SUBMIT -> SUBMITTED;
            case ACKNOWLEDGE -> ACKNOWLEDGED;
            case START_REVIEW -> UNDER_REVIEW;
            case REQUEST_INFORMATION -> INFORMATION_REQUESTED;
            case PROVIDE_INFORMATION, RESUME -> UNDER_REVIEW; // PATH reaches both from UNDER_REVIEW
            case ACCEPT -> ACCEPTED;
            case REFUSE -> REFUSED;
            case POSTPONE -> POSTPONED;
            case START_EXECUTION -> IN_EXECUTION;
            case EXECUTE_PARTIALLY -> PARTIALLY_EXECUTED;
            case EXECUTE -> EXECUTED;
            case CLOSE -> CLOSED;
            case WITHDRAW -> WITHDRAWN;
            default -> from; // edit, routing, messages and attachments leave the status as it is
        };
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(RequestStatus.class)
    void everyActionOfEitherSideIsAllowedOrRefusedAsTheTableSays(RequestStatus status) {
        RequestState state = reach(status, mla);
        assertThat(state.status()).isEqualTo(status);
        for (Side side : Side.values()) {
            Set<Action> allowed = (side == Side.REQUESTING ? REQUESTING : REQUESTED).get(status);
            for (Action action : Action.values()) {
                if (action.party() == Party.SYSTEM) {
                    continue;
                }
                Command command = commandFor(action, side);
                if (allowed.contains(action)) {
                    List<RequestEvent> events = Lifecycle.decide(state, mla, command, clock);
                    assertThat(events).as("%s by %s from %s", action, side, status).hasSize(1);
                    assertThat(events.getFirst().type()).isEqualTo(action.produces());
                    assertThat(events.getFirst().seq()).isEqualTo(state.version() + 1);
                    assertThat(Lifecycle.apply(state, events.getFirst()).status()).as("%s from %s", action, status)
                            .isEqualTo(expectedAfter(status, action));
                } else {
                    assertThatThrownBy(() -> Lifecycle.decide(state, mla, command, clock))
                            .as("%s by %s from %s must be refused", action, side, status)
                            .isInstanceOf(ComityException.class)
                            .satisfies(e -> assertThat(((ComityException) e).status()).isIn(403, 409));
                }
            }
            assertThat(Lifecycle.available(state, mla, side, clock.instant()))
                    .as("actions offered to %s in %s", side, status)
                    .isEqualTo(allowed.isEmpty() ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(allowed));
        }
    }

    @Test
    void aRefusalSaysWhyInWordsTheUserCanActOn() {
        RequestState underReview = reach(UNDER_REVIEW, mla);
        assertThatThrownBy(() -> Lifecycle.decide(underReview, mla, commandFor(SUBMIT, Side.REQUESTING), clock))
                .isInstanceOf(TransitionRefused.class)
                .hasMessage("A request that is under review cannot be submitted. That is possible only when it is draft.");
        assertThatThrownBy(() -> Lifecycle.decide(underReview, mla, commandFor(ACCEPT, Side.REQUESTING), clock))
                .isInstanceOf(ComityException.class)
                .hasMessage("Only the requested side may accept this request.")
                .extracting(e -> ((ComityException) e).status()).isEqualTo(403);
    }

    @Test
    void onlyTheNodeDeliversAndOnlyWhatWasSubmitted() {
        RequestState submitted = reach(SUBMITTED, mla);
        assertThatThrownBy(() -> Lifecycle.decide(submitted, mla, Command.of(DELIVER, Side.REQUESTED, ANSWERER, null), clock))
                .hasMessageContaining("Only the node itself");
        RequestEvent delivered = Lifecycle.decide(submitted, mla, Command.of(DELIVER, null, NODE, null), clock).getFirst();
        assertThat(Lifecycle.apply(submitted, delivered).status()).isEqualTo(DELIVERED);
        assertThat(Lifecycle.apply(submitted, delivered).deliveredAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> Lifecycle.decide(reach(DRAFT, mla), mla, Command.of(DELIVER, null, NODE, null), clock))
                .isInstanceOf(TransitionRefused.class);
    }

    @Test
    void answeringAQuestionReturnsToWhereTheRequestWas() {
        RequestState accepted = reach(ACCEPTED, mla);
        RequestState asked = apply(accepted, Command.of(REQUEST_INFORMATION, Side.REQUESTED, ANSWERER, "Which account?"));
        assertThat(asked.status()).isEqualTo(INFORMATION_REQUESTED);
        RequestState answered = apply(asked, Command.of(PROVIDE_INFORMATION, Side.REQUESTING, ASKER, "Account 42."));
        assertThat(answered.status()).isEqualTo(ACCEPTED);
        RequestState postponed = apply(answered, new Command(POSTPONE, Side.REQUESTED, ANSWERER, "Domestic investigation",
                null, clock.instant().plus(Duration.ofDays(10)), null, null, null, null));
        assertThat(apply(postponed, Command.of(RESUME, Side.REQUESTED, ANSWERER, null)).status()).isEqualTo(ACCEPTED);
    }

    @Test
    void routingForExecutionRecordsTheExecutingAuthority() {
        UUID unit = UUID.randomUUID();
        RequestState routed = apply(reach(ACKNOWLEDGED, mla), new Command(ASSIGN, Side.REQUESTED, ANSWERER, null, null, null, unit, null, null, null));
        assertThat(routed.executingAuthority()).isEqualTo(unit);
        assertThat(routed.status()).isEqualTo(ACKNOWLEDGED);
    }

    @Test
    void actionsThatNeedInputRefuseWithoutItNamingTheField() {
        RequestState underReview = reach(UNDER_REVIEW, mla);
        assertThat(problemField(underReview, Command.of(REFUSE, Side.REQUESTED, ANSWERER, "No."))).isEqualTo("ground");
        assertThat(problemField(underReview, new Command(REFUSE, Side.REQUESTED, ANSWERER, null, RefusalGround.DUAL_CRIMINALITY,
                null, null, null, null, null))).isEqualTo("reason");
        assertThat(problemField(underReview, Command.of(POSTPONE, Side.REQUESTED, ANSWERER, "Later"))).isEqualTo("until");
        assertThat(problemField(underReview, new Command(POSTPONE, Side.REQUESTED, ANSWERER, "Later", null,
                clock.instant().minusSeconds(1), null, null, null, null))).isEqualTo("until");
        assertThat(problemField(underReview, Command.of(REQUEST_INFORMATION, Side.REQUESTED, ANSWERER, " "))).isEqualTo("reason");
        assertThat(problemField(underReview, Command.of(ASSIGN, Side.REQUESTED, ANSWERER, null))).isEqualTo("authority");
        assertThat(problemField(reach(DELIVERED, mla), Command.of(WITHDRAW, Side.REQUESTING, ASKER, null))).isEqualTo("reason");
        assertThat(problemField(reach(DELIVERED, mla), Command.of(POST_MESSAGE, Side.REQUESTING, ASKER, ""))).isEqualTo("reason");
    }

    @Test
    void anIncompleteDraftCannotBeSubmittedAndSaysWhatIsMissing() {
        RequestDocument full = Documents.complete("budapest-31");
        RequestDocument incomplete = new RequestDocument(full.instrument(), full.requestingAuthority(), full.requestedAuthority(), full.urgency(),
                null, full.title(), null, "en", List.of(), List.of(new RequestDocument.Offence("Fraud", null, null)), null, full.relevance(),
                full.subjects(), full.dataSought(), full.measures(), full.necessityAndProportionality(), null, null, null, null, null, null);
        RequestState draft = Lifecycle.apply(RequestState.EMPTY, Lifecycle.create(incomplete, ASKER, clock));
        assertThatThrownBy(() -> Lifecycle.decide(draft, mla, Command.of(SUBMIT, Side.REQUESTING, ASKER, null), clock))
                .isInstanceOf(TransitionRefused.class)
                .satisfies(e -> assertThat(((ComityException) e).fieldProblems())
                        .extracting(p -> p.field())
                        .containsExactlyInAnyOrder("offences[0].legalProvision", "offences[0].maximumPenalty", "summaryOfFacts"))
                .extracting(e -> ((ComityException) e).status()).isEqualTo(422);
    }

    // --- Preservation (Budapest Art. 29; EU 2023/1543 Art. 11) ----------------------------------

    @Test
    void confirmingAPreservationExecutesItAndPreservesForSixtyDays() {
        Instrument art29 = Instruments.load("budapest-29");
        RequestState preserved = apply(reach(ACKNOWLEDGED, art29), art29, Command.of(CONFIRM_PRESERVATION, Side.REQUESTED, ANSWERER, null));
        assertThat(preserved.status()).isEqualTo(EXECUTED);
        assertThat(preserved.preservation().status()).isEqualTo(PreservationStatus.PRESERVED);
        // Budapest Convention Art. 29(7): not less than sixty days.
        assertThat(preserved.preservation().until()).isEqualTo(clock.instant().plus(Duration.ofDays(60)));
        assertThat(Lifecycle.available(preserved, art29, Side.REQUESTED, clock.instant()))
                .contains(EXTEND_PRESERVATION, RELEASE_PRESERVATION).doesNotContain(CONFIRM_PRESERVATION);
        assertThat(Lifecycle.available(preserved, art29, Side.REQUESTING, clock.instant()))
                .contains(LINK_FOLLOW_UP, RELEASE_PRESERVATION).doesNotContain(CLOSE);
    }

    @Test
    void aBudapestPreservationCanBeExtendedAgainAndAgain() {
        Instrument art29 = Instruments.load("budapest-29");
        RequestState s = apply(reach(ACKNOWLEDGED, art29), art29, Command.of(CONFIRM_PRESERVATION, Side.REQUESTED, ANSWERER, null));
        Instant until = s.preservation().until();
        for (int i = 1; i <= 3; i++) {
            s = apply(s, art29, Command.of(EXTEND_PRESERVATION, Side.REQUESTED, ANSWERER, null));
            assertThat(s.preservation().until()).isEqualTo(until.plus(Duration.ofDays(60L * i)));
            assertThat(s.preservation().extensions()).isEqualTo(i);
        }
    }

    @Test
    void anEuPreservationOrderIsExtendedOnceByThirtyDaysAndNoMore() {
        Instrument epocPr = Instruments.load("eu-epoc-pr");
        RequestState s = apply(reach(ACKNOWLEDGED, epocPr), epocPr, Command.of(CONFIRM_PRESERVATION, Side.REQUESTED, ANSWERER, null));
        Instant until = s.preservation().until();
        RequestState extended = apply(s, epocPr, Command.of(EXTEND_PRESERVATION, Side.REQUESTED, ANSWERER, null));
        assertThat(extended.preservation().until()).isEqualTo(until.plus(Duration.ofDays(30)));
        assertThatThrownBy(() -> Lifecycle.decide(extended, epocPr, Command.of(EXTEND_PRESERVATION, Side.REQUESTED, ANSWERER, null), clock))
                .isInstanceOf(TransitionRefused.class)
                .hasMessageContaining("allows no further extension");
    }

    @Test
    void aPreservationExpiresOnlyWhenItsTimeIsUpAndNoFollowUpKeepsIt() {
        Instrument art29 = Instruments.load("budapest-29");
        RequestState s = apply(reach(ACKNOWLEDGED, art29), art29, Command.of(CONFIRM_PRESERVATION, Side.REQUESTED, ANSWERER, null));
        Command expire = Command.of(EXPIRE_PRESERVATION, null, NODE, null);
        RequestState preserved = s;
        assertThatThrownBy(() -> Lifecycle.decide(preserved, art29, expire, clock)).hasMessageContaining("runs until");
        clock.advance(Duration.ofDays(60));
        assertThat(apply(s, art29, expire).preservation().status()).isEqualTo(PreservationStatus.EXPIRED);

        RequestState linked = apply(s, art29, new Command(LINK_FOLLOW_UP, Side.REQUESTING, ASKER, null, null, null, null, UUID.randomUUID(), null, null));
        assertThatThrownBy(() -> Lifecycle.decide(linked, art29, expire, clock)).hasMessageContaining("pending its decision");
    }

    @Test
    void aPreservedRequestClosesOnlyOnceTheDataIsReleased() {
        Instrument art29 = Instruments.load("budapest-29");
        RequestState s = apply(reach(ACKNOWLEDGED, art29), art29, Command.of(CONFIRM_PRESERVATION, Side.REQUESTED, ANSWERER, null));
        RequestState preserved = s;
        assertThatThrownBy(() -> Lifecycle.decide(preserved, art29, Command.of(CLOSE, Side.REQUESTING, ASKER, null), clock))
                .hasMessageContaining("still preserved");
        RequestState released = apply(s, art29, Command.of(RELEASE_PRESERVATION, Side.REQUESTING, ASKER, "No longer needed"));
        assertThat(released.preservation().status()).isEqualTo(PreservationStatus.RELEASED);
        assertThat(apply(released, art29, Command.of(CLOSE, Side.REQUESTING, ASKER, null)).status()).isEqualTo(CLOSED);
    }

    @Test
    void preservationActionsAreRefusedUnderInstrumentsThatDoNotPreserve() {
        RequestState executed = reach(EXECUTED, mla);
        assertThatThrownBy(() -> Lifecycle.decide(executed, mla, Command.of(EXTEND_PRESERVATION, Side.REQUESTED, ANSWERER, null), clock))
                .hasMessageContaining("not a preservation instrument");
    }

    @Test
    void spontaneousInformationClosesOnceAcknowledged() {
        Instrument art26 = Instruments.load("budapest-26");
        RequestState acknowledged = reach(ACKNOWLEDGED, art26);
        assertThat(apply(acknowledged, art26, Command.of(CLOSE, Side.REQUESTING, ASKER, null)).status()).isEqualTo(CLOSED);
    }

    @Test
    void replayingTheEventsGivesTheSameStateAsApplyingThemOneByOne() {
        List<RequestEvent> events = new ArrayList<>();
        RequestState s = Lifecycle.apply(RequestState.EMPTY, record(events, Lifecycle.create(Documents.complete("budapest-31"), ASKER, clock)));
        for (Action a : PATH.get(CLOSED)) {
            s = Lifecycle.apply(s, record(events, Lifecycle.decide(s, mla, commandFor(a, sideOf(a)), clock).getFirst()));
        }
        assertThat(Lifecycle.replay(events)).isEqualTo(s);
        assertThat(s.version()).isEqualTo(events.size());
    }

    // --- Helpers --------------------------------------------------------------------------------

    RequestState reach(RequestStatus status, Instrument instrument) {
        RequestDocument doc = Documents.complete(instrument.id());
        RequestState s = Lifecycle.apply(RequestState.EMPTY, Lifecycle.create(doc, ASKER, clock));
        for (Action a : PATH.get(status)) {
            s = apply(s, instrument, commandFor(a, sideOf(a)));
        }
        return s;
    }

    RequestState apply(RequestState s, Command c) {
        return apply(s, mla, c);
    }

    RequestState apply(RequestState s, Instrument instrument, Command c) {
        RequestState out = s;
        for (RequestEvent e : Lifecycle.decide(s, instrument, c, clock)) {
            out = Lifecycle.apply(out, e);
        }
        return out;
    }

    String problemField(RequestState s, Command c) {
        try {
            Lifecycle.decide(s, mla, c, clock);
            throw new AssertionError(c.action() + " should have been refused");
        } catch (TransitionRefused e) {
            assertThat(e.status()).isEqualTo(422);
            return e.fieldProblems().getFirst().field();
        }
    }

    static Side sideOf(Action a) {
        return switch (a.party()) {
            case REQUESTING -> Side.REQUESTING;
            case REQUESTED -> Side.REQUESTED;
            case SYSTEM -> null;
            case EITHER -> Side.REQUESTING;
        };
    }

    /** A command with every input the action needs, so only the lifecycle decides. */
    Command commandFor(Action action, Side side) {
        EventActor actor = action.party() == Party.SYSTEM ? NODE : side == Side.REQUESTING ? ASKER : ANSWERER;
        return new Command(action, side, actor, "Because.", RefusalGround.OTHER, clock.instant().plus(Duration.ofDays(7)),
                UUID.randomUUID(), UUID.randomUUID(), action == EDIT ? Documents.complete("budapest-31") : null, null);
    }

    static RequestEvent record(List<RequestEvent> events, RequestEvent e) {
        events.add(e);
        return e;
    }
}
