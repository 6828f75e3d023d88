package org.comity.node.request;

import java.util.Optional;
import java.util.UUID;

/**
 * A request shared between two nodes. One node orders its timeline: the requesting node until the
 * request is submitted, the requested node from then on. The requested node records its own side's
 * actions directly; the requesting side's actions travel to it as {@link Proposal}s, and every event
 * it records travels back, so both nodes hold the same timeline, event for event.
 *
 * <p>The exchange calls the receiving methods in conversation order, inside the transaction that
 * stores the message: a method that throws leaves nothing behind and the sender is told why.
 * {@code sender} is the node that signed the message; each method checks that it hosts the other
 * side of the request.
 */
public interface Replication {

    /**
     * What the requesting node sends when a request is submitted: the request, its submission
     * ({@code submitted}, the SUBMITTED event just appended) and its files.
     */
    Submission submission(UUID requestId, RequestEvent submitted);

    /** An attachment's facts and bytes, to send with the event that added it. */
    Optional<RemoteFile> file(UUID requestId, UUID attachmentId);

    /** Requested node: a request submitted on {@code sender} arrives; the copy is created and its delivery recorded. */
    void receive(String sender, Submission submission);

    /** Requesting node: an event the requested node recorded, in timeline order. */
    void record(String sender, UUID requestId, RequestEvent event, RemoteFile file);

    /** Requested node: the requesting side asks to take an action; it is decided here, and the outcome goes back. */
    void propose(String sender, UUID requestId, Proposal proposal, RemoteFile file);

    /** Requesting node: the requested node could not take a proposed action, for this reason. */
    void refused(String sender, UUID requestId, UUID proposalId, String reason);
}
