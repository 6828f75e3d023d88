package org.comity.custody.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.comity.custody.checkpoint.Cosigner;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.event.CustodyFormatException;
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.pkg.ExcerptRejected.Reason;
import org.junit.jupiter.api.Test;

/**
 * The custody excerpt a node sends with an exhibit it transfers: it travels as one canonical JSON
 * document, reads back to the same excerpt, is refused in any other form, and verifies only with
 * the sender's ledger key and enough of its witnesses.
 */
class LedgerExcerptTest {

    final PackageFixture fixture = new PackageFixture();
    final LedgerExcerpt whole = LedgerExcerpt.prove(fixture.log, fixture.events, fixture.checkpoints);
    /** What a peer's node trusts about this node's ledger, from its trust list: the key, and XB and XC as witnesses, one of which must cosign. */
    final LogPolicy asAPeerTrustsIt = LogPolicy.of(PackageFixture.ORIGIN, fixture.ledger.verifier()).withWitnesses(List.of(fixture.witnessB.witness(),
            fixture.witnessC.witness()), 1);

    @Test
    void anExcerptTravelsAsCanonicalJsonAndReadsBackTheSame() throws Exception {
        LedgerExcerpt sent = whole;

        byte[] bytes = sent.canonicalBytes();
        LedgerExcerpt received = LedgerExcerpt.parse(bytes);

        assertThat(received).isEqualTo(sent);
        assertThat(received.canonicalBytes()).isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"checkpoints\":[\"xa.comity.example/comity/ledger\\n")
                .contains("\"ledger\":\"xa.comity.example/comity/ledger\"", "\"schema\":\"comity.custody-excerpt/1\"",
                        "\"proof\":\"c2sp.org/tlog-proof@v1\\nindex ");
        assertThat(received.events()).extracting(LoggedEvent::index).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theReceiverVerifiesItWithTheSendersLedgerKeyAndLearnsWhoCosigned() throws Exception {
        LedgerExcerpt received = LedgerExcerpt.parse(whole.canonicalBytes());

        VerifiedExcerpt verified = received.verify(asAPeerTrustsIt);

        assertThat(verified.excerpt()).isEqualTo(received);
        assertThat(verified.checkpoints()).hasSize(2);
        assertThat(verified.checkpoints().getLast().cosignatures()).extracting(c -> c.witness())
                .containsExactly("xb.comity.example/witness", "xc.comity.example/witness");
    }

    @Test
    void anotherKeyThanTheSendersIsRefused() throws Exception {
        LedgerExcerpt received = LedgerExcerpt.parse(whole.canonicalBytes());
        LogPolicy impostor = LogPolicy.of(PackageFixture.ORIGIN, NoteSigner.generate(PackageFixture.ORIGIN).verifier());

        assertThatThrownBy(() -> received.verify(impostor)).isInstanceOfSatisfying(ExcerptRejected.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CHECKPOINT);
            assertThat(e.getMessage()).contains("UNSIGNED");
        });
        String other = "xb.comity.example/comity/ledger";
        assertThatThrownBy(() -> received.verify(LogPolicy.of(other, NoteSigner.generate(other).verifier())))
                .isInstanceOfSatisfying(ExcerptRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_LEDGER));
    }

    @Test
    void tooFewOfTheExpectedWitnessesIsRefused() throws Exception {
        LedgerExcerpt received = LedgerExcerpt.parse(whole.canonicalBytes());
        // The first checkpoint has one cosignature; this reader wants two.
        LogPolicy demanding = asAPeerTrustsIt.withWitnesses(asAPeerTrustsIt.witnesses(), 2);

        assertThatThrownBy(() -> received.verify(demanding)).isInstanceOfSatisfying(ExcerptRejected.class,
                e -> assertThat(e.getMessage()).contains("TOO_FEW_COSIGNATURES", "1 of the 2 witnesses"));
        LogPolicy unknownWitness = asAPeerTrustsIt.withWitnesses(List.of(Cosigner.generate("xz.comity.example/comity/ledger").witness()), 1);
        assertThatThrownBy(() -> received.verify(unknownWitness)).isInstanceOf(ExcerptRejected.class);
    }

    @Test
    void anEventChangedInTransitIsNotInTheLedger() throws Exception {
        String json = new String(whole.canonicalBytes(), StandardCharsets.UTF_8);
        // Still a well-formed excerpt: only what an event says was changed.
        LedgerExcerpt changed = LedgerExcerpt.parse(json.replaceFirst("Seized phone", "Seized tablet").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> changed.verify(asAPeerTrustsIt)).isInstanceOfSatisfying(ExcerptRejected.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NOT_INCLUDED);
            assertThat(e.getMessage()).contains("is not entry");
        });
    }

    @Test
    void anyOtherFormIsRefusedNamingWhereItIsWrong() {
        String json = new String(whole.canonicalBytes(), StandardCharsets.UTF_8);
        refused(json.replaceFirst("\\{", "{ "), "", "canonical form");
        refused(json.replace("\"schema\":\"comity.custody-excerpt/1\"", "\"schema\":\"comity.custody-excerpt/2\""), "schema", "must be");
        refused(json.replace("\"ledger\":", "\"sender\":\"XB\",\"ledger\":"), "sender", "not a field of this format");
        refused(json.replaceFirst("\"index\":2,", "\"index\":0,"), "events[1].index", "must be greater");
        refused(json.replaceFirst("\"action\":\"seal\"", "\"action\":\"steal\""), "events[3].event", "action");
        refused(json.replaceFirst("\"proof\":\"c2sp.org/tlog-proof@v1", "\"proof\":\"c2sp.org/tlog-proof@v9"), "events[0].proof", "not a tlog-proof");
        refused(json.replace("\"ledger\":\"xa.comity.example/comity/ledger\"", "\"ledger\":\"xb.comity.example/comity/ledger\""), "",
                "checkpoint 0 is of ledger xa.comity.example/comity/ledger, not xb");
        refused(json.replaceFirst(",\"consistency\":\\[\"[^\"]*\"\\]", ",\"consistency\":[]"), "", "one consistency proof per pair");
        refused("[]", "", "expected a JSON object");
    }

    @Test
    void theExcerptOfSomeExhibitsKeepsTheirEventsAndEveryCheckpoint() throws Exception {
        LedgerExcerpt chatOnly = whole.select(Set.of(fixture.chatExhibit));

        assertThat(chatOnly.events()).extracting(e -> e.event().exhibit()).containsOnly(fixture.chatExhibit).hasSize(5);
        assertThat(chatOnly.proofs()).hasSize(5);
        assertThat(chatOnly.checkpoints()).isEqualTo(whole.checkpoints());
        assertThat(chatOnly.verify(asAPeerTrustsIt).checkpoints()).hasSize(2);
        assertThat(whole.eventsOf(fixture.subscriberExhibit)).hasSize(4);
    }

    @Test
    void anExcerptThatDoesNotHoldTogetherCannotBeMade() {
        List<LoggedEvent> moved = whole.events().stream().map(e -> new LoggedEvent("xb.comity.example/comity/ledger", e.index(), e.event())).toList();

        assertThatThrownBy(() -> new LedgerExcerpt(PackageFixture.ORIGIN, moved, whole.proofs(), whole.checkpoints(), whole.consistency()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is in ledger xb.comity.example/comity/ledger");
        assertThatThrownBy(() -> new LedgerExcerpt(PackageFixture.ORIGIN, whole.events(), java.util.Map.of(), whole.checkpoints(), whole.consistency()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no inclusion proof");
    }

    private static void refused(String json, String field, String message) {
        assertThatThrownBy(() -> LedgerExcerpt.parse(json.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(CustodyFormatException.class,
                e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
