package org.comity.node.web;

import org.comity.node.platform.Actor;
import org.comity.node.platform.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The front door sends each user to where their work is. */
@Controller
class HomeController {

    @GetMapping("/")
    String home(@AuthenticationPrincipal Actor actor) {
        if (actor.handlesRequests() || actor.has(Role.AUDITOR)) {
            return "redirect:/requests?box=INBOX";
        }
        if (actor.has(Role.ADMIN)) {
            return "redirect:/admin/users";
        }
        if (actor.has(Role.ANALYST)) {
            return "redirect:/statistics";
        }
        return "redirect:/account";
    }
}
