package org.comity.custody.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The continuity a court looks for in one exhibit's events, rule by rule. */
class CustodyChainTest {

    static final String IMAGE = "aa".repeat(32);
    int ids;

    @Test
    void acquiredSealedUploadedAndExportedWithTheHashCarriedThroughIsUnbroken() {
        List<CustodyEvent> chain = chain(CustodyAction.ACQUIRE, CustodyAction.SEAL, CustodyAction.UPLOAD, CustodyAction.EXPORT);

        assertThat(CustodyChain.breaks(chain)).isEmpty();
        assertThat(CustodyChain.lastKnownSha256(chain)).contains(IMAGE);
    }

    @Test
    void anExhibitReceivedFromAnotherNodeStartsWithItsReceipt() {
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
        List<CustodyEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE, CustodyAction.SEAL));
        chain.add(next(chain.getFirst(), CustodyAction.UPLOAD, 3).build()); // names the acquisition, skipping the seal

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> {
            assertThat(b.position()).isEqualTo(3);
            assertThat(b.problem()).contains("does not name the event before it (seal");
        });
    }

    @Test
    void timeRunningBackwardsBreaksTheChain() {
        List<CustodyEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE, CustodyAction.SEAL));
        chain.add(next(chain.getLast(), CustodyAction.UPLOAD, 0).build());

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> assertThat(b.problem()).contains("before the event ahead of it"));
    }

    @Test
    void nothingMayFollowDisposal() {
        assertThat(CustodyChain.breaks(chain(CustodyAction.ACQUIRE, CustodyAction.DISPOSE, CustodyAction.ACCESS))).singleElement()
                .satisfies(b -> assertThat(b.problem()).contains("follows the exhibit's disposal"));
    }

    @Test
    void bytesGoingInMustBeTheBytesThatCameOut() {
        List<CustodyEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE));
        chain.add(next(chain.getLast(), CustodyAction.UPLOAD, 1).inputSha256("bb".repeat(32)).build());

        assertThat(CustodyChain.breaks(chain)).singleElement().satisfies(b -> assertThat(b.problem()).contains("received bytes with hash bbbb"));
    }

    @Test
    void anotherExhibitsEventInTheChainIsABreak() {
        List<CustodyEvent> chain = new ArrayList<>(chain(CustodyAction.ACQUIRE));
        CustodyEvent other = CustodyEventTest.acquired();
        chain.add(CustodyEvent.builder(new UUID(1, 99), UUID.randomUUID(), CustodyAction.SEAL).actor(other.actor()).tool(other.tool()).node("XA", "XA")
                .at(other.at().plusSeconds(7200)).reason("x").build());

        assertThat(CustodyChain.breaks(chain)).extracting(ChainBreak::problem).anySatisfy(p -> assertThat(p).contains("concerns another exhibit"));
    }

    private List<CustodyEvent> chain(CustodyAction... actions) {
        List<CustodyEvent> chain = new ArrayList<>();
        for (CustodyAction action : actions) {
            chain.add(chain.isEmpty() ? first(action) : next(chain.getLast(), action, chain.size()).inputSha256(IMAGE).build());
        }
        return chain;
    }

    private CustodyEvent first(CustodyAction action) {
        CustodyEvent template = CustodyEventTest.acquired();
        return CustodyEvent.builder(new UUID(1, ++ids), CustodyEventTest.EXHIBIT, action).actor(template.actor()).tool(template.tool())
                .node("XA", "XA").at(template.at()).reason("first").outputSha256(IMAGE).build();
    }

    private CustodyEvent.Builder next(CustodyEvent before, CustodyAction action, int hoursAfterStart) {
        CustodyEvent template = CustodyEventTest.acquired();
        return CustodyEvent.builder(new UUID(1, ++ids), CustodyEventTest.EXHIBIT, action).actor(template.actor()).tool(template.tool())
                .node("XA", "XA").at(template.at().plus(Duration.ofHours(hoursAfterStart))).reason(action.json()).outputSha256(IMAGE).after(before);
    }
}
