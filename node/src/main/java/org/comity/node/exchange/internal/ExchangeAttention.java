package org.comity.node.exchange.internal;

import java.util.ArrayList;
import java.util.List;
import org.comity.node.web.AdminAttention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Messages an administrator must look at: dead letters (refused for good by the peer, or out of
 * attempts) and received messages that could not be applied. Both are counted through partial
 * indexes, so the cost does not grow with the delivered history.
 */
@Component
class ExchangeAttention implements AdminAttention {

    private final JdbcClient jdbc;

    ExchangeAttention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Item> items() {
        List<Item> items = new ArrayList<>(2);
        long dead = jdbc.sql("select count(*) from outbox_message where status = 'DEAD'").query(Long.class).single();
        if (dead > 0) {
            items.add(new Item("attention.dead-letters", dead, "/admin/exchange#dead-heading"));
        }
        long stalled = jdbc.sql("select count(*) from inbox_message where applied_at is null and apply_error is not null")
                .query(Long.class).single();
        if (stalled > 0) {
            items.add(new Item("attention.stalled", stalled, "/admin/exchange#stalled-heading"));
        }
        return items;
    }
}
