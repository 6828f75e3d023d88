package org.comity.node.knowledge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.directory.Directory;
import org.comity.node.directory.State;
import org.comity.node.knowledge.ChannelAdvisor;
import org.comity.node.knowledge.ChannelOption;
import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.CountryProfiles;
import org.comity.node.knowledge.DocumentType;
import org.comity.node.knowledge.HolderKind;
import org.comity.node.knowledge.KnowledgeDocuments;
import org.comity.node.knowledge.MeasuredTimes;
import org.comity.node.knowledge.ProcessingTime;
import org.comity.node.knowledge.ShownTime;
import org.comity.node.knowledge.ProfileFile;
import org.comity.node.knowledge.ProfileVersion;
import org.comity.node.knowledge.Reason;
import org.comity.node.knowledge.SearchLanguage;
import org.comity.node.knowledge.SearchQuery;
import org.comity.node.knowledge.SearchResult;
import org.comity.node.knowledge.Situation;
import org.comity.node.knowledge.Topic;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.DataCategory;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.comity.node.web.FieldErrors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The knowledge base's pages: search of the repository (/knowledge), a document, the channel advisor
 * (/knowledge/advisor), country profiles and their history (/knowledge/profiles), and the
 * administrator's editor and imports (/admin/knowledge/...).
 */
@Controller
class KnowledgePages {

    private final KnowledgeDocuments documents;
    private final CountryProfiles profiles;
    private final ChannelAdvisor advisor;
    private final Directory directory;
    private final MessageSource messages;
    private final MeasuredTimes measured;
    private final Instruments instruments;

    KnowledgePages(KnowledgeDocuments documents, CountryProfiles profiles, ChannelAdvisor advisor, Directory directory, MessageSource messages,
            MeasuredTimes measured, Instruments instruments) {
        this.documents = documents;
        this.profiles = profiles;
        this.measured = measured;
        this.instruments = instruments;
        this.advisor = advisor;
        this.directory = directory;
        this.messages = messages;
    }

    /** A time this node measured for requests to a state: under which instrument, how long, over how many. */
    record MeasuredRow(String instrument, ShownTime time, long requests) {}

    /** A facet value as a link that adds it to the filters or takes it away. */
    record FacetLink(String value, long count, boolean selected, String href) {}

    @GetMapping("/knowledge")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String lang,
            @RequestParam(required = false) Set<String> country, @RequestParam(required = false) Set<Topic> topic,
            @RequestParam(required = false) Set<DocumentType> type, @RequestParam(required = false) Set<String> language,
            @RequestParam(defaultValue = "0") int offset, Locale locale, Model model) {
        String queryLanguage = lang != null && !lang.isBlank() ? lang : SearchLanguage.of(locale.getLanguage()).map(SearchLanguage::code).orElse(null);
        int from = Math.clamp(offset, 0, LuceneKnowledgeIndex.MAX_WINDOW - 10);
        SearchQuery query = new SearchQuery(q, queryLanguage, country, topic, type, language, from, 10);
        SearchResult result = documents.search(query);
        Map<String, Set<String>> selected = new LinkedHashMap<>();
        selected.put("country", query.countries());
        selected.put("topic", names(query.topics()));
        selected.put("type", names(query.types()));
        selected.put("language", query.languages());
        Map<String, List<FacetLink>> facets = new LinkedHashMap<>();
        result.facets().forEach((dim, counts) -> {
            List<FacetLink> links = new ArrayList<>();
            for (SearchResult.FacetCount c : counts) {
                Set<String> values = new LinkedHashSet<>(selected.get(dim));
                boolean on = !values.add(c.value());
                if (on) {
                    values.remove(c.value());
                }
                Map<String, Set<String>> next = new LinkedHashMap<>(selected);
                next.put(dim, values);
                links.add(new FacetLink(c.value(), c.count(), on, href(q, lang, next, 0)));
            }
            facets.put(dim, links);
        });
        model.addAttribute("q", q);
        model.addAttribute("lang", lang);
        model.addAttribute("result", result);
        model.addAttribute("facets", facets);
        model.addAttribute("offset", from);
        model.addAttribute("previous", from > 0 ? href(q, lang, selected, Math.max(0, from - 10)) : null);
        model.addAttribute("next", from + 10 < Math.min(result.total(), LuceneKnowledgeIndex.MAX_WINDOW) ? href(q, lang, selected, from + 10) : null);
        model.addAttribute("languages", SearchLanguage.values());
        model.addAttribute("count", documents.count());
        return "knowledge/search";
    }

    private static String href(String q, String lang, Map<String, Set<String>> filters, int offset) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/knowledge");
        if (q != null && !q.isBlank()) {
            b.queryParam("q", q);
        }
        if (lang != null && !lang.isBlank()) {
            b.queryParam("lang", lang);
        }
        filters.forEach((dim, values) -> values.forEach(v -> b.queryParam(dim, v)));
        if (offset > 0) {
            b.queryParam("offset", offset);
        }
        return b.encode().build().toUriString();
    }

    private static Set<String> names(Set<? extends Enum<?>> values) {
        Set<String> out = new LinkedHashSet<>();
        values.forEach(v -> out.add(v.name()));
        return out;
    }

    @GetMapping("/knowledge/documents/{id}")
    String document(@PathVariable java.util.UUID id, Model model) {
        model.addAttribute("document", documents.find(id).orElseThrow(() -> ComityException.notFound("Document")));
        return "knowledge/document";
    }

    @PostMapping("/admin/knowledge/documents/import")
    String importDocuments(@AuthenticationPrincipal Actor actor, @RequestParam("file") MultipartFile file, Locale locale, RedirectAttributes flash) {
        try (InputStream in = file.getInputStream()) {
            int n = documents.importLines(actor, in);
            flash.addFlashAttribute("importedCount", n);
            flash.addFlashAttribute("notice", "knowledge.documents.imported");
        } catch (ComityException e) {
            flash.addFlashAttribute("importErrors", describe(e, locale));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "redirect:/knowledge";
    }

    // The channel advisor.

    @GetMapping("/knowledge/advisor")
    String advisor(@RequestParam(required = false) String requestingState, @RequestParam(required = false) String requestedState,
            @RequestParam(required = false) HolderKind holder, @RequestParam(required = false) String holderName,
            @RequestParam(required = false) Set<DataCategory> categories, @RequestParam(required = false) String identifiers,
            @RequestParam(defaultValue = "false") boolean riskToLife, @RequestParam(defaultValue = "false") boolean riskOfLoss,
            @AuthenticationPrincipal Actor actor, Locale locale, Model model) {
        boolean asked = requestedState != null;
        String from = requestingState != null ? requestingState : actor.stateCode();
        Situation situation = new Situation(from, requestedState, holder == null && !asked ? HolderKind.SERVICE_PROVIDER : holder,
                blankToNull(holderName), categories == null ? (asked ? Set.of() : EnumSet.of(DataCategory.SUBSCRIBER)) : categories,
                identifiers == null ? List.of() : identifiers.lines().map(String::strip).filter(s -> !s.isEmpty()).toList(), riskToLife, riskOfLoss);
        model.addAttribute("situation", situation);
        model.addAttribute("identifiersText", identifiers == null ? "" : identifiers);
        model.addAttribute("states", states());
        model.addAttribute("holders", HolderKind.values());
        model.addAttribute("allCategories", DataCategory.values());
        if (asked) {
            try {
                List<ChannelOption> options = advisor.advise(situation, actor);
                model.addAttribute("options", options);
                model.addAttribute("texts", texts(options, locale));
            } catch (ComityException e) {
                model.addAttribute("advisorErrors", describe(e, locale));
            }
        }
        return "knowledge/advisor";
    }

    /** The translated sentence of every reason of the options, by identity, for the template. */
    private Map<Reason, String> texts(List<ChannelOption> options, Locale locale) {
        Map<Reason, String> out = new java.util.IdentityHashMap<>();
        for (ChannelOption o : options) {
            for (Reason r : o.reasons()) {
                out.put(r, messages.getMessage(r.key(), r.args().toArray(), r.text(), locale));
            }
            for (Reason r : o.cannotObtain()) {
                out.put(r, messages.getMessage(r.key(), r.args().toArray(), r.text(), locale));
            }
        }
        return out;
    }

    /** The states to choose from: those of the directory and those with a profile. */
    private Map<String, String> states() {
        Map<String, String> out = new TreeMap<>();
        for (State s : directory.states()) {
            out.put(s.code(), s.name());
        }
        for (ProfileVersion v : profiles.all()) {
            out.putIfAbsent(v.stateCode(), v.profile().stateName());
        }
        return out;
    }

    // Country profiles.

    @GetMapping("/knowledge/profiles")
    String profiles(Model model) {
        model.addAttribute("profiles", profiles.all());
        model.addAttribute("states", states());
        return "knowledge/profiles";
    }

    @GetMapping("/knowledge/profiles/{state}")
    String profile(@AuthenticationPrincipal Actor actor, @PathVariable String state, Model model) {
        ProfileVersion current = profiles.current(state).orElseThrow(() -> ComityException.notFound("Country profile"));
        model.addAttribute("current", current);
        model.addAttribute("p", current.profile());
        model.addAttribute("history", profiles.history(state));
        model.addAttribute("authorities", authorityNames(current.profile()));
        // Only the reader's own state's figures: what its requests to this state took.
        model.addAttribute("measured", measured.toExecution(actor.stateCode(), state).stream()
                .map(m -> new MeasuredRow(instruments.find(m.instrument()).map(Instrument::citation).orElse(m.instrument()),
                        ShownTime.of(m.median()), m.requests()))
                .toList());
        return "knowledge/profile";
    }

    @GetMapping("/knowledge/profiles/export")
    ResponseEntity<byte[]> export() {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"country-profiles.json\"")
                .contentType(MediaType.APPLICATION_JSON).body(profiles.exportFile());
    }

    /** The state chooser of the profiles page. */
    @GetMapping("/admin/knowledge/profiles")
    String chooseToEdit(@RequestParam String state) {
        return "redirect:/admin/knowledge/profiles/" + (state.matches("[A-Z]{2}") ? state : "XX");
    }

    /** The profile editor: a form of the profile's fields. */
    @GetMapping("/admin/knowledge/profiles/{state}")
    String edit(@PathVariable String state, Model model) {
        var current = profiles.current(checkedState(state));
        return form(state, ProfileForm.values(current.map(ProfileVersion::profile).orElseGet(() -> blankProfile(state))),
                current.map(ProfileVersion::version).orElse(0), FieldErrors.none(), null, model);
    }

    /**
     * Saves the form as a new version, or shows it again with what is wrong, each problem beside its
     * input; "Add" (a button named {@code add}) shows it again with one more row in that list.
     */
    @PostMapping("/admin/knowledge/profiles/{state}")
    String saveForm(@AuthenticationPrincipal Actor actor, @PathVariable String state, @RequestParam MultiValueMap<String, String> form,
            Locale locale, Model model, RedirectAttributes flash) {
        checkedState(state);
        MultiValueMap<String, String> values = ProfileForm.normalise(form);
        values.remove("_csrf");
        int version = version(values.getFirst("version"));
        String add = values.getFirst("add");
        if (add != null) {
            values.remove("add");
            if (ProfileForm.LISTS.contains(add)) {
                values.set(add + ".rows", String.valueOf(ProfileForm.rows(values, add) + 1));
            }
            return form(state, values, version, FieldErrors.none(), null, model);
        }
        ProfileForm.Parsed parsed = ProfileForm.read(state, values);
        if (!parsed.problems().isEmpty()) {
            // What could not be read, named as the form names it; the profile's own checks come once it reads.
            return form(state, values, version, FieldErrors.of(parsed.problems(), messages, locale), null, model);
        }
        try {
            profiles.save(actor, parsed.profile(), version, values.getFirst("note"));
            flash.addFlashAttribute("notice", "knowledge.profile.saved");
            return "redirect:/knowledge/profiles/" + state;
        } catch (ComityException e) {
            if (e.fieldProblems().isEmpty()) {
                return form(state, values, version, FieldErrors.none(), e.getMessage(), model);
            }
            // The checks speak of the profile's rows; the form's rows may differ (blank and removed ones).
            return form(state, values, version, FieldErrors.of(e.fieldProblems().stream().map(parsed::onForm).toList(), messages, locale), null, model);
        }
    }

    private String form(String state, MultiValueMap<String, String> values, int version, FieldErrors errors, String formError, Model model) {
        model.addAttribute("state", state);
        model.addAttribute("v", values);
        model.addAttribute("version", version);
        model.addAttribute("errors", errors);
        model.addAttribute("formError", formError);
        Map<String, Integer> rows = new LinkedHashMap<>();
        ProfileForm.LISTS.forEach(l -> rows.put(l, ProfileForm.rows(values, l)));
        model.addAttribute("rows", rows);
        model.addAttribute("treaties", org.comity.node.knowledge.Treaty.values());
        model.addAttribute("effects", org.comity.node.knowledge.Reservation.Effect.values());
        model.addAttribute("holders", HolderKind.values());
        model.addAttribute("channels", org.comity.node.knowledge.ChannelKind.values());
        model.addAttribute("sources", ProcessingTime.Source.values());
        model.addAttribute("centralAuthorities", authoritiesOf(state, AuthorityKind.CENTRAL_AUTHORITY));
        model.addAttribute("pointsOfContact", authoritiesOf(state, AuthorityKind.POINT_OF_CONTACT));
        model.addAttribute("providerEntries", authoritiesOf(state, AuthorityKind.SERVICE_PROVIDER));
        return "knowledge/profile-form";
    }

    private List<Authority> authoritiesOf(String state, AuthorityKind kind) {
        return directory.authorities().stream().filter(a -> a.stateCode().equals(state) && a.kind() == kind).toList();
    }

    /** The same profile as JSON, in the import format, for whoever prefers to paste or edit a whole document. */
    @GetMapping("/admin/knowledge/profiles/{state}/json")
    String editJson(@PathVariable String state, Model model) {
        var current = profiles.current(checkedState(state));
        CountryProfile p = current.map(ProfileVersion::profile).orElseGet(() -> blankProfile(state));
        return editor(state, ProfileFile.write(p), current.map(ProfileVersion::version).orElse(0), null, List.of(), model);
    }

    @PostMapping("/admin/knowledge/profiles/{state}/json")
    String save(@AuthenticationPrincipal Actor actor, @PathVariable String state, @RequestParam String json, @RequestParam int version,
            @RequestParam(required = false) String note, Locale locale, Model model, RedirectAttributes flash) {
        checkedState(state);
        try {
            CountryProfile p = ProfileFile.readBody(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), CountryProfile.class);
            if (!state.equals(p.stateCode())) {
                throw ComityException.invalid("The profile is of another state.",
                        List.of(FieldProblem.of("stateCode", "other-state", "This page edits the profile of {0}.", state)));
            }
            profiles.save(actor, p, version, note);
            flash.addFlashAttribute("notice", "knowledge.profile.saved");
            return "redirect:/knowledge/profiles/" + state;
        } catch (ComityException e) {
            return editor(state, json, version, note, describe(e, locale), model);
        }
    }

    private static String checkedState(String state) {
        if (!state.matches("[A-Z]{2}")) {
            throw ComityException.notFound("Country profile");
        }
        return state;
    }

    private CountryProfile blankProfile(String state) {
        return new CountryProfile(state, directory.state(state).map(State::name).orElse(state), false, List.of(), List.of(), null, null, List.of("en"),
                null, null, List.of(), List.of(), null);
    }

    private static int version(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ComityException.invalid("The form is incomplete; reload the page.", List.of());
        }
    }

    private String editor(String state, String json, int version, String note, List<String> errors, Model model) {
        model.addAttribute("state", state);
        model.addAttribute("json", json);
        model.addAttribute("version", version);
        model.addAttribute("note", note);
        model.addAttribute("errors", errors);
        return "knowledge/profile-edit";
    }

    @PostMapping("/admin/knowledge/profiles/import")
    String importProfiles(@AuthenticationPrincipal Actor actor, @RequestParam("file") MultipartFile file, Locale locale, RedirectAttributes flash) {
        try {
            int n = profiles.importFile(actor, file.getBytes(), "import of " + file.getOriginalFilename()).size();
            flash.addFlashAttribute("importedCount", n);
            flash.addFlashAttribute("notice", "knowledge.profiles.imported");
        } catch (ComityException e) {
            flash.addFlashAttribute("importErrors", describe(e, locale));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "redirect:/knowledge/profiles";
    }

    private Map<java.util.UUID, String> authorityNames(CountryProfile p) {
        Map<java.util.UUID, String> out = new java.util.HashMap<>();
        for (java.util.UUID id : new java.util.UUID[] {p.centralAuthority(), p.pointOfContact()}) {
            if (id != null) {
                directory.authority(id).map(Authority::name).ifPresent(n -> out.put(id, n));
            }
        }
        p.providers().stream().filter(c -> c.authority() != null)
                .forEach(c -> directory.authority(c.authority()).map(Authority::name).ifPresent(n -> out.put(c.authority(), n)));
        return out;
    }

    /** A refusal as lines a person can act on: the message, then each field with its problem. */
    private List<String> describe(ComityException e, Locale locale) {
        List<String> out = new ArrayList<>();
        out.add(e.getMessage());
        for (FieldProblem p : e.fieldProblems()) {
            String text = new java.text.MessageFormat(p.message().replace("'", "''"), locale).format(p.args().toArray());
            out.add(p.field() + ": " + messages.getMessage("field." + p.code(), p.args().toArray(), text, locale));
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
