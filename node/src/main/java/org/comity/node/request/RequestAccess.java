package org.comity.node.request;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.comity.node.platform.Actor;
import org.comity.node.platform.Role;

/**
 * Who sees a request, and as which side (ARCHITECTURE.md section 5): an authority sees what it sends
 * and what it receives or executes; a central authority also everything its state sends or
 * receives. The requested side sees nothing before delivery; nobody but its author's authority sees
 * a draft. Analysts and administrators see no requests at all. Pure: the SQL filters in the store
 * say the same thing and a test holds them to it.
 */
public final class RequestAccess {

    private RequestAccess() {}

    /** The parties of a request that decide who sees it. */
    public record Parties(UUID requestingAuthority, String requestingState, UUID requestedAuthority, String requestedState,
            UUID executingAuthority, RequestStatus status) {

        public static Parties of(RequestSummary s) {
            return new Parties(s.requestingAuthority(), s.requestingState(), s.requestedAuthority(), s.requestedState(),
                    s.executingAuthority(), s.status());
        }
    }

    public static Set<Side> sides(Actor actor, Parties p) {
        EnumSet<Side> sides = EnumSet.noneOf(Side.class);
        if (!mayRead(actor)) {
            return sides;
        }
        UUID mine = actor.authorityId();
        if (mine.equals(p.requestingAuthority())
                || (actor.stateWide() && actor.stateCode().equals(p.requestingState()) && p.status() != RequestStatus.DRAFT)) {
            sides.add(Side.REQUESTING);
        }
        if (p.status().visibleToRequestedSide() && (mine.equals(p.requestedAuthority()) || mine.equals(p.executingAuthority())
                || (actor.stateWide() && actor.stateCode().equals(p.requestedState())))) {
            sides.add(Side.REQUESTED);
        }
        return sides;
    }

    /** Reading roles: those who handle requests, and auditors (read-only). */
    public static boolean mayRead(Actor actor) {
        return actor.authorityId() != null && (actor.handlesRequests() || actor.has(Role.AUDITOR));
    }

    /** Acting needs a role that handles requests; routing for execution needs the state's central authority. */
    public static boolean mayAct(Actor actor, Action action) {
        if (!actor.handlesRequests()) {
            return false;
        }
        return action != Action.ASSIGN || actor.stateWide();
    }
}
