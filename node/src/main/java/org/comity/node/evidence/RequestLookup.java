package org.comity.node.evidence;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.node.platform.Actor;

/**
 * What evidence needs to know about the request an item belongs to, answered by the request feature
 * (which uses the vault, so evidence cannot call it without a cycle between the two).
 *
 * <p>{@link #visible} returns empty when the request does not exist or the actor may not see it;
 * otherwise its reference (for audit records), the sides the actor is on, and whether the actor's
 * roles let them act on it (auditors read, they do not add evidence).
 */
public interface RequestLookup {

    Optional<VisibleRequest> visible(Actor actor, UUID requestId);

    /**
     * Under what authority evidence of a request is handled, for its chain of custody: the
     * request's reference and the instrument's citation. Not a visibility check: callers have
     * checked the actor already, or act for the node itself.
     */
    Optional<LegalBasis> legalBasis(UUID requestId);

    record LegalBasis(UUID requestId, String reference, String citation) {}

    /**
     * The request's requesting and requested authorities (the latter null while a draft has none),
     * and whether the requested side has it and it is not withdrawn (evidence may arrive for it);
     * not a visibility check.
     */
    Optional<Parties> parties(UUID requestId);

    record Parties(UUID requesting, UUID requested, boolean takesEvidence) {

        public Parties(UUID requesting, UUID requested) {
            this(requesting, requested, true);
        }
    }

    record VisibleRequest(UUID id, String reference, Set<RequestSide> sides, boolean mayAct) {
        public VisibleRequest {
            sides = Set.copyOf(sides);
        }
    }
}
