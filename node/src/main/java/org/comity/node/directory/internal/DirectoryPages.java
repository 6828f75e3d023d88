package org.comity.node.directory.internal;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.web.FieldErrors;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The directory as every user reads it, and the administrator's pages for its authorities. */
@Controller
class DirectoryPages {

    private final Directory directory;
    private final MessageSource messages;

    DirectoryPages(Directory directory, MessageSource messages) {
        this.directory = directory;
        this.messages = messages;
    }

    /**
     * The directory as every signed-in user reads it: each state with the instruments it is party
     * to, its authorities and how to reach them, and, for a 24/7 point of contact, its hours and
     * its backup contacts in calling order (who to call when an urgent request is not acknowledged).
     */
    @GetMapping("/directory")
    String directory(@org.springframework.web.bind.annotation.RequestParam(required = false) String state, Model model) {
        List<org.comity.node.directory.State> states = directory.states().stream()
                .filter(s -> state == null || state.isBlank() || s.code().equals(state)).toList();
        java.util.Map<String, List<Authority>> byState = new java.util.LinkedHashMap<>();
        // A central authority may have backups too (Protocol Art. 10 emergencies); one query for all.
        java.util.Map<UUID, List<org.comity.node.directory.BackupContact>> backups = new java.util.HashMap<>(directory.allBackups());
        for (Authority a : directory.authorities()) {
            if (!a.active()) {
                continue;
            }
            byState.computeIfAbsent(a.stateCode(), k -> new java.util.ArrayList<>()).add(a);
            backups.putIfAbsent(a.id(), List.of());
        }
        model.addAttribute("states", states);
        model.addAttribute("allStates", directory.states());
        model.addAttribute("chosen", state);
        model.addAttribute("byState", byState);
        model.addAttribute("backups", backups);
        return "directory/directory";
    }

    @GetMapping("/admin/authorities")
    String list(Model model) {
        model.addAttribute("authorities", directory.authorities());
        model.addAttribute("nodes", directory.nodes().stream().filter(org.comity.node.directory.NodeEntry::local).toList());
        return "directory/authorities";
    }

    @GetMapping("/admin/authorities/new")
    String create(Model model) {
        AuthorityForm form = new AuthorityForm();
        form.setNodeId(directory.localNode().id());
        form.setStateCode(directory.localNode().stateCode());
        return form(form, null, FieldErrors.none(), null, model);
    }

    @PostMapping("/admin/authorities/new")
    String create(@AuthenticationPrincipal Actor actor, @ModelAttribute("form") AuthorityForm form, Locale locale, Model model,
            RedirectAttributes flash) {
        try {
            Authority created = directory.createAuthority(actor, form.toDraft());
            flash.addFlashAttribute("notice", "notice.authority-saved");
            return "redirect:/admin/authorities/" + created.id();
        } catch (ComityException e) {
            return form(form, null, FieldErrors.of(e.fieldProblems(), messages, locale), e.getMessage(), model);
        }
    }

    @GetMapping("/admin/authorities/{id}")
    String edit(@PathVariable UUID id, Model model) {
        Authority authority = directory.authority(id).orElseThrow(() -> ComityException.notFound("Authority"));
        return form(AuthorityForm.of(authority), authority, FieldErrors.none(), null, model);
    }

    @PostMapping("/admin/authorities/{id}")
    String update(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @ModelAttribute("form") AuthorityForm form, Locale locale,
            Model model, RedirectAttributes flash) {
        Authority current = directory.authority(id).orElseThrow(() -> ComityException.notFound("Authority"));
        try {
            directory.updateAuthority(actor, id, form.getVersion() == null ? -1 : form.getVersion(), form.toDraft());
            flash.addFlashAttribute("notice", "notice.authority-saved");
            return "redirect:/admin/authorities/" + id;
        } catch (ComityException e) {
            return form(form, current, FieldErrors.of(e.fieldProblems(), messages, locale), e.getMessage(), model);
        }
    }

    /** Backup contacts, one per line: name; e-mail; telephone. */
    @PostMapping("/admin/authorities/{id}/backups")
    String backups(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @org.springframework.web.bind.annotation.RequestParam String backups,
            Locale locale, Model model, RedirectAttributes flash) {
        Authority current = directory.authority(id).orElseThrow(() -> ComityException.notFound("Authority"));
        java.util.List<org.comity.node.directory.BackupContact> parsed = new java.util.ArrayList<>();
        for (String line : backups.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(";", -1);
            parsed.add(new org.comity.node.directory.BackupContact(parts[0].strip(), parts.length > 1 ? parts[1].strip() : null,
                    parts.length > 2 ? parts[2].strip() : null));
        }
        try {
            directory.setBackups(actor, id, parsed);
            flash.addFlashAttribute("notice", "notice.authority-saved");
            return "redirect:/admin/authorities/" + id + "#backups";
        } catch (ComityException e) {
            model.addAttribute("backupsText", backups);
            return form(AuthorityForm.of(current), current, FieldErrors.of(e.fieldProblems(), messages, locale), e.getMessage(), model);
        }
    }

    private String form(AuthorityForm form, Authority authority, FieldErrors errors, String formError, Model model) {
        model.addAttribute("remoteBackups", authority == null || authority.local() ? List.of() : directory.backups(authority.id()));
        if (authority != null && !model.containsAttribute("backupsText")) {
            model.addAttribute("backupsText", directory.backups(authority.id()).stream()
                    .map(b -> b.name() + "; " + (b.email() == null ? "" : b.email()) + "; " + (b.phone() == null ? "" : b.phone()))
                    .collect(java.util.stream.Collectors.joining("\n")));
        }
        model.addAttribute("form", form);
        model.addAttribute("authority", authority);
        model.addAttribute("errors", errors);
        model.addAttribute("formError", formError);
        model.addAttribute("states", directory.states());
        // Authorities are added on this node only; another node's is shown (read-only) with its own node.
        model.addAttribute("nodes", directory.nodes().stream()
                .filter(n -> n.local() || (authority != null && n.id().equals(authority.nodeId()))).toList());
        model.addAttribute("kinds", AuthorityKind.values());
        return "directory/authority";
    }
}
