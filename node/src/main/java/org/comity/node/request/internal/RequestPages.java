package org.comity.node.request.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.Action;
import org.comity.node.request.CommandInput;
import org.comity.node.request.Confidentiality;
import org.comity.node.request.DataCategory;
import org.comity.node.request.Instruments;
import org.comity.node.request.MeasureType;
import org.comity.node.request.RefusalGround;
import org.comity.node.request.RequestDetail;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestQuery;
import org.comity.node.request.RequestStatus;
import org.comity.node.request.RequestSummary;
import org.comity.node.request.Requests;
import org.comity.node.request.SubjectKind;
import org.comity.node.request.SubjectRole;
import org.comity.node.request.Urgency;
import org.comity.node.web.FieldErrors;
import org.springframework.context.MessageSource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The request pages: inbox and outbox, drafting and editing with field-level validation, the
 * request's page with its timeline and every lifecycle action, attachments and alerts. Pages work
 * without JavaScript; htmx refreshes the list and the completeness panel in place.
 */
@Controller
class RequestPages {

    private final Requests requests;
    private final Instruments instruments;
    private final Directory directory;
    private final MessageSource messages;

    private final org.springframework.beans.factory.ObjectProvider<org.comity.node.request.DeliveryLog> deliveries;

    private final org.springframework.beans.factory.ObjectProvider<org.comity.node.request.NoticeLog> notices;

    RequestPages(Requests requests, Instruments instruments, Directory directory, MessageSource messages,
            org.springframework.beans.factory.ObjectProvider<org.comity.node.request.DeliveryLog> deliveries,
            org.springframework.beans.factory.ObjectProvider<org.comity.node.request.NoticeLog> notices) {
        this.deliveries = deliveries;
        this.notices = notices;
        this.requests = requests;
        this.instruments = instruments;
        this.directory = directory;
        this.messages = messages;
    }

    // --- Lists ----------------------------------------------------------------------------------

    @GetMapping("/requests")
    String list(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "INBOX") RequestQuery.Box box,
            @RequestParam(required = false) RequestStatus status, @RequestParam(required = false) String instrument,
            @RequestParam(required = false) Urgency urgency, @RequestParam(required = false) String partner,
            @RequestParam(required = false) RequestSummary.DeadlineLevel deadline, @RequestParam(required = false) String q,
            @RequestParam(required = false) org.comity.node.request.RequestType type, @RequestParam(required = false) String submittedFrom,
            @RequestParam(required = false) String submittedTo, @RequestParam(defaultValue = "0") int page, HttpServletRequest http, Model model) {
        RequestQuery query = new RequestQuery(box, status == null ? Set.of() : Set.of(status), blankToNull(instrument), urgency,
                blankToNull(partner), deadline, q, page, 50, type, RequestApi.month("submittedFrom", submittedFrom),
                RequestApi.month("submittedTo", submittedTo));
        model.addAttribute("query", query);
        model.addAttribute("status", status);
        model.addAttribute("results", requests.list(actor, query));
        model.addAttribute("now", java.time.Instant.now());
        model.addAttribute("instruments", instruments.all());
        model.addAttribute("states", directory.states());
        model.addAttribute("statuses", RequestStatus.values());
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute("canDraft", actor.draftsRequests());
        model.addAttribute("alarms", requests.alarms(actor));
        return "true".equals(http.getHeader("HX-Request")) ? "requests/list :: results" : "requests/list";
    }

    @GetMapping("/alerts")
    String alerts(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute("alerts", requests.alerts(actor, 200));
        return "requests/alerts";
    }

    // --- Drafting -------------------------------------------------------------------------------

    @GetMapping("/requests/new")
    String newDraft(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String instrument, Locale locale, Model model) {
        RequestForm form = RequestForm.blank(instrument, locale.getLanguage());
        return form(actor, form, null, FieldErrors.none(), model);
    }

    @PostMapping("/requests/new")
    String create(@AuthenticationPrincipal Actor actor, @ModelAttribute("form") RequestForm form,
            @RequestParam(name = "_add", required = false) String add, @RequestParam(name = "_remove", required = false) String remove,
            Locale locale, Model model, RedirectAttributes flash) {
        if (add != null || remove != null) {
            return changeRows(actor, form, null, add, remove, model);
        }
        try {
            routed(form);
            RequestDetail created = requests.create(actor, form.toDocument(related(actor, form)));
            flash.addFlashAttribute("notice", "notice.draft-saved");
            return "redirect:/requests/" + created.summary().id();
        } catch (ComityException e) {
            return form(actor, form, null, errors(e, locale), model);
        }
    }

    @GetMapping("/requests/{id}/edit")
    String edit(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        RequestDetail detail = requests.get(actor, id);
        if (!detail.actions().contains(Action.EDIT)) {
            throw new ComityException(409, "transition-refused", "Only a draft can be edited; this request is "
                    + detail.summary().status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ".");
        }
        RequestForm form = RequestForm.of(detail.document(), relatedReference(actor, detail.document()), detail.summary().version());
        return form(actor, form, detail, FieldErrors.none(), model);
    }

    @PostMapping("/requests/{id}/edit")
    String update(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @ModelAttribute("form") RequestForm form,
            @RequestParam(name = "_add", required = false) String add, @RequestParam(name = "_remove", required = false) String remove,
            @RequestParam(name = "_submit", required = false) String submit, Locale locale, Model model, RedirectAttributes flash) {
        RequestDetail current = requests.get(actor, id);
        if (add != null || remove != null) {
            return changeRows(actor, form, current, add, remove, model);
        }
        try {
            int version = form.getVersion() == null ? -1 : form.getVersion();
            routed(form);
            RequestDetail saved = requests.edit(actor, id, version, form.toDocument(related(actor, form)));
            if (submit != null) {
                requests.act(actor, id, saved.summary().version(), Action.SUBMIT, CommandInput.EMPTY);
                flash.addFlashAttribute("notice", "notice.submitted");
            } else {
                flash.addFlashAttribute("notice", "notice.draft-saved");
            }
            return "redirect:/requests/" + id;
        } catch (ComityException e) {
            RequestDetail fresh = requests.get(actor, id);
            if ("stale-version".equals(e.type())) {
                form.setVersion(fresh.summary().version());
            } else if (submit != null && fresh.summary().version() != current.summary().version()) {
                // The edit was saved and only submitting failed: the form now edits the saved version.
                form.setVersion(fresh.summary().version());
            }
            model.addAttribute("formError", e.getMessage());
            return form(actor, form, fresh, errors(e, locale), model);
        }
    }

    /**
     * Answering a question by amending the request itself: the request's form, with its legal basis,
     * urgency and addressee fixed (an answer keeps them), and the answer's text. Possible while the
     * requested side waits for information from this side.
     */
    @GetMapping("/requests/{id}/amend")
    String amend(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        RequestDetail detail = requests.get(actor, id);
        if (!detail.actions().contains(Action.PROVIDE_INFORMATION)) {
            throw new ComityException(409, "transition-refused", "A request is amended with an answer only while the other side waits for information.");
        }
        model.addAttribute("amending", true);
        return form(actor, RequestForm.of(detail.document(), relatedReference(actor, detail.document()), detail.summary().version()), detail,
                FieldErrors.none(), model);
    }

    @PostMapping("/requests/{id}/amend")
    String amended(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @ModelAttribute("form") RequestForm form,
            @RequestParam(name = "answer", required = false) String answer,
            @RequestParam(name = "_add", required = false) String add, @RequestParam(name = "_remove", required = false) String remove,
            Locale locale, Model model, RedirectAttributes flash) {
        model.addAttribute("amending", true);
        model.addAttribute("answer", answer);
        if (add != null || remove != null) {
            return changeRows(actor, form, requests.get(actor, id), add, remove, model);
        }
        try {
            RequestDetail after = requests.act(actor, id, form.getVersion(), Action.PROVIDE_INFORMATION,
                    new CommandInput(answer, null, null, null, null, form.toDocument(related(actor, form))));
            flash.addFlashAttribute("notice", proposed(after, Action.PROVIDE_INFORMATION) ? "notice.proposed" : "notice.action.provide-information");
            return "redirect:/requests/" + id;
        } catch (ComityException e) {
            if (e.status() == 404) {
                throw e;
            }
            model.addAttribute("formError", e.getMessage());
            return form(actor, form, requests.get(actor, id), errors(e, locale), model);
        }
    }

    /** The completeness panel, refreshed as the user types (htmx) or on demand. */
    @PostMapping("/requests/check")
    String check(@AuthenticationPrincipal Actor actor, @ModelAttribute("form") RequestForm form, Locale locale, Model model) {
        List<FieldProblem> problems;
        try {
            routed(form);
            problems = requests.check(actor, form.toDocument(related(actor, form)));
        } catch (ComityException e) {
            problems = e.fieldProblems();
        }
        model.addAttribute("errors", FieldErrors.of(problems, messages, locale));
        model.addAttribute("checked", true);
        model.addAttribute("instrument", instruments.find(form.getInstrument()).orElse(null));
        return "requests/form :: completeness";
    }

    private String changeRows(Actor actor, RequestForm form, RequestDetail detail, String add, String remove, Model model) {
        if (add != null) {
            form.addRow(add);
        }
        if (remove != null) {
            form.removeRow(remove);
        }
        return form(actor, form, detail, FieldErrors.none(), model);
    }

    private String form(Actor actor, RequestForm form, RequestDetail detail, FieldErrors errors, Model model) {
        if (!actor.draftsRequests()) {
            throw ComityException.forbidden("Your roles do not allow drafting requests.");
        }
        model.addAttribute("form", form);
        model.addAttribute("detail", detail);
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("amending")) {
            model.addAttribute("amending", false);
        }
        model.addAttribute("instruments", instruments.all());
        model.addAttribute("instrument", instruments.find(form.getInstrument()).orElse(null));
        List<Authority> addressees = new ArrayList<>(directory.authorities().stream()
                .filter(Authority::active)
                .filter(a -> !a.stateCode().equals(actor.stateCode()))
                .toList());
        addressees.sort(Comparator.comparing(Authority::stateCode).thenComparing(Authority::name));
        model.addAttribute("addressees", addressees);
        model.addAttribute("addresseeStates", addressees.stream().map(Authority::stateCode).distinct().sorted().toList());
        model.addAttribute("states", directory.states());
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute("confidentialities", Confidentiality.values());
        model.addAttribute("categories", DataCategory.values());
        model.addAttribute("measureTypes", MeasureType.values());
        model.addAttribute("subjectKinds", SubjectKind.values());
        model.addAttribute("subjectRoles", SubjectRole.values());
        model.addAttribute("languages", List.of("ar", "zh", "en", "fr", "ru", "es"));
        return "requests/form";
    }

    /** Whether the action went to the node that orders the timeline instead of being recorded here. */
    private static boolean proposed(org.comity.node.request.RequestDetail after, Action action) {
        boolean recorded = !after.timeline().isEmpty() && after.timeline().getLast().type() == action.produces();
        return !recorded && after.pending().stream().anyMatch(p -> p.action() == action && "PENDING".equals(p.status()));
    }

    /** A draft addressed to a state only: the instrument's channel picks the authority. */
    private void routed(RequestForm form) {
        if (form.getRequestedAuthority() == null && form.getRequestedState() != null && !form.getRequestedState().isBlank()) {
            requests.route(form.getRequestedState(), form.getInstrument(), form.getUrgency())
                    .ifPresent(a -> form.setRequestedAuthority(a.id()));
        }
    }

    // --- The request's page ---------------------------------------------------------------------

    @GetMapping("/requests/{id}")
    String detail(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        RequestDetail detail = requests.get(actor, id);
        model.addAttribute("detail", detail);
        model.addAttribute("now", java.time.Instant.now());
        model.addAttribute("grounds", RefusalGround.values());
        model.addAttribute("authorities", directory.authorities().stream()
                .filter(a -> a.local() && a.active() && a.stateCode().equals(detail.summary().requestedState()))
                .toList());
        model.addAttribute("authorityNames", directory.authorities().stream()
                .collect(java.util.stream.Collectors.toMap(a -> a.id().toString(), Authority::name, (a, b) -> a)));
        model.addAttribute("lifecycleActions", detail.actions().stream().filter(Action::isLifecycleStep).toList());
        model.addAttribute("canEdit", detail.actions().contains(Action.EDIT));
        model.addAttribute("canAttach", detail.actions().contains(Action.ADD_ATTACHMENT));
        model.addAttribute("canMessage", detail.actions().contains(Action.POST_MESSAGE));
        model.addAttribute("onRequestedSide", detail.sides().contains(org.comity.node.request.Side.REQUESTED));
        model.addAttribute("timeline", org.comity.node.web.Lists.reversed(detail.timeline()));
        org.comity.node.request.DeliveryLog log = deliveries.getIfAvailable();
        model.addAttribute("deliveries", log == null ? java.util.Map.of() : log.byEvent(id));
        org.comity.node.request.NoticeLog noticeLog = notices.getIfAvailable();
        model.addAttribute("notices", noticeLog == null || !detail.sides().contains(org.comity.node.request.Side.REQUESTED) ? List.of()
                : noticeLog.forRequest(id));
        model.addAttribute("related", relatedReference(actor, detail.document()));
        if (!model.containsAttribute("actionErrors")) {
            model.addAttribute("actionErrors", FieldErrors.none());
        }
        return "requests/detail";
    }

    @PostMapping("/requests/{id}/actions/{action}")
    String act(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @PathVariable String action,
            @RequestParam(required = false) Integer version, @RequestParam(required = false) String reason,
            @RequestParam(required = false) RefusalGround ground, @RequestParam(required = false) LocalDate until,
            @RequestParam(required = false) UUID authority, @RequestParam(name = "followUp", required = false) String followUp,
            Locale locale, RedirectAttributes flash) {
        Action chosen = parse(action);
        try {
            UUID followUpId = null;
            if (followUp != null && !followUp.isBlank()) {
                // A reference that is not one of yours is an error in the action's form, like any other.
                followUpId = requests.findByReference(actor, followUp).orElseThrow(() -> ComityException.invalid("No request of yours has that reference.",
                        List.of(FieldProblem.of("request", "unknown-request", "Choose the request that follows this preservation."))));
            }
            CommandInput input = new CommandInput(reason, ground, until == null ? null : until.atTime(23, 59, 59).toInstant(ZoneOffset.UTC),
                    authority, followUpId, null);
            org.comity.node.request.RequestDetail after = requests.act(actor, id, version, chosen, input);
            flash.addFlashAttribute("notice", proposed(after, chosen) ? "notice.proposed" : "notice.action." + chosen.slug());
        } catch (ComityException e) {
            if (e.status() == 404) {
                throw e;
            }
            flash.addFlashAttribute("actionError", e.getMessage());
            flash.addFlashAttribute("actionErrors", errors(e, locale));
            flash.addFlashAttribute("failedAction", chosen.slug());
        }
        return "redirect:/requests/" + id;
    }

    @PostMapping("/requests/{id}/attachments")
    String attach(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestParam(required = false) Integer version,
            @RequestParam("file") MultipartFile file, Locale locale, RedirectAttributes flash) throws IOException {
        try (InputStream in = file.getInputStream()) {
            requests.attach(actor, id, version, file.getOriginalFilename(), file.getContentType(), in);
            flash.addFlashAttribute("notice", "notice.attached");
        } catch (ComityException e) {
            if (e.status() == 404) {
                throw e;
            }
            flash.addFlashAttribute("actionError", e.getMessage());
            flash.addFlashAttribute("actionErrors", errors(e, locale));
        }
        return "redirect:/requests/" + id + "#attachments";
    }

    @GetMapping("/requests/{id}/attachments/{attachment}")
    ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @PathVariable UUID attachment)
            throws IOException {
        return AttachmentDownload.of(requests.attachment(actor, id, attachment));
    }

    // --- Helpers --------------------------------------------------------------------------------

    private Optional<UUID> related(Actor actor, RequestForm form) {
        String reference = form.getRelatedReference();
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(requests.findByReference(actor, reference).orElseThrow(() -> ComityException.invalid("The related request is not known.",
                List.of(FieldProblem.of("relatedRequest", "unknown-request", "No request you can see has the reference {0}.", reference.strip())))));
    }

    private String relatedReference(Actor actor, RequestDocument document) {
        if (document == null || document.relatedRequest() == null) {
            return null;
        }
        return requests.referenceOf(actor, document.relatedRequest()).orElse(null);
    }

    private FieldErrors errors(ComityException e, Locale locale) {
        return FieldErrors.of(e.fieldProblems(), messages, locale);
    }

    private static Action parse(String slug) {
        try {
            Action action = Action.fromSlug(slug);
            if (!action.isLifecycleStep() && action != Action.POST_MESSAGE) {
                throw ComityException.notFound("Action");
            }
            return action;
        } catch (IllegalArgumentException e) {
            throw ComityException.notFound("Action");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
