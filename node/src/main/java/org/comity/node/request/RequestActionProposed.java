package org.comity.node.request;

import java.util.UUID;

/** Published inside the transaction that recorded a proposal, so the exchange queues it with the same commit. */
public record RequestActionProposed(UUID requestId, UUID requestedAuthority, Proposal proposal, RemoteFile file) {}
