package org.comity.node.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What travelled between nodes for a request, by the event it carried: sent with the peer's
 * signed receipt (non-repudiation of receipt), or received with the sender's signature
 * (non-repudiation of origin). Implemented by the exchange; shown on the request's timeline.
 */
public interface DeliveryLog {

    Map<UUID, List<Delivery>> byEvent(UUID requestId);

    /**
     * @param direction {@code OUT} (this node sent it) or {@code IN}
     * @param status OUT: PENDING, DELIVERED, DEAD; IN: APPLIED or WAITING
     * @param at when it was queued (OUT) or received (IN)
     * @param settledAt OUT: when the receipt arrived; IN: when it was applied
     * @param signer the key that signed: the peer's receipt key (OUT) or message key (IN)
     */
    record Delivery(UUID message, String direction, String peer, String type, long seq, String status, Instant at, Instant settledAt,
            int attempts, String error, String signer) {}
}
