package org.comity.node.evidence.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.NoteVerifier;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyChain;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.CustodyFormatException;
import org.comity.custody.event.LoggedEvent;
import org.comity.custody.pkg.ExcerptRejected;
import org.comity.custody.pkg.LedgerExcerpt;

/**
 * The sender's part of an exhibit's chain of custody as it travels with the item: a custody excerpt
 * of the sender's ledger (docs/formats/custody-excerpt.md). The receiving node checks it with the
 * ledger key the trust list gives for the sender before it accepts the offer, keeps it, and puts it
 * into the court packages it exports beside its own ledger's part.
 */
final class OfferedCustody {

    private OfferedCustody() {}

    static String text(LedgerExcerpt excerpt) {
        return new String(excerpt.canonicalBytes(), StandardCharsets.UTF_8);
    }

    static LedgerExcerpt read(String text) {
        try {
            return LedgerExcerpt.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (CustodyFormatException e) {
            throw new IllegalArgumentException("the custody excerpt is malformed: " + e.getMessage());
        }
    }

    /**
     * Reads an excerpt and checks it entirely: every checkpoint is signed by the sender's ledger key,
     * every event of this exhibit is proved in it, the events form one unbroken chain that ends in a
     * TRANSFER whose output is the item's SHA-256.
     *
     * @return the TRANSFER event, to which the receiving node's RECEIVE is linked
     * @throws IllegalArgumentException naming what does not hold
     */
    /**
     * What the TRANSFER must say of the offer it travels with: this transfer, this request (when it
     * names one), the sending node, and a time not ahead of this node's clock and tolerance, so that
     * a chain proved for one request cannot be offered in another, and the RECEIVE recorded here
     * does not precede it.
     */
    record Expected(UUID transfer, UUID request, String sender, java.time.Instant latest) {}

    static CustodyEvent check(String text, String senderLedgerKey, UUID exhibit, String sha256, Expected expected) {
        LedgerExcerpt excerpt = read(text);
        NoteVerifier key = NoteVerifier.parse(senderLedgerKey);
        try {
            excerpt.verify(LogPolicy.of(key.name(), key));
        } catch (ExcerptRejected e) {
            throw new IllegalArgumentException("the chain is not proved in the sender's ledger: " + e.getMessage());
        }
        if (excerpt.events().stream().anyMatch(e -> !e.event().exhibit().equals(exhibit))) {
            throw new IllegalArgumentException("the excerpt holds events of another exhibit than " + exhibit);
        }
        List<LoggedEvent> chain = excerpt.eventsOf(exhibit);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain of custody is empty");
        }
        var breaks = CustodyChain.breaks(chain);
        if (!breaks.isEmpty()) {
            throw new IllegalArgumentException("the chain of custody is broken: " + breaks.getFirst());
        }
        CustodyEvent last = chain.getLast().event();
        if (last.action() != CustodyAction.TRANSFER) {
            throw new IllegalArgumentException("the chain ends in " + last.action().json() + ", not in the transfer");
        }
        if (!last.outputSha256().map(sha256::equals).orElse(false)) {
            throw new IllegalArgumentException("the transfer event does not name the item's SHA-256");
        }
        if (!expected.transfer().toString().equals(last.details().get("transfer"))) {
            throw new IllegalArgumentException("the transfer event is of transfer " + last.details().get("transfer") + ", not " + expected.transfer());
        }
        if (last.authority().flatMap(org.comity.custody.event.LegalAuthority::requestId).filter(r -> !r.equals(expected.request())).isPresent()) {
            throw new IllegalArgumentException("the transfer event is under another request than " + expected.request());
        }
        if (!expected.sender().equals(last.node())) {
            throw new IllegalArgumentException("the transfer event was recorded by node " + last.node() + ", not by the sender " + expected.sender());
        }
        if (last.at().isAfter(expected.latest())) {
            throw new IllegalArgumentException("the transfer event is dated " + last.at() + ", ahead of this node's clock");
        }
        return last;
    }

    /** The sender's last event of the exhibit: its TRANSFER. */
    static CustodyEvent transfer(String text, UUID exhibit) {
        return read(text).eventsOf(exhibit).getLast().event();
    }
}
