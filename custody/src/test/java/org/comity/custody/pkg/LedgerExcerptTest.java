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
    final PackageFixture.NodeLedger xb = fixture.xb;
    /** What XA's node trusts about XB's ledger, from its trust list: the key, and XA and XC as witnesses, one of which must cosign. */
    final LogPolicy xbAsXaTrustsIt = LogPolicy.of(xb.origin, xb.signer.verifier()).withWitnesses(List.of(fixture.xa.witness.witness(),
            fixture.witnessC.witness()), 1);

    @Test
    void anExcerptTravelsAsCanonicalJsonAndReadsBackTheSame() throws Exception {
        LedgerExcerpt sent = xb.excerpt();

        byte[] bytes = sent.canonicalBytes();
        LedgerExcerpt received = LedgerExcerpt.parse(bytes);

        assertThat(received).isEqualTo(sent);
        assertThat(received.canonicalBytes()).isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"checkpoints\":[\"xb.comity.example/comity/ledger\\n")
                .contains("\"ledger\":\"xb.comity.example/comity/ledger\"", "\"schema\":\"comity.custody-excerpt/1\"",
                        "\"proof\":\"c2sp.org/tlog-proof@v1\\nindex ");
        assertThat(received.events()).extracting(LoggedEvent::index).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theReceiverVerifiesItWithTheSendersLedgerKeyAndLearnsWhoCosigned() throws Exception {
        LedgerExcerpt received = LedgerExcerpt.parse(xb.excerpt().canonicalBytes());

        VerifiedExcerpt verified = received.verify(xbAsXaTrustsIt);

        assertThat(verified.excerpt()).isEqualTo(received);
        assertThat(verified.checkpoints()).hasSize(2);
        assertThat(verified.checkpoints().getLast().cosignatures()).extracting(c -> c.witness())
                .containsExactly("xa.comity.example/comity/ledger", "xc.comity.example/comity/ledger");
    }

    @Test
    void anotherKeyThanTheSendersIsRefused() throws Exception {
        LedgerExcerpt received = LedgerExcerpt.parse(xb.excerpt().canonicalBytes());
        LogPolicy impostor = LogPolicy.of(xb.origin, NoteSigner.generate(xb.origin).verifier());

        assertThatThrownBy(() -> received.verify(impostor)).isInstanceOfSatisfying(ExcerptRejected.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CHECKPOINT);
            assertThat(e.getMessage()).contains("UNSIGNED");
        });
        assertThatThrownBy(() -> received.verify(LogPolicy.of(fixture.xa.origin, fixture.xa.signer.verifier())))
                .isInstanceOfSatisfying(ExcerptRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_LEDGER));
    }

    @Test
    void tooFewOfTheExpectedWitnessesIsRefused() throws Exception {
        LedgerExcerpt received = LedgerExcerpt.parse(xb.excerpt().canonicalBytes());
        // The first checkpoint has one cosignature; this reader wants two.
        LogPolicy demanding = xbAsXaTrustsIt.withWitnesses(xbAsXaTrustsIt.witnesses(), 2);

        assertThatThrownBy(() -> received.verify(demanding)).isInstanceOfSatisfying(ExcerptRejected.class,
                e -> assertThat(e.getMessage()).contains("TOO_FEW_COSIGNATURES", "1 of the 2 witnesses"));
        LogPolicy unknownWitness = xbAsXaTrustsIt.withWitnesses(List.of(Cosigner.generate("xz.comity.example/comity/ledger").witness()), 1);
        assertThatThrownBy(() -> received.verify(unknownWitness)).isInstanceOf(ExcerptRejected.class);
    }

    @Test
    void anEventChangedInTransitIsNotInTheLedger() throws Exception {
        String json = new String(xb.excerpt().canonicalBytes(), StandardCharsets.UTF_8);
        // Still a well-formed excerpt: only what an event says was changed.
        LedgerExcerpt changed = LedgerExcerpt.parse(json.replaceFirst("Seized phone", "Seized tablet").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> changed.verify(xbAsXaTrustsIt)).isInstanceOfSatisfying(ExcerptRejected.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NOT_INCLUDED);
            assertThat(e.getMessage()).contains("is not entry");
        });
    }

    @Test
    void anyOtherFormIsRefusedNamingWhereItIsWrong() {
        String json = new String(xb.excerpt().canonicalBytes(), StandardCharsets.UTF_8);
        refused(json.replaceFirst("\\{", "{ "), "", "canonical form");
        refused(json.replace("\"schema\":\"comity.custody-excerpt/1\"", "\"schema\":\"comity.custody-excerpt/2\""), "schema", "must be");
        refused(json.replace("\"ledger\":", "\"sender\":\"XB\",\"ledger\":"), "sender", "not a field of this format");
        refused(json.replaceFirst("\"index\":2,", "\"index\":0,"), "events[1].index", "must be greater");
        refused(json.replaceFirst("\"action\":\"seal\"", "\"action\":\"steal\""), "events[2].event", "action");
        refused(json.replaceFirst("\"proof\":\"c2sp.org/tlog-proof@v1", "\"proof\":\"c2sp.org/tlog-proof@v9"), "events[0].proof", "not a tlog-proof");
        refused(json.replace("\"ledger\":\"xb.comity.example/comity/ledger\"", "\"ledger\":\"xa.comity.example/comity/ledger\""), "",
                "checkpoint 0 is of ledger xb.comity.example/comity/ledger, not xa");
        refused(json.replaceFirst(",\"consistency\":\\[\"[^\"]*\"\\]", ",\"consistency\":[]"), "", "one consistency proof per pair");
        refused("[]", "", "expected a JSON object");
    }

    @Test
    void theExcerptOfSomeExhibitsKeepsTheirEventsAndEveryCheckpoint() throws Exception {
        LedgerExcerpt whole = xb.excerpt();

        LedgerExcerpt chatOnly = whole.select(Set.of(fixture.chatExhibit));

        assertThat(chatOnly.events()).extracting(e -> e.event().exhibit()).containsOnly(fixture.chatExhibit).hasSize(4);
        assertThat(chatOnly.proofs()).hasSize(4);
        assertThat(chatOnly.checkpoints()).isEqualTo(whole.checkpoints());
        assertThat(chatOnly.verify(xbAsXaTrustsIt).checkpoints()).hasSize(2);
        assertThat(whole.eventsOf(fixture.subscriberExhibit)).hasSize(3);
    }

    @Test
    void anExcerptThatDoesNotHoldTogetherCannotBeMade() {
        LedgerExcerpt whole = xb.excerpt();
        List<LoggedEvent> moved = whole.events().stream().map(e -> new LoggedEvent(fixture.xa.origin, e.index(), e.event())).toList();

        assertThatThrownBy(() -> new LedgerExcerpt(xb.origin, moved, whole.proofs(), whole.checkpoints(), whole.consistency()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is in ledger xa.comity.example/comity/ledger");
        assertThatThrownBy(() -> new LedgerExcerpt(xb.origin, whole.events(), java.util.Map.of(), whole.checkpoints(), whole.consistency()))
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
