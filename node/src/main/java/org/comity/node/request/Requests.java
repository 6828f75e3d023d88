package org.comity.node.request;

import org.comity.node.platform.Page;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.comity.node.platform.Actor;

/**
 * Requests and their life: every method loads, checks that the actor may see (else "not found")
 * and act (else "forbidden"), changes through the lifecycle, and records the audit event, in one
 * transaction. {@code expectedVersion} guards against two people changing the same request at once.
 */
public interface Requests {

    /** Creates a draft for the actor's authority. */
    RequestDetail create(Actor actor, RequestDocument document);

    /**
     * Creates a request and submits it at once, in one transaction: for a case system that holds a
     * complete request. If the submission is refused (a missing field, say) nothing is created.
     */
    RequestDetail createAndSubmit(Actor actor, RequestDocument document);

    /** Replaces a draft's content. */
    RequestDetail edit(Actor actor, UUID id, int expectedVersion, RequestDocument document);

    /**
     * Takes a lifecycle action.
     *
     * @param expectedVersion the version the actor saw, or null not to check
     */
    RequestDetail act(Actor actor, UUID id, Integer expectedVersion, Action action, CommandInput input);

    /** Reads one request (an audited read of case data). */
    RequestDetail get(Actor actor, UUID id);

    Page<RequestSummary> list(Actor actor, RequestQuery query);

    /** The reference of a request the actor may see. */
    java.util.Optional<String> referenceOf(Actor actor, UUID id);

    /** The id of the request with this reference, if the actor may see it. */
    java.util.Optional<UUID> findByReference(Actor actor, String reference);

    /** The deadline alerts raised for the actor's authority (or state, for a central authority). */
    List<DeadlineAlert> alerts(Actor actor, int limit);

    /**
     * Where a request under {@code instrument} to {@code state} goes when the drafter names only the
     * state: its 24/7 point of contact for urgent requests where the channel allows it, else its
     * central authority, else the authority the channel names (empty when none, or when the choice
     * is the drafter's, such as which service provider).
     */
    java.util.Optional<org.comity.node.directory.Authority> route(String state, String instrument, Urgency urgency);

    /**
     * Requests of the 24/7 channel ({@link RequestSummary#urgentChannel}) delivered to the actor's
     * side and not acknowledged in time: the dashboard's alarm.
     */
    List<DeadlineAlert> alarms(Actor actor);

    /** Checks a document against its instrument without saving it. */
    List<org.comity.node.platform.FieldProblem> check(Actor actor, RequestDocument document);

    AttachmentInfo attach(Actor actor, UUID id, Integer expectedVersion, String fileName, String mediaType, InputStream content)
            throws IOException;

    /** Opens an attachment's bytes (an audited read). */
    AttachmentContent attachment(Actor actor, UUID id, UUID attachmentId) throws IOException;

    /** An attachment with its bytes; the caller closes the stream. */
    record AttachmentContent(AttachmentInfo info, InputStream content) {}
}
