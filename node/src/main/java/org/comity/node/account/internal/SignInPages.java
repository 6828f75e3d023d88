package org.comity.node.account.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import org.comity.node.platform.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in: the password form, then the second factor or its enrolment. */
@Controller
class SignInPages {

    private static final String ENROL_SECRET = "comity.enrol.secret";
    private final AccountService accounts;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignInPages(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/login")
    String login(HttpSession session, Model model) {
        Object error = session.getAttribute(SecurityConfiguration.SIGNIN_ERROR);
        if (error != null) {
            model.addAttribute("error", error);
            model.addAttribute("retryAfter", session.getAttribute(SecurityConfiguration.SIGNIN_RETRY_AFTER));
            session.removeAttribute(SecurityConfiguration.SIGNIN_ERROR);
            session.removeAttribute(SecurityConfiguration.SIGNIN_RETRY_AFTER);
        }
        return "account/login";
    }

    @GetMapping("/login/second-factor")
    String secondFactor() {
        return "account/second-factor";
    }

    @PostMapping("/login/second-factor")
    String verify(Authentication partial, @RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Actor actor = (Actor) partial.getPrincipal();
        try {
            complete(accounts.checkSecondFactor(actor.userId(), code), request, response);
            return "redirect:/";
        } catch (SignInRefused refused) {
            if (refused.retryAfter() != null) {
                return signOut(request, refused);
            }
            model.addAttribute("error", refused.messageKey());
            return "account/second-factor";
        }
    }

    @GetMapping("/login/enrol")
    String enrol(Authentication partial, HttpSession session, Model model) {
        Actor actor = (Actor) partial.getPrincipal();
        return Enrolment.show(model, Enrolment.secret(session, ENROL_SECRET), accounts.issuer(), actor.username());
    }

    @PostMapping("/login/enrol")
    String confirmEnrolment(Authentication partial, @RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Actor actor = (Actor) partial.getPrincipal();
        HttpSession session = request.getSession();
        byte[] secret = (byte[]) session.getAttribute(ENROL_SECRET);
        if (secret == null) {
            return "redirect:/login/enrol";
        }
        try {
            Actor signedIn = accounts.enrolSecondFactor(actor.userId(), secret, code);
            session.removeAttribute(ENROL_SECRET);
            complete(signedIn, request, response);
            return "redirect:/";
        } catch (SignInRefused refused) {
            model.addAttribute("error", refused.messageKey());
            return enrol(partial, session, model);
        }
    }

    /** Replaces the partial sign-in by a full one, under a new session id. */
    private void complete(Actor actor, HttpServletRequest request, HttpServletResponse response) {
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SignIn.complete(actor));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    private static String signOut(HttpServletRequest request, SignInRefused refused) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession fresh = request.getSession(true);
        fresh.setAttribute(SecurityConfiguration.SIGNIN_ERROR, refused.messageKey());
        fresh.setAttribute(SecurityConfiguration.SIGNIN_RETRY_AFTER, refused.retryAfter() == null ? Instant.now() : refused.retryAfter());
        SecurityContextHolder.clearContext();
        return "redirect:/login?error";
    }
}
