package org.comity.custody.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The continuity a court looks for in one exhibit's events, within one node's ledger and across a hand-over, rule by rule. */
class CustodyChainTest {

    static final String IMAGE = "aa".repeat(32);
    static final String XB = "xb.comity.example/comity/ledger";
    static final String XA = "xa.comity.example/comity/ledger";
    int ids;
    long index;

    @Test
    void acquiredSealedUploadedAndExportedWithTheHashCarriedThroughIsUnbroken() {
        List<LoggedEvent> chain = chain(CustodyAction.ACQUIRE, CustodyAction.SEAL, CustodyAction.UPLOAD, CustodyAction.EXPORT);

        assertThat(CustodyChain.breaks(chain)).isEmpty();
        assertThat(CustodyChain.lastKnownSha256(chain)).contains(IMAGE);
    }

    @Test
    void anExhibitReceivedFromOutsideComityStartsWithItsReceipt() {
        assertThat(CustodyChain.breaks(chain(CustodyAction.RECEIVE, CustodyAction.VERIFY))).isEmpty();
    }

    @Test
    void aChainThatStartsAnywhereElseIsBroken() {
        assertThat(CustodyChain.breaks(chain(CustodyAction.UPLOAD, CustodyAction.EXPORT))).singleElement()
                .satisfies(b -> assertThat(b.problem()).contains("first event is upload"));
        assertThat(CustodyChain.breaks(List.of())).singleElement().satisfies(b -> assertThat(b.problem()).contains("no custody events"));
    }

    @Test
    void anEventThatDoesNotNameItsPredecessorBreaksTheChain() {
        List<LoggedEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE, CustodyAction.SEAL));
        chain.add(logged(XB, next(chain.getFirst(), CustodyAction.UPLOAD, 3).build())); // names the acquisition, skipping the seal

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> {
            assertThat(b.position()).isEqualTo(3);
            assertThat(b.problem()).contains("does not name the event before it (seal");
        });
    }

    @Test
    void timeRunningBackwardsWithinOneLedgerBreaksTheChain() {
        List<LoggedEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE, CustodyAction.SEAL));
        chain.add(logged(XB, next(chain.getLast(), CustodyAction.UPLOAD, 0).build()));

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> assertThat(b.problem()).contains("before the event ahead of it"));
    }

    @Test
    void withinOneLedgerTheChainFollowsTheLedgerOrder() {
        List<LoggedEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE, CustodyAction.SEAL));
        LoggedEvent seal = chain.removeLast();
        chain.add(new LoggedEvent(XB, 0, seal.event())); // claims a place before the acquisition's

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> assertThat(b.problem()).contains("entry 0", "not after", "entry 1"));
    }

    @Test
    void nothingMayFollowDisposal() {
        assertThat(CustodyChain.breaks(chain(CustodyAction.ACQUIRE, CustodyAction.DISPOSE, CustodyAction.ACCESS))).singleElement()
                .satisfies(b -> assertThat(b.problem()).contains("follows the exhibit's disposal"));
    }

    @Test
    void bytesGoingInMustBeTheBytesThatCameOut() {
        List<LoggedEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE));
        chain.add(logged(XB, next(chain.getLast(), CustodyAction.UPLOAD, 1).inputSha256("bb".repeat(32)).build()));

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> assertThat(b.problem()).contains("received bytes with hash bbbb"));
    }

    @Test
    void anotherExhibitsEventInTheChainIsABreak() {
        List<LoggedEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE));
        CustodyEvent other = CustodyEventTest.acquired();
        chain.add(logged(XB, CustodyEvent.builder(new UUID(1, 99), UUID.randomUUID(), CustodyAction.SEAL).actor(other.actor()).tool(other.tool())
                .node("XB", "XB").at(other.at().plusSeconds(7200)).reason("x").build()));

        assertThat(CustodyChain.breaks(chain)).extracting(ChainBreak::problem).anySatisfy(p -> assertThat(p).contains("concerns another exhibit"));
    }

    @Test
    void aTransferFromOneNodeFollowedByItsReceiptAtAnotherIsUnbroken() {
        List<LoggedEvent> chain = handedOver(Duration.ofMinutes(30));

        assertThat(CustodyChain.breaks(chain)).isEmpty();
        assertThat(chain).extracting(LoggedEvent::ledger).containsExactly(XB, XB, XB, XA, XA);
    }

    @Test
    void aReceiptThatDoesNotNameTheTransferBreaksTheChainAtTheHandOver() {
        List<LoggedEvent> chain = new ArrayList<>(handedOver(Duration.ofMinutes(30)).subList(0, 3));
        CustodyEvent upload = chain.get(1).event();
        chain.add(logged(XA, next(upload, CustodyAction.RECEIVE, 3).node("XA", "XA").inputSha256(IMAGE).build()));

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> {
            assertThat(b.position()).isEqualTo(4);
            assertThat(b.problem()).contains("does not name the event before it (transfer");
        });
    }

    @Test
    void aReceiptWhoseTransferIsNotInTheChainIsABreak() {
        List<LoggedEvent> chain = handedOver(Duration.ofMinutes(30)).subList(3, 5);

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> assertThat(b.problem()).contains("receipt names the transfer",
                "not in the chain"));
    }

    @Test
    void theChainPassesToAnotherLedgerOnlyFromATransferToItsReceipt() {
        List<LoggedEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE, CustodyAction.UPLOAD));
        chain.add(logged(XA, next(chain.getLast().event(), CustodyAction.VERIFY, 2).node("XA", "XA").build()));

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> assertThat(b.problem()).contains("from node XB's ledger to node XA's",
                "upload then verify", "only from a transfer to its receipt"));
    }

    @Test
    void nothingButTheReceiptElsewhereFollowsATransfer() {
        List<LoggedEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE, CustodyAction.TRANSFER));
        chain.add(logged(XB, next(chain.getLast().event(), CustodyAction.ACCESS, 2).build()));

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> assertThat(b.problem()).contains("follows a transfer in the same ledger"));
    }

    @Test
    void aReceiptWithinTheChainMustComeFromAnotherLedger() {
        List<LoggedEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE, CustodyAction.UPLOAD));
        chain.add(logged(XB, next(chain.getLast().event(), CustodyAction.RECEIVE, 2).build()));

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> assertThat(b.problem()).contains("a receipt within the chain"));
    }

    @Test
    void twoNodesClocksMayDifferByTheAllowedSkewAtTheHandOverAndNoMore() {
        List<LoggedEvent> fourMinutesEarly = handedOver(Duration.ofMinutes(-4));
        List<LoggedEvent> sixMinutesEarly = handedOver(Duration.ofMinutes(-6));

        assertThat(CustodyChain.breaks(fourMinutesEarly)).isEmpty();
        assertThat(CustodyChain.breaks(sixMinutesEarly)).singleElement()
                .satisfies(b -> assertThat(b.problem()).contains("before the transfer", "by more than the 5 minutes"));
        assertThat(CustodyChain.breaks(sixMinutesEarly, Duration.ofMinutes(10))).isEmpty();
        assertThat(CustodyChain.breaks(fourMinutesEarly, Duration.ZERO)).singleElement()
                .satisfies(b -> assertThat(b.problem()).contains("by more than the 0 minutes"));
    }

    @Test
    void theBytesReceivedMustBeTheBytesTransferred() {
        List<LoggedEvent> chain = new ArrayList<>(handedOver(Duration.ofMinutes(30)).subList(0, 3));
        chain.add(logged(XA, next(chain.getLast().event(), CustodyAction.RECEIVE, 3).node("XA", "XA").inputSha256("cc".repeat(32)).build()));

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> assertThat(b.problem()).contains("received bytes with hash cccc"));
    }

    /** Acquired, uploaded and transferred at XB; received {@code receivedAfter} after the transfer and verified at XA. */
    private List<LoggedEvent> handedOver(Duration receivedAfter) {
        List<LoggedEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE, CustodyAction.UPLOAD, CustodyAction.TRANSFER));
        CustodyEvent transfer = chain.getLast().event();
        Instant receivedAt = transfer.at().plus(receivedAfter);
        CustodyEvent receipt = next(transfer, CustodyAction.RECEIVE, 0).node("XA", "XA").at(receivedAt).inputSha256(IMAGE).build();
        index = 40; // XA's ledger has its own numbering
        chain.add(logged(XA, receipt));
        chain.add(logged(XA, next(receipt, CustodyAction.VERIFY, 0).node("XA", "XA").at(receivedAt.plusSeconds(60)).inputSha256(IMAGE).build()));
        return chain;
    }

    /** One exhibit's events at node XB, an hour apart, at successive entries of XB's ledger. */
    private List<LoggedEvent> chain(CustodyAction... actions) {
        List<LoggedEvent> chain = new ArrayList<>();
        for (CustodyAction action : actions) {
            chain.add(logged(XB, chain.isEmpty() ? first(action) : next(chain.getLast().event(), action, chain.size()).inputSha256(IMAGE).build()));
        }
        return chain;
    }

    private LoggedEvent logged(String ledger, CustodyEvent event) {
        return new LoggedEvent(ledger, ++index, event);
    }

    private CustodyEvent first(CustodyAction action) {
        CustodyEvent template = CustodyEventTest.acquired();
        return CustodyEvent.builder(new UUID(1, ++ids), CustodyEventTest.EXHIBIT, action).actor(template.actor()).tool(template.tool())
                .node("XB", "XB").at(template.at()).reason("first").outputSha256(IMAGE).build();
    }

    private CustodyEvent.Builder next(CustodyEvent before, CustodyAction action, int hoursAfterStart) {
        CustodyEvent template = CustodyEventTest.acquired();
        return CustodyEvent.builder(new UUID(1, ++ids), CustodyEventTest.EXHIBIT, action).actor(template.actor()).tool(template.tool())
                .node("XB", "XB").at(template.at().plus(Duration.ofHours(hoursAfterStart))).reason(action.json()).outputSha256(IMAGE).after(before);
    }

    private CustodyEvent.Builder next(LoggedEvent before, CustodyAction action, int hoursAfterStart) {
        return next(before.event(), action, hoursAfterStart);
    }
}
