package org.comity.node.account.internal;

import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.UUID;
import org.comity.node.account.IssuedToken;
import org.comity.node.account.TokenScope;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.Role;
import org.comity.node.web.FieldErrors;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The user's own page (second factor, API tokens) and the administrator's pages for users and
 * tokens. A token's secret is shown once, right after it is issued.
 */
@Controller
class AccountPages {

    private static final String ENROL_SECRET = "comity.account.enrol.secret";
    private final AccountService accounts;
    private final Directory directory;
    private final MessageSource messages;

    AccountPages(AccountService accounts, Directory directory, MessageSource messages) {
        this.accounts = accounts;
        this.directory = directory;
        this.messages = messages;
    }

    // --- My account -----------------------------------------------------------------------------

    @GetMapping("/account")
    String account(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute("user", accounts.findUser(actor.userId()).orElseThrow());
        model.addAttribute("tokens", accounts.myTokens(actor));
        model.addAttribute("scopes", TokenScope.values());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FieldErrors.none());
        }
        if (!model.containsAttribute("passwordErrors")) {
            model.addAttribute("passwordErrors", FieldErrors.none());
        }
        return "account/account";
    }

    @PostMapping("/account/tokens")
    String issue(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "READ") TokenScope scope, @RequestParam(defaultValue = "90") int lifetimeDays, Locale locale,
            RedirectAttributes flash) {
        return issueFor(actor, actor.userId(), name, scope, lifetimeDays, locale, flash, "redirect:/account");
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, RedirectAttributes flash) {
        accounts.revokeToken(actor, id);
        flash.addFlashAttribute("notice", "notice.token-revoked");
        return "redirect:/account";
    }

    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmation, Locale locale,
            Model model, RedirectAttributes flash) {
        try {
            accounts.changeOwnPassword(actor, currentPassword, newPassword, confirmation);
        } catch (ComityException e) {
            // Nothing typed is sent back: the page comes again with empty password fields and the reasons.
            model.addAttribute("passwordErrors", FieldErrors.of(e.fieldProblems(), messages, locale));
            return account(actor, model);
        }
        flash.addFlashAttribute("notice", "notice.password-changed");
        return "redirect:/account";
    }

    @GetMapping("/account/second-factor")
    String enrolForm(@AuthenticationPrincipal Actor actor, HttpSession session, Model model) {
        model.addAttribute("action", "/account/second-factor");
        return Enrolment.show(model, Enrolment.secret(session, ENROL_SECRET), accounts.issuer(), actor.username());
    }

    @PostMapping("/account/second-factor")
    String enrol(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String code, HttpSession session, Model model,
            RedirectAttributes flash) {
        byte[] secret = (byte[]) session.getAttribute(ENROL_SECRET);
        if (secret == null) {
            return "redirect:/account/second-factor";
        }
        try {
            accounts.enrolSecondFactor(actor.userId(), secret, code);
            session.removeAttribute(ENROL_SECRET);
            flash.addFlashAttribute("notice", "notice.second-factor-enrolled");
            return "redirect:/account";
        } catch (SignInRefused refused) {
            model.addAttribute("error", refused.messageKey());
            return enrolForm(actor, session, model);
        }
    }

    // --- Administration -------------------------------------------------------------------------

    @GetMapping("/admin/users")
    String users(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute("users", accounts.users(actor));
        model.addAttribute("authorities", directory.authorities().stream()
                .collect(java.util.stream.Collectors.toMap(a -> a.id(), a -> a, (a, b) -> a)));
        model.addAttribute("now", java.time.Instant.now());
        return "account/users";
    }

    @GetMapping("/admin/users/new")
    String newUser(Model model) {
        return userForm(new UserForm(), null, FieldErrors.none(), model);
    }

    @PostMapping("/admin/users/new")
    String createUser(@AuthenticationPrincipal Actor actor, @ModelAttribute("form") UserForm form, Locale locale, Model model,
            RedirectAttributes flash) {
        try {
            var user = accounts.createUser(actor, form.toDraft());
            flash.addFlashAttribute("notice", "notice.user-saved");
            return "redirect:/admin/users/" + user.id();
        } catch (ComityException e) {
            form.setPassword(null);
            return userForm(form, null, FieldErrors.of(e.fieldProblems(), messages, locale), model, e.getMessage());
        }
    }

    @GetMapping("/admin/users/{id}")
    String editUser(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        var user = accounts.user(actor, id);
        model.addAttribute("tokens", accounts.allTokens(actor).stream().filter(t -> t.userId().equals(id)).toList());
        return userForm(UserForm.of(user), user, FieldErrors.none(), model);
    }

    @PostMapping("/admin/users/{id}")
    String updateUser(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @ModelAttribute("form") UserForm form, Locale locale,
            Model model, RedirectAttributes flash) {
        try {
            accounts.updateUser(actor, id, form.getVersion() == null ? -1 : form.getVersion(), form.toDraft());
            flash.addFlashAttribute("notice", "notice.user-saved");
            return "redirect:/admin/users/" + id;
        } catch (ComityException e) {
            if (e.status() == 404) {
                throw e;
            }
            var user = accounts.user(actor, id);
            form.setPassword(null);
            model.addAttribute("tokens", accounts.allTokens(actor).stream().filter(t -> t.userId().equals(id)).toList());
            return userForm(form, user, FieldErrors.of(e.fieldProblems(), messages, locale), model, e.getMessage());
        }
    }

    @PostMapping("/admin/users/{id}/reset-second-factor")
    String resetSecondFactor(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, RedirectAttributes flash) {
        accounts.resetSecondFactor(actor, id);
        flash.addFlashAttribute("notice", "notice.second-factor-reset");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/unlock")
    String unlock(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, RedirectAttributes flash) {
        accounts.unlock(actor, id);
        flash.addFlashAttribute("notice", "notice.user-unlocked");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/tokens")
    String issueForUser(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "READ") TokenScope scope, @RequestParam(defaultValue = "90") int lifetimeDays, Locale locale,
            RedirectAttributes flash) {
        accounts.user(actor, id);
        return issueFor(actor, id, name, scope, lifetimeDays, locale, flash, "redirect:/admin/users/" + id);
    }

    @GetMapping("/admin/tokens")
    String tokens(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute("tokens", accounts.allTokens(actor));
        model.addAttribute("now", java.time.Instant.now());
        return "account/tokens";
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String adminRevoke(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, RedirectAttributes flash) {
        accounts.revokeToken(actor, id);
        flash.addFlashAttribute("notice", "notice.token-revoked");
        return "redirect:/admin/tokens";
    }

    private String issueFor(Actor actor, UUID userId, String name, TokenScope scope, int lifetimeDays, Locale locale,
            RedirectAttributes flash, String back) {
        try {
            IssuedToken issued = accounts.issueToken(actor, userId, name, scope == TokenScope.WRITE ? EnumSet.of(TokenScope.READ, TokenScope.WRITE)
                    : EnumSet.of(TokenScope.READ), Duration.ofDays(Math.max(lifetimeDays, 0)));
            flash.addFlashAttribute("issuedSecret", issued.secret());
            flash.addFlashAttribute("issuedName", issued.info().name());
        } catch (ComityException e) {
            flash.addFlashAttribute("tokenError", e.getMessage());
            flash.addFlashAttribute("errors", FieldErrors.of(e.fieldProblems(), messages, locale));
        }
        return back;
    }

    private String userForm(UserForm form, org.comity.node.account.User user, FieldErrors errors, Model model) {
        return userForm(form, user, errors, model, null);
    }

    private String userForm(UserForm form, org.comity.node.account.User user, FieldErrors errors, Model model, String formError) {
        model.addAttribute("form", form);
        model.addAttribute("user", user);
        model.addAttribute("errors", errors);
        model.addAttribute("formError", formError);
        model.addAttribute("roles", Role.values());
        model.addAttribute("authorities", directory.localAuthorities());
        model.addAttribute("scopes", TokenScope.values());
        if (!model.containsAttribute("tokens")) {
            model.addAttribute("tokens", java.util.List.of());
        }
        return "account/user";
    }
}
