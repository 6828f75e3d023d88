package org.comity.node.exchange.internal;

import java.util.ArrayList;
import java.util.List;
import org.comity.node.web.AdminAttention;
import org.springframework.stereotype.Component;

/**
 * Messages an administrator must look at: dead letters (refused for good by the peer, or out of
 * attempts) and received messages that could not be applied. Both are counted through partial
 * indexes, so the cost does not grow with the delivered history.
 */
@Component
class ExchangeAttention implements AdminAttention {

    private final TransmissionStore store;

    ExchangeAttention(TransmissionStore store) {
        this.store = store;
    }

    @Override
    public List<Item> items() {
        List<Item> items = new ArrayList<>(2);
        long dead = store.deadCount();
        if (dead > 0) {
            items.add(new Item("attention.dead-letters", dead, "/admin/exchange#dead-heading"));
        }
        long stalled = store.stalledCount();
        if (stalled > 0) {
            items.add(new Item("attention.stalled", stalled, "/admin/exchange#stalled-heading"));
        }
        return items;
    }
}
