package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.comity.custody.checkpoint.Checkpoint;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.event.Actor;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.LegalAuthority;
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.event.Tool;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.merkle.MemoryLog;
import org.comity.custody.pkg.LedgerExcerpt;
import org.junit.jupiter.api.Test;

/**
 * A chain of custody offered with evidence, proved in the sender's ledger: its TRANSFER must be of
 * this transfer, under this request, recorded by the sending node, and not dated ahead of this
 * node's clock; a chain proved for another request is refused.
 */
class OfferedCustodyTest {

    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    static final String SHA = "a".repeat(64);
    final UUID exhibit = UUID.randomUUID();
    final UUID request = UUID.randomUUID();
    final UUID transfer = UUID.randomUUID();
    final NoteSigner signer = NoteSigner.of("xb.example/comity/ledger", SigningKey.generate());

    /** The sender XB's ledger holding the exhibit's ACQUIRE and a TRANSFER with the given particulars. */
    String excerpt(UUID transferNamed, UUID requestNamed, String node, Instant transferredAt) {
        Actor examiner = Actor.of("Examiner", "examiner", UUID.randomUUID(), "Borealis Forensics");
        LegalAuthority legal = LegalAuthority.of("Budapest Convention Art. 31", "XA-2026-000001", requestNamed);
        CustodyEvent acquired = CustodyEvent.builder(UUID.randomUUID(), exhibit, CustodyAction.ACQUIRE).actor(examiner).tool(new Tool("Comity", "0.1.0"))
                .node(node, "XB").at(T0).reason("acquired").authority(legal).outputSha256(SHA).detail("sizeBytes", 3).build();
        CustodyEvent transferred = CustodyEvent.builder(UUID.randomUUID(), exhibit, CustodyAction.TRANSFER).actor(examiner)
                .tool(new Tool("Comity", "0.1.0")).node(node, "XB").at(transferredAt).reason("handed over").authority(legal).after(acquired)
                .inputSha256(SHA).outputSha256(SHA).detail("transfer", transferNamed.toString()).build();
        MemoryLog log = MemoryLog.empty();
        List<LoggedEvent> events = new ArrayList<>();
        for (CustodyEvent e : List.of(acquired, transferred)) {
            events.add(new LoggedEvent(signer.name(), log.append(e.canonicalBytes()), e));
        }
        SignedCheckpoint head = SignedCheckpoint.sign(Checkpoint.of(signer.name(), log.size(), log.root()), signer);
        return new String(LedgerExcerpt.prove(log, events, List.of(head)).canonicalBytes(), StandardCharsets.UTF_8);
    }

    CustodyEvent check(String excerpt) {
        return OfferedCustody.check(excerpt, signer.verifier().vkey(), exhibit, SHA,
                new OfferedCustody.Expected(transfer, request, "XB", T0.plus(Duration.ofHours(2))));
    }

    @Test
    void theChainOfThisTransferUnderThisRequestByTheSenderIsTaken() {
        assertThat(check(excerpt(transfer, request, "XB", T0.plus(Duration.ofHours(1)))).action()).isEqualTo(CustodyAction.TRANSFER);
    }

    @Test
    void aChainProvedForAnotherTransferRequestOrNodeOrDatedAheadIsRefused() {
        assertThatThrownBy(() -> check(excerpt(UUID.randomUUID(), request, "XB", T0.plus(Duration.ofHours(1)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of transfer");
        assertThatThrownBy(() -> check(excerpt(transfer, UUID.randomUUID(), "XB", T0.plus(Duration.ofHours(1)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another request");
        assertThatThrownBy(() -> check(excerpt(transfer, request, "XC", T0.plus(Duration.ofHours(1)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recorded by node XC");
        assertThatThrownBy(() -> check(excerpt(transfer, request, "XB", T0.plus(Duration.ofHours(3)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ahead of this node's clock");
    }
}
