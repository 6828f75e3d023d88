package org.comity.node.request;

import java.util.UUID;

/** Published when the requested node could not take an action the requesting side proposed. */
public record ProposalRefused(UUID requestId, UUID requestingAuthority, UUID proposalId, String reason) {}
