package org.comity.node.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.comity.node.platform.Actor;

/**
 * The items of evidence of requests. Every method checks, through {@link RequestLookup}, that the
 * actor may see the request (else "not found", so existence is not disclosed) and is on the item's
 * side (items of the other side are not shown: they reach it by transfer); reads of bytes and
 * registrations are audited, in the caller's transaction when there is one.
 */
public interface EvidenceItems {

    /** The items of a request on the sides the actor is on, oldest first. */
    List<EvidenceItem> list(Actor actor, UUID requestId);

    /** One item's metadata (not audited: it holds no evidence content). */
    EvidenceItem get(Actor actor, UUID itemId);

    /**
     * Opens an item's bytes from {@code offset} (an audited read); the caller closes the stream.
     *
     * @throws org.comity.node.platform.ComityException 404 for an item the actor may not see, 416 for an offset past its end
     */
    EvidenceContent open(Actor actor, UUID itemId, long offset) throws IOException;

    /**
     * Records an item whose bytes are already in the vault; the actor must handle requests and be on
     * {@code side} of the request (403), and the blob must exist (422). Audited.
     */
    EvidenceItem register(Actor actor, NewEvidence evidence) throws IOException;

    /** The item's chain of custody on this node, oldest first (not audited: it holds no evidence content). */
    List<CustodyRecord> custody(Actor actor, UUID itemId);

    /**
     * Disposes of an item: its disposal is its last custody event on this node and its bytes leave the
     * vault. 409 if it is on legal hold, already disposed of or being sent; 403 for an actor who does not
     * act for its side; 422 without a reason. Audited.
     */
    EvidenceItem dispose(Actor actor, UUID itemId, String reason);

    /** Puts an item on legal hold (409 if it already is; 410 once disposed of). Audited. */
    EvidenceItem hold(Actor actor, UUID itemId, String reason);

    /** Releases an item's legal hold (409 if it is not held). Audited. */
    EvidenceItem release(Actor actor, UUID itemId, String reason);

    /** An item with its bytes. */
    record EvidenceContent(EvidenceItem item, InputStream content) {}
}
