package org.comity.node.request.internal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.node.evidence.RequestLookup;
import org.comity.node.evidence.RequestSide;
import org.comity.node.platform.Actor;
import org.comity.node.request.RequestAccess;
import org.comity.node.request.Side;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the evidence feature who sees a request, by the same rule as every other read of it ({@link RequestAccess}). */
@Component
class EvidenceRequestLookup implements RequestLookup {

    private final RequestStore store;
    private final org.comity.node.request.Instruments instruments;

    EvidenceRequestLookup(RequestStore store, org.comity.node.request.Instruments instruments) {
        this.store = store;
        this.instruments = instruments;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Parties> parties(UUID requestId) {
        // Evidence offered after the request was closed is still taken: the requesting side may close it on seeing it
        // executed while the transfer is on its way.
        return store.find(requestId, false).map(row -> new Parties(row.summary().requestingAuthority(), row.summary().requestedAuthority(),
                !java.util.Set.of(org.comity.node.request.RequestStatus.DRAFT, org.comity.node.request.RequestStatus.SUBMITTED,
                        org.comity.node.request.RequestStatus.WITHDRAWN).contains(row.summary().status())));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LegalBasis> legalBasis(UUID requestId) {
        return store.find(requestId, false).map(row -> new LegalBasis(requestId, row.summary().reference(),
                instruments.find(row.summary().instrument()).map(org.comity.node.request.Instrument::citation).orElse(row.summary().instrument())));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<VisibleRequest> visible(Actor actor, UUID requestId) {
        return store.find(requestId, false).flatMap(row -> {
            Set<Side> sides = RequestAccess.sides(actor, RequestAccess.Parties.of(row.summary()));
            if (sides.isEmpty()) {
                return Optional.empty();
            }
            Set<RequestSide> mine = EnumSet.noneOf(RequestSide.class);
            sides.forEach(s -> mine.add(RequestSide.valueOf(s.name())));
            return Optional.of(new VisibleRequest(requestId, row.summary().reference(), mine, actor.handlesRequests()));
        });
    }
}
