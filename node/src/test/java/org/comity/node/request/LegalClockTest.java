package org.comity.node.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.comity.node.support.Documents;
import org.comity.node.support.FakeClock;
import org.comity.node.support.Instruments;
import org.junit.jupiter.api.Test;

/**
 * The deadlines of every instrument, with the numbers taken from the instruments' texts (and, where
 * a text says only "expeditiously", from the node's stated working target) written here, not read
 * from the data files under test. The clock is moved by hand.
 */
class LegalClockTest {

    final FakeClock clock = FakeClock.at("2026-03-02T08:00:00Z");
    final List<RequestEvent> events = new ArrayList<>();
    RequestState state;
    Instrument instrument;

    // --- What each instrument requires ----------------------------------------------------------

    @Test
    void budapestPreservationIsAcknowledgedWithinTheHourPreservedWithinADayAndKeptSixtyDays() {
        start("budapest-29", Urgency.URGENT);
        deliver();
        assertDue(DeadlineKind.ACKNOWLEDGE, Duration.ofHours(1));
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        assertDue(DeadlineKind.PRESERVE, Duration.ofHours(24));
        act(Action.CONFIRM_PRESERVATION, Side.REQUESTED);
        assertStatus(DeadlineKind.PRESERVE, DeadlineStatus.MET);
        assertDue(DeadlineKind.PRESERVATION_EXPIRY, Duration.ofDays(60)); // Art. 29(7)
    }

    @Test
    void anUrgentRequestUnderAnInstrumentWithoutAnAcknowledgementDeadlineGetsTheChannelsHourButNotAnOrderToAProvider() {
        start("budapest-26", Urgency.URGENT); // spontaneous information: no deadline of its own
        deliver();
        assertDue(DeadlineKind.ACKNOWLEDGE, Duration.ofHours(1));
        assertThat(deadline(DeadlineKind.ACKNOWLEDGE).dueSoonAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(45)));
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        assertStatus(DeadlineKind.ACKNOWLEDGE, DeadlineStatus.MET);

        start("budapest-26", Urgency.NORMAL);
        deliver();
        assertThat(deadlines()).noneMatch(d -> d.kind() == DeadlineKind.ACKNOWLEDGE);

        // An EU preservation order goes to a provider (urgent by default) under its own time limits, not the 24/7 network's.
        assertThat(LegalClock.rules(Instruments.load("eu-epoc-pr"), Urgency.URGENT)).noneMatch(r -> r.kind() == DeadlineKind.ACKNOWLEDGE);
        // An instrument's own acknowledgement deadline wins over the default.
        assertThat(LegalClock.rules(Instruments.load("protocol-10"), Urgency.EMERGENCY)).filteredOn(r -> r.kind() == DeadlineKind.ACKNOWLEDGE)
                .extracting(DeadlineRule::duration).containsExactly(Duration.ofHours(2));
    }

    @Test
    void budapestDisclosureOfPreservedTrafficData() {
        start("budapest-30", Urgency.URGENT);
        deliver();
        assertDue(DeadlineKind.ACKNOWLEDGE, Duration.ofHours(4));
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        assertDue(DeadlineKind.EXECUTE, Duration.ofDays(2));
    }

    @Test
    void budapestMutualAssistanceNormalAndUrgent() {
        start("budapest-31", Urgency.NORMAL);
        deliver();
        assertDue(DeadlineKind.ACKNOWLEDGE, Duration.ofDays(5));
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        assertDue(DeadlineKind.DECIDE, Duration.ofDays(30));
        act(Action.START_REVIEW, Side.REQUESTED);
        act(Action.ACCEPT, Side.REQUESTED);
        assertDue(DeadlineKind.EXECUTE, Duration.ofDays(90));

        start("budapest-31", Urgency.URGENT);
        deliver();
        assertDue(DeadlineKind.ACKNOWLEDGE, Duration.ofDays(1));
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        assertDue(DeadlineKind.DECIDE, Duration.ofDays(5));
        act(Action.START_REVIEW, Side.REQUESTED);
        act(Action.ACCEPT, Side.REQUESTED);
        assertDue(DeadlineKind.EXECUTE, Duration.ofDays(20));
    }

    @Test
    void the247NetworkAnswersWithinTheHour() {
        start("budapest-35", Urgency.URGENT);
        deliver();
        assertDue(DeadlineKind.ACKNOWLEDGE, Duration.ofHours(1));
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        assertDue(DeadlineKind.EXECUTE, Duration.ofHours(24));
    }

    @Test
    void domainRegistrationInformationWithinThirtyDays() {
        start("protocol-6", Urgency.NORMAL);
        deliver();
        assertDue(DeadlineKind.EXECUTE, Duration.ofDays(30));
    }

    @Test
    void aProviderHasThirtyDaysForSubscriberInformation() {
        start("protocol-7", Urgency.NORMAL);
        deliver();
        assertDue(DeadlineKind.EXECUTE, Duration.ofDays(30));
    }

    @Test
    void givingEffectToAnOrderServesIn45DaysAndProducesIn20DaysForSubscriberData() {
        start("protocol-8", Urgency.NORMAL);
        deliver();
        assertDue(DeadlineKind.SERVE, Duration.ofDays(45)); // Protocol Art. 8(6)(a)
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        act(Action.START_REVIEW, Side.REQUESTED);
        act(Action.ACCEPT, Side.REQUESTED);
        act(Action.START_EXECUTION, Side.REQUESTED);
        assertStatus(DeadlineKind.SERVE, DeadlineStatus.MET);
        assertDue(DeadlineKind.EXECUTE, Duration.ofDays(20)); // Art. 8(6)(b): subscriber information
    }

    @Test
    void givingEffectToAnOrderForTrafficDataProducesIn45Days() {
        start("protocol-8", Urgency.NORMAL, DataCategory.TRAFFIC);
        deliver();
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        act(Action.START_REVIEW, Side.REQUESTED);
        act(Action.ACCEPT, Side.REQUESTED);
        act(Action.START_EXECUTION, Side.REQUESTED);
        assertDue(DeadlineKind.EXECUTE, Duration.ofDays(45)); // Art. 8(6)(b): traffic data
    }

    @Test
    void emergencyDisclosureIsAcknowledgedWithinTheHourAndDisclosedWithinEightHours() {
        start("protocol-9", Urgency.EMERGENCY);
        deliver();
        assertDue(DeadlineKind.ACKNOWLEDGE, Duration.ofHours(1));
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        assertDue(DeadlineKind.EXECUTE, Duration.ofHours(8));
    }

    @Test
    void emergencyMutualAssistance() {
        start("protocol-10", Urgency.EMERGENCY);
        deliver();
        assertDue(DeadlineKind.ACKNOWLEDGE, Duration.ofHours(2));
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        assertDue(DeadlineKind.DECIDE, Duration.ofDays(1));
        act(Action.START_REVIEW, Side.REQUESTED);
        act(Action.ACCEPT, Side.REQUESTED);
        assertDue(DeadlineKind.EXECUTE, Duration.ofDays(3));
    }

    @Test
    void aEuropeanProductionOrderIsAnsweredInTenDaysOrEightHoursInAnEmergency() {
        start("eu-epoc", Urgency.NORMAL);
        deliver();
        assertDue(DeadlineKind.EXECUTE, Duration.ofDays(10)); // Regulation 2023/1543 Art. 10(2)
        start("eu-epoc", Urgency.EMERGENCY);
        deliver();
        assertDue(DeadlineKind.EXECUTE, Duration.ofHours(8)); // Art. 10(4)
    }

    @Test
    void aEuropeanPreservationOrderKeepsDataSixtyDaysExtendableOnceByThirty() {
        start("eu-epoc-pr", Urgency.URGENT);
        deliver();
        assertDue(DeadlineKind.PRESERVE, Duration.ofHours(24));
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        act(Action.CONFIRM_PRESERVATION, Side.REQUESTED);
        Instant confirmed = clock.instant();
        assertThat(deadline(DeadlineKind.PRESERVATION_EXPIRY).dueAt()).isEqualTo(confirmed.plus(Duration.ofDays(60)));
        clock.advance(Duration.ofDays(50));
        act(Action.EXTEND_PRESERVATION, Side.REQUESTED);
        assertThat(deadline(DeadlineKind.PRESERVATION_EXPIRY).dueAt()).isEqualTo(confirmed.plus(Duration.ofDays(90)));
    }

    @Test
    void aBilateralTreatyRequest() {
        start("bilateral-mla", Urgency.NORMAL);
        deliver();
        assertDue(DeadlineKind.ACKNOWLEDGE, Duration.ofDays(10));
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        assertDue(DeadlineKind.DECIDE, Duration.ofDays(60));
        act(Action.START_REVIEW, Side.REQUESTED);
        act(Action.ACCEPT, Side.REQUESTED);
        assertDue(DeadlineKind.EXECUTE, Duration.ofDays(180));
    }

    @Test
    void spontaneousInformationSetsNoDeadline() {
        start("budapest-26", Urgency.NORMAL);
        deliver();
        assertThat(deadlines()).isEmpty();
    }

    // --- How the clock runs ---------------------------------------------------------------------

    @Test
    void aDeadlineRunsThenIsDueSoonThenOverdueAsTimePasses() {
        start("budapest-31", Urgency.NORMAL);
        deliver();
        assertStatus(DeadlineKind.ACKNOWLEDGE, DeadlineStatus.RUNNING);
        clock.advance(Duration.ofDays(3).plusHours(18)); // a quarter of five days before the end
        assertStatus(DeadlineKind.ACKNOWLEDGE, DeadlineStatus.DUE_SOON);
        clock.advance(Duration.ofHours(30).minusSeconds(1));
        assertStatus(DeadlineKind.ACKNOWLEDGE, DeadlineStatus.DUE_SOON);
        clock.advance(Duration.ofSeconds(1)); // exactly five days after delivery
        assertStatus(DeadlineKind.ACKNOWLEDGE, DeadlineStatus.OVERDUE);
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        assertStatus(DeadlineKind.ACKNOWLEDGE, DeadlineStatus.MISSED);
    }

    @Test
    void aDeadlineMetInTimeStaysMet() {
        start("budapest-31", Urgency.NORMAL);
        deliver();
        clock.advance(Duration.ofDays(4));
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        clock.advance(Duration.ofDays(100));
        assertStatus(DeadlineKind.ACKNOWLEDGE, DeadlineStatus.MET);
    }

    @Test
    void askingForMoreInformationPausesTheRequestedSidesClockAndStartsTheRequestingSides() {
        start("budapest-31", Urgency.NORMAL);
        deliver();
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        Instant decideDue = deadline(DeadlineKind.DECIDE).dueAt();
        act(Action.START_REVIEW, Side.REQUESTED);
        clock.advance(Duration.ofDays(10));
        act(Action.REQUEST_INFORMATION, Side.REQUESTED);
        assertStatus(DeadlineKind.DECIDE, DeadlineStatus.PAUSED);
        assertDue(DeadlineKind.PROVIDE_INFORMATION, Duration.ofDays(30));
        assertThat(deadline(DeadlineKind.PROVIDE_INFORMATION).party()).isEqualTo(Party.REQUESTING);
        clock.advance(Duration.ofDays(7));
        act(Action.PROVIDE_INFORMATION, Side.REQUESTING);
        assertStatus(DeadlineKind.PROVIDE_INFORMATION, DeadlineStatus.MET);
        assertStatus(DeadlineKind.DECIDE, DeadlineStatus.RUNNING);
        assertThat(deadline(DeadlineKind.DECIDE).dueAt()).isEqualTo(decideDue.plus(Duration.ofDays(7)));
        assertThat(deadline(DeadlineKind.DECIDE).paused()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aPostponementPausesExecutionAndWarnsWhenItEnds() {
        start("budapest-31", Urgency.NORMAL);
        deliver();
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        act(Action.START_REVIEW, Side.REQUESTED);
        act(Action.ACCEPT, Side.REQUESTED);
        Instant executeDue = deadline(DeadlineKind.EXECUTE).dueAt();
        Instant until = clock.instant().plus(Duration.ofDays(14));
        apply(new Command(Action.POSTPONE, Side.REQUESTED, actor(Side.REQUESTED), "Domestic investigation", null, until, null, null, null, null));
        assertStatus(DeadlineKind.EXECUTE, DeadlineStatus.PAUSED);
        assertThat(deadline(DeadlineKind.POSTPONEMENT_END).dueAt()).isEqualTo(until);
        clock.advance(Duration.ofDays(13).plusHours(1));
        assertStatus(DeadlineKind.POSTPONEMENT_END, DeadlineStatus.DUE_SOON);
        clock.advance(Duration.ofHours(23));
        act(Action.RESUME, Side.REQUESTED);
        assertStatus(DeadlineKind.POSTPONEMENT_END, DeadlineStatus.MET);
        assertThat(deadline(DeadlineKind.EXECUTE).dueAt()).isEqualTo(executeDue.plus(Duration.ofDays(14)));
    }

    @Test
    void refusingOrWithdrawingCancelsTheRequestedSidesDeadlines() {
        start("budapest-31", Urgency.NORMAL);
        deliver();
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        act(Action.START_REVIEW, Side.REQUESTED);
        act(Action.ACCEPT, Side.REQUESTED);
        apply(new Command(Action.REFUSE, Side.REQUESTED, actor(Side.REQUESTED), "Data deleted", RefusalGround.DATA_NOT_AVAILABLE,
                null, null, null, null, null));
        assertStatus(DeadlineKind.DECIDE, DeadlineStatus.MET);
        assertStatus(DeadlineKind.EXECUTE, DeadlineStatus.CANCELLED);

        start("budapest-31", Urgency.NORMAL);
        deliver();
        apply(Command.of(Action.WITHDRAW, Side.REQUESTING, actor(Side.REQUESTING), "Suspect identified otherwise"));
        assertStatus(DeadlineKind.ACKNOWLEDGE, DeadlineStatus.CANCELLED);
    }

    @Test
    void aPreservationWarnsAWeekBeforeItEndsAndIsMissedIfItExpires() {
        start("budapest-29", Urgency.URGENT);
        deliver();
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        act(Action.CONFIRM_PRESERVATION, Side.REQUESTED);
        clock.advance(Duration.ofDays(53).plusMinutes(1));
        assertStatus(DeadlineKind.PRESERVATION_EXPIRY, DeadlineStatus.DUE_SOON);
        clock.advance(Duration.ofDays(7));
        assertStatus(DeadlineKind.PRESERVATION_EXPIRY, DeadlineStatus.OVERDUE);
        apply(Command.of(Action.EXPIRE_PRESERVATION, null, EventActor.node("XA"), null));
        assertStatus(DeadlineKind.PRESERVATION_EXPIRY, DeadlineStatus.MISSED);
    }

    @Test
    void aFollowUpRequestKeepsThePreservationAlive() {
        start("budapest-29", Urgency.URGENT);
        deliver();
        act(Action.ACKNOWLEDGE, Side.REQUESTED);
        act(Action.CONFIRM_PRESERVATION, Side.REQUESTED);
        clock.advance(Duration.ofDays(30));
        apply(new Command(Action.LINK_FOLLOW_UP, Side.REQUESTING, actor(Side.REQUESTING), null, null, null, null, UUID.randomUUID(), null, null));
        clock.advance(Duration.ofDays(100));
        assertStatus(DeadlineKind.PRESERVATION_EXPIRY, DeadlineStatus.MET);
    }

    @Test
    void theScheduleNamesTheNextMomentADeadlineChangesLevel() {
        start("budapest-31", Urgency.NORMAL);
        deliver();
        Instant delivered = clock.instant();
        LegalClock.Schedule s = LegalClock.schedule(deadlines(), clock.instant());
        assertThat(s.nextDueAt()).isEqualTo(delivered.plus(Duration.ofDays(5)));
        assertThat(s.dueSoonAt()).isEqualTo(delivered.plus(Duration.ofDays(5)).minus(Duration.ofHours(30)));
        assertThat(s.nextAlertAt()).isEqualTo(s.dueSoonAt());
        clock.set(s.dueSoonAt().plusSeconds(1));
        assertThat(LegalClock.schedule(deadlines(), clock.instant()).nextAlertAt()).isEqualTo(s.nextDueAt());
        clock.set(s.nextDueAt().plusSeconds(1));
        assertThat(LegalClock.schedule(deadlines(), clock.instant()).nextAlertAt()).isNull();
        assertThat(LegalClock.schedule(deadlines(), clock.instant()).nextDueAt()).isEqualTo(s.nextDueAt());
    }

    // --- Helpers --------------------------------------------------------------------------------

    void start(String id, Urgency urgency, DataCategory... categories) {
        instrument = Instruments.load(id);
        events.clear();
        RequestDocument base = Documents.complete(id, UUID.randomUUID(), UUID.randomUUID(), urgency);
        RequestDocument doc = base;
        if (categories.length > 0) {
            doc = new RequestDocument(doc.instrument(), doc.requestingAuthority(), doc.requestedAuthority(), urgency, doc.urgencyReason(), doc.title(),
                    doc.nationalReference(), doc.language(), doc.replyLanguages(), doc.offences(), doc.summaryOfFacts(), doc.relevance(), doc.subjects(),
                    java.util.Arrays.stream(categories).map(c -> new RequestDocument.DataSought(c, "data", base.dataSought().getFirst().identifiers(),
                            LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), "Provider", null)).toList(),
                    doc.measures(), doc.necessityAndProportionality(), doc.procedureRequirements(), doc.confidentiality(), null,
                    doc.followUpMlaIntended(), doc.emergencyFacts(), doc.relatedRequest());
        }
        RequestEvent created = Lifecycle.create(doc, actor(Side.REQUESTING), clock);
        events.add(created);
        state = Lifecycle.apply(RequestState.EMPTY, created);
    }

    void deliver() {
        act(Action.SUBMIT, Side.REQUESTING);
        apply(Command.of(Action.DELIVER, null, EventActor.node("XA"), null));
    }

    void act(Action action, Side side) {
        apply(Command.of(action, side, actor(side), "step"));
    }

    void apply(Command command) {
        for (RequestEvent e : Lifecycle.decide(state, instrument, command, clock)) {
            events.add(e);
            state = Lifecycle.apply(state, e);
        }
    }

    List<Deadline> deadlines() {
        return LegalClock.deadlines(instrument, events, clock.instant());
    }

    Deadline deadline(DeadlineKind kind) {
        return deadlines().stream().filter(d -> d.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " deadline among " + deadlines()));
    }

    void assertDue(DeadlineKind kind, Duration after) {
        Deadline d = deadline(kind);
        assertThat(d.dueAt()).as("%s under %s", kind, instrument.id()).isEqualTo(clock.instant().plus(after));
        assertThat(d.startedAt()).isEqualTo(clock.instant());
        assertThat(d.status()).isIn(DeadlineStatus.RUNNING, DeadlineStatus.DUE_SOON);
        assertThat(d.basis()).isNotBlank();
    }

    void assertStatus(DeadlineKind kind, DeadlineStatus status) {
        assertThat(deadline(kind).status()).as("%s under %s", kind, instrument.id()).isEqualTo(status);
    }

    static EventActor actor(Side side) {
        return new EventActor(UUID.randomUUID(), side.name(), UUID.randomUUID());
    }
}
