package org.comity.node.writer.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.Confidentiality;
import org.comity.node.request.DataCategory;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.comity.node.request.MeasureType;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.SubjectKind;
import org.comity.node.request.SubjectRole;
import org.comity.node.request.Urgency;
import org.comity.node.web.FieldErrors;
import org.comity.node.writer.DraftStart;
import org.comity.node.writer.PdfLanguages;
import org.comity.node.writer.RequestWriter;
import org.comity.node.writer.Translation;
import org.comity.node.writer.WriterDraft;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The writer's pages under {@code /writer}: the start (step 1, the channel and instrument), then
 * one page per step with the steps as a list to move between them, the completeness panel beside
 * every step and a glossary. Each step saves its own fields and moves on; pages work without
 * JavaScript, htmx refreshes the completeness panel in place.
 */
@Controller
class WriterPages {

    static final List<String> UN_LANGUAGES = List.of("ar", "zh", "en", "fr", "ru", "es");
    static final List<String> GLOSSARY = List.of("mla", "central-authority", "point-of-contact", "preservation", "subscriber", "traffic", "content",
            "dual-criminality", "proportionality", "sign-off");

    private final RequestWriter writer;
    private final Instruments instruments;
    private final Directory directory;
    private final MessageSource messages;
    private final ChannelAdvice advice;

    WriterPages(RequestWriter writer, Instruments instruments, Directory directory, MessageSource messages, ChannelAdvice advice) {
        this.writer = writer;
        this.instruments = instruments;
        this.directory = directory;
        this.messages = messages;
        this.advice = advice;
    }

    // --- Step 1: the situation, the channel and the instrument -----------------------------------

    @GetMapping("/writer")
    String start(@AuthenticationPrincipal Actor actor, @RequestParam MultiValueMap<String, String> params, Locale locale, Model model) {
        return startPage(actor, params, FieldErrors.none(), null, locale, model);
    }

    @PostMapping("/writer")
    String create(@AuthenticationPrincipal Actor actor, @RequestParam MultiValueMap<String, String> params, Locale locale, Model model) {
        DraftStart start = new DraftStart(params.getFirst("instrument"), uuid(params.getFirst("requestedAuthority")), blank(params.getFirst("title")),
                blank(params.getFirst("language")), blank(params.getFirst("translationLanguage")), urgency(params.getFirst("urgency")));
        try {
            WriterDraft d = writer.start(actor, start);
            return "redirect:/writer/" + d.request().summary().id() + "?step=" + Step.REQUIREMENTS.slug();
        } catch (ComityException e) {
            return startPage(actor, params, FieldErrors.of(e.fieldProblems(), messages, locale), e.getMessage(), locale, model);
        }
    }

    private String startPage(Actor actor, MultiValueMap<String, String> params, FieldErrors errors, String message, Locale locale, Model model) {
        if (!actor.draftsRequests()) {
            throw ComityException.forbidden("Your roles do not allow drafting requests.");
        }
        model.addAttribute("params", params.toSingleValueMap());
        model.addAttribute("errors", errors);
        model.addAttribute("formError", message);
        model.addAttribute("instruments", instruments.all());
        model.addAttribute("addressees", addressees(actor));
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute("languages", UN_LANGUAGES);
        model.addAttribute("categories", DataCategory.values());
        model.addAttribute("advice", advice.advise(actor, params.toSingleValueMap()));
        model.addAttribute("states", directory.states().stream().filter(st -> !st.code().equals(actor.stateCode())).toList());
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("glossary", GLOSSARY);
        return "writer/start";
    }

    // --- Steps 2..n ------------------------------------------------------------------------------

    @GetMapping("/writer/{id}")
    String step(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "situation") String step, Locale locale,
            Model model) {
        return stepPage(writer.get(actor, id), Step.of(step), FieldErrors.none(), null, locale, model);
    }

    @PostMapping("/writer/{id}/{step}")
    String save(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @PathVariable String step,
            @RequestParam MultiValueMap<String, String> params, Locale locale, Model model, RedirectAttributes flash) {
        Step s = Step.of(step);
        WriterDraft d = writer.get(actor, id);
        StepForm form = new StepForm(params);
        try {
            if (s == Step.TRANSLATION || (s == Step.REQUIREMENTS && params.containsKey("translationLanguage"))) {
                String language = s == Step.TRANSLATION ? d.translation().language() : blank(params.getFirst("translationLanguage"));
                // A new language starts a new translation: the texts in the old one would be in the wrong language.
                Translation t = s == Step.TRANSLATION ? form.translation(language)
                        : new Translation(language, java.util.Objects.equals(language, d.translation().language()) ? d.translation().texts() : Map.of());
                d = writer.translate(actor, id, t);
            }
            if (s != Step.TRANSLATION && s != Step.REVIEW) {
                int version = Integer.parseInt(params.getFirst("version") == null ? "-1" : params.getFirst("version"));
                d = writer.save(actor, id, version, form.apply(s, d.request().document()));
            }
        } catch (ComityException e) {
            return stepPage(d, s, FieldErrors.of(e.fieldProblems(), messages, locale), e.getMessage(), locale, model);
        } catch (NumberFormatException e) {
            throw ComityException.badRequest("The form's version is not a number.");
        }
        flash.addFlashAttribute("notice", "writer.saved");
        return "redirect:/writer/" + id + "?step=" + (params.containsKey("_stay") ? s : s.next()).slug();
    }

    @GetMapping("/writer/{id}/completeness")
    String completeness(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Locale locale, Model model) {
        stepPage(writer.get(actor, id), Step.REVIEW, FieldErrors.none(), null, locale, model);
        return "writer/step :: completeness";
    }

    @PostMapping("/writer/{id}/sign-off")
    String signOff(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Locale locale, Model model, RedirectAttributes flash) {
        try {
            writer.signOff(actor, id);
        } catch (ComityException e) {
            if (e.status() == 404) {
                throw e;
            }
            return stepPage(writer.get(actor, id), Step.REVIEW, FieldErrors.of(e.fieldProblems(), messages, locale), e.getMessage(), locale, model);
        }
        flash.addFlashAttribute("notice", "writer.signed-off");
        return "redirect:/writer/" + id + "?step=review";
    }

    @PostMapping("/writer/{id}/send")
    String send(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Locale locale, Model model, RedirectAttributes flash) {
        try {
            writer.send(actor, id);
        } catch (ComityException e) {
            if (e.status() == 404) {
                throw e;
            }
            return stepPage(writer.get(actor, id), Step.REVIEW, FieldErrors.of(e.fieldProblems(), messages, locale), e.getMessage(), locale, model);
        }
        flash.addFlashAttribute("notice", "writer.sent");
        return "redirect:/requests/" + id;
    }

    @GetMapping("/writer/{id}/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "ORIGINAL") PdfLanguages languages) {
        byte[] pdf = writer.pdf(actor, id, languages);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("request-" + languages.name().toLowerCase(Locale.ROOT) + ".pdf").build().toString())
                .body(pdf);
    }

    private String stepPage(WriterDraft d, Step step, FieldErrors errors, String message, Locale locale, Model model) {
        RequestDocument doc = d.request().document();
        Instrument instrument = d.request().instrument();
        model.addAttribute("draft", d);
        model.addAttribute("d", doc);
        model.addAttribute("id", d.request().summary().id());
        model.addAttribute("instrument", instrument);
        model.addAttribute("step", step);
        model.addAttribute("steps", Step.values());
        model.addAttribute("errors", errors);
        model.addAttribute("formError", message);
        FieldErrors missing = FieldErrors.of(d.missing(), messages, locale);
        model.addAttribute("missing", missing);
        Map<String, String> missingLinks = new LinkedHashMap<>();
        for (FieldProblem p : d.missing()) {
            missingLinks.putIfAbsent(p.field(), "/writer/" + d.request().summary().id() + "?step=" + Step.forField(p.field()).slug() + "#"
                    + FieldErrors.anchor(p.field()));
        }
        model.addAttribute("missingLinks", missingLinks);
        model.addAttribute("addressees", addressees(null));
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute("languages", UN_LANGUAGES);
        model.addAttribute("offences", padded(doc.offences(), new RequestDocument.Offence(null, null, null)));
        model.addAttribute("subjects", padded(doc.subjects(), new RequestDocument.Subject(null, null, null, List.of(), null)));
        model.addAttribute("dataSought", padded(doc.dataSought(), new RequestDocument.DataSought(null, null, List.of(), null, null, null, null)));
        model.addAttribute("measures", padded(doc.measures(), new RequestDocument.Measure(null, null)));
        model.addAttribute("subjectKinds", SubjectKind.values());
        model.addAttribute("subjectRoles", SubjectRole.values());
        model.addAttribute("categories", DataCategory.values());
        model.addAttribute("measureTypes", MeasureType.values());
        model.addAttribute("confidentialities", Confidentiality.values());
        model.addAttribute("translatable", translatable(doc, locale));
        model.addAttribute("translationLanguage", d.translation().language());
        model.addAttribute("translationDir", d.translation().language() != null && List.of("ar", "he", "fa", "ur").contains(d.translation().language())
                ? "rtl" : "ltr");
        model.addAttribute("originalDir", "ar".equals(doc.language()) ? "rtl" : "ltr");
        model.addAttribute("glossary", GLOSSARY);
        model.addAttribute("identifierLines", (java.util.function.Function<List<RequestDocument.Identifier>, String>) StepForm::lines);
        return "writer/step";
    }

    /** A field to translate: its path, its label in the page's language (with its row number), and the original text. */
    public record TranslatableField(String path, String label, String original) {}

    private List<TranslatableField> translatable(RequestDocument doc, Locale locale) {
        List<TranslatableField> out = new ArrayList<>();
        Translation.translatable(doc).forEach((path, original) -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\w+)(?:\\[(\\d+)]\\.(\\w+))?$").matcher(path);
            String label = path;
            if (m.matches()) {
                String key = switch (m.group(1)) {
                    case "offences" -> "offence." + m.group(3);
                    case "dataSought" -> "data.description";
                    case "measures" -> "measure.description";
                    case "subjects" -> "writer.details";
                    default -> "request." + m.group(1);
                };
                label = messages.getMessage(key, null, path, locale) + (m.group(2) == null ? "" : " " + (Integer.parseInt(m.group(2)) + 1));
            }
            out.add(new TranslatableField(path, label, original));
        });
        return out;
    }

    private List<Authority> addressees(Actor actor) {
        List<Authority> out = new ArrayList<>(directory.authorities().stream().filter(Authority::active)
                .filter(a -> actor == null || !a.stateCode().equals(actor.stateCode())).toList());
        out.sort(Comparator.comparing(Authority::stateCode).thenComparing(Authority::name));
        return out;
    }

    private static <T> List<T> padded(List<T> rows, T blank) {
        List<T> out = new ArrayList<>(rows);
        if (out.size() < StepForm.MAX_ROWS) {
            out.add(blank);
        }
        return out;
    }

    private static UUID uuid(String s) {
        try {
            return s == null || s.isBlank() ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Urgency urgency(String s) {
        try {
            return s == null || s.isBlank() ? null : Urgency.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
