package org.comity.node.directory.internal;

import org.comity.node.directory.Federation;
import org.comity.node.directory.NodeIdentity;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator's page for this node's keys and the trust list: rotate the keys, install a newer list. */
@Controller
class FederationPages {

    private final NodeIdentity identity;
    private final Federation federation;
    private final java.time.Clock clock;

    FederationPages(NodeIdentity identity, Federation federation, java.time.Clock clock) {
        this.identity = identity;
        this.federation = federation;
        this.clock = clock;
    }

    @GetMapping("/admin/federation")
    String overview(Model model) {
        model.addAttribute("keys", identity.keys());
        model.addAttribute("trustList", federation.inForce().orElse(null));
        model.addAttribute("pinned", federation.pinned());
        model.addAttribute("now", clock.instant()); // the node's clock, by which it judges keys
        return "directory/federation";
    }

    @PostMapping("/admin/federation/keys/rotate")
    String rotate(@AuthenticationPrincipal Actor actor, RedirectAttributes flash) {
        identity.rotate(actor);
        flash.addFlashAttribute("notice", "notice.keys-rotated");
        return "redirect:/admin/federation";
    }

    @PostMapping("/admin/federation/peers")
    String pin(@AuthenticationPrincipal Actor actor, @RequestParam String description, @RequestParam String signingKid, RedirectAttributes flash) {
        try {
            federation.pin(actor, description, signingKid);
            flash.addFlashAttribute("notice", "notice.peer-pinned");
        } catch (ComityException e) {
            flash.addFlashAttribute("trustListError", e.getMessage());
        }
        return "redirect:/admin/federation#peers";
    }

    @PostMapping("/admin/federation/peers/{node}/unpin")
    String unpin(@AuthenticationPrincipal Actor actor, @org.springframework.web.bind.annotation.PathVariable String node, RedirectAttributes flash) {
        federation.unpin(actor, node);
        flash.addFlashAttribute("notice", "notice.peer-unpinned");
        return "redirect:/admin/federation#peers";
    }

    @PostMapping("/admin/federation/trust-list")
    String install(@AuthenticationPrincipal Actor actor, @RequestParam String signed, RedirectAttributes flash) {
        try {
            federation.accept(actor, signed);
            flash.addFlashAttribute("notice", "notice.trust-list-installed");
        } catch (ComityException e) {
            flash.addFlashAttribute("trustListError", e.getMessage());
        }
        return "redirect:/admin/federation";
    }
}
