package org.comity.node.exchange.internal;

import java.util.UUID;
import org.comity.node.platform.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator's view of the exchange: what waits, what failed and why (with a retry), what peers sent that was refused. */
@Controller
class ExchangePages {

    private final ExchangeAdmin exchange;

    ExchangePages(ExchangeAdmin exchange) {
        this.exchange = exchange;
    }

    @GetMapping("/admin/exchange")
    String overview(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute("overview", exchange.overview(actor));
        return "exchange/overview";
    }

    /**
     * A request's proof of sending and of receipt, for whoever may read the request (the API's
     * transmissions, for the signed-in user): every message with the peer's signed receipt or the
     * sender's signed message, as a file to keep with the case. Audited as the API's read is.
     */
    @GetMapping("/requests/{id}/proof.json")
    org.springframework.http.ResponseEntity<java.util.List<TransmissionStore.Transmission>> proof(@AuthenticationPrincipal Actor actor,
            @PathVariable UUID id) {
        var transmissions = exchange.transmissions(actor, id);
        return org.springframework.http.ResponseEntity.ok()
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.attachment().filename("comity-proof-" + id + ".json").build().toString())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(transmissions);
    }

    @PostMapping("/admin/exchange/inbox/{id}/apply")
    String reapply(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, RedirectAttributes flash) {
        flash.addFlashAttribute("notice", exchange.reapply(actor, id) > 0 ? "notice.exchange-applied" : "notice.exchange-still-failing");
        return "redirect:/admin/exchange";
    }

    @PostMapping("/admin/exchange/messages/{id}/retry")
    String retry(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, RedirectAttributes flash) {
        exchange.retry(actor, id);
        flash.addFlashAttribute("notice", "notice.exchange-retried");
        return "redirect:/admin/exchange";
    }
}
