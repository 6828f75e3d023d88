package org.comity.node.exchange.internal;

import java.util.List;
import java.util.UUID;
import org.comity.node.platform.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The exchange over the API: a request's transmissions with receipts; the queues and dead letters for administrators. */
@RestController
@RequestMapping("/api/v1")
class ExchangeApi {

    private final ExchangeAdmin exchange;

    ExchangeApi(ExchangeAdmin exchange) {
        this.exchange = exchange;
    }

    /** Every message about the request: OUT with the peer's signed receipt, IN with the sender's signed message. */
    @GetMapping("/requests/{id}/transmissions")
    List<TransmissionStore.Transmission> transmissions(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return exchange.transmissions(actor, id);
    }

    @GetMapping("/admin/exchange")
    ExchangeAdmin.Overview overview(@AuthenticationPrincipal Actor actor) {
        return exchange.overview(actor);
    }

    /**
     * What is still moving, cheaply enough to poll (monitoring, drivers waiting for quiet): messages
     * waiting to be sent, received messages waiting for an earlier one, dead letters.
     */
    @GetMapping("/admin/exchange/backlog")
    java.util.Map<String, Long> backlog(@AuthenticationPrincipal Actor actor) {
        return exchange.backlog(actor);
    }

    /** Applies a stalled incoming message again; the answer says how many messages were applied (0: it still fails). */
    @PostMapping("/admin/exchange/inbox/{id}/apply")
    java.util.Map<String, Integer> reapply(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return java.util.Map.of("applied", exchange.reapply(actor, id));
    }

    /** Queues a dead letter again (from attempt 1). */
    @PostMapping("/admin/exchange/messages/{id}/retry")
    ResponseEntity<Void> retry(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        exchange.retry(actor, id);
        return ResponseEntity.accepted().build();
    }
}
