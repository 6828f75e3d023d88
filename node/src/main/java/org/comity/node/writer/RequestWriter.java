package org.comity.node.writer;

import java.util.UUID;
import org.comity.node.platform.Actor;
import org.comity.node.request.RequestDocument;

/**
 * The Request Writer. Every method works on a request through the request module's service, so the
 * same rules decide who sees and changes it (404 for a request the actor may not see, 409 once it
 * is no longer a draft), and records its audit events in the same transaction.
 */
public interface RequestWriter {

    /** Creates the draft request and the writer's record of it. */
    WriterDraft start(Actor actor, DraftStart start);

    /** The draft with its translation, sign-off and what is missing (an audited read). */
    WriterDraft get(Actor actor, UUID requestId);

    /** Replaces the draft's content ({@code expectedVersion} as read). */
    WriterDraft save(Actor actor, UUID requestId, int expectedVersion, RequestDocument document);

    /** Replaces the translation (its language and texts). */
    WriterDraft translate(Actor actor, UUID requestId, Translation translation);

    /**
     * The issuing authority signs the content off as it stands. Refused (422) while anything is
     * missing, and (403) for a user who does not act for the requesting authority.
     */
    WriterDraft signOff(Actor actor, UUID requestId);

    /**
     * Attaches the signed-off PDFs and submits the request through the request service. Refused (422)
     * while anything is missing, (409) when the content changed since the last sign-off.
     */
    WriterDraft send(Actor actor, UUID requestId);

    /** The request printed in the language(s) asked (an audited read). */
    byte[] pdf(Actor actor, UUID requestId, PdfLanguages languages);
}
