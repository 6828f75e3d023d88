package org.comity.node.writer.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Ids;
import org.comity.node.platform.Role;
import org.comity.node.request.Action;
import org.comity.node.request.CommandInput;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.comity.node.request.RequestDetail;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.Requests;
import org.comity.node.writer.DraftStart;
import org.comity.node.writer.PdfLanguages;
import org.comity.node.writer.RequestPdf;
import org.comity.node.writer.RequestWriter;
import org.comity.node.writer.Requirements;
import org.comity.node.writer.RequirementsSource;
import org.comity.node.writer.Sheet;
import org.comity.node.writer.SignOff;
import org.comity.node.writer.Translation;
import org.comity.node.writer.WriterDraft;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The writer over the request service: each method loads the request through {@link Requests}
 * (which decides who sees and changes it, and audits), then does the writer's part and records
 * its own audit event, in the same transaction.
 */
@Service
class WriterService implements RequestWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Who may sign a request off for the issuing authority: the officials who may draft and send it. */
    private static final List<Role> SIGNERS = List.of(Role.JUDICIAL_AUTHORITY, Role.CENTRAL_AUTHORITY, Role.POINT_OF_CONTACT);

    private final Requests requests;
    private final Instruments instruments;
    private final Directory directory;
    private final WriterStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private final Sheets sheets;
    private final ObjectProvider<RequirementsSource> requirements;
    private final RequirementsSource fallback = new InstrumentRequirements();

    WriterService(Requests requests, Instruments instruments, Directory directory, WriterStore store, AuditTrail audit, Clock clock,
            MessageSource messages, ObjectProvider<RequirementsSource> requirements) {
        this.requests = requests;
        this.instruments = instruments;
        this.directory = directory;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.sheets = new Sheets(messages);
        this.requirements = requirements;
    }

    @Override
    @Transactional
    public WriterDraft start(Actor actor, DraftStart start) {
        if (start == null) {
            throw ComityException.badRequest("Say which instrument the request is drafted under.");
        }
        Translation t = new Translation(blankToNull(start.translationLanguage()), Map.of());
        List<FieldProblem> problems = new ArrayList<>(t.check());
        if (start.instrument() == null || instruments.find(start.instrument()).isEmpty()) {
            problems.add(FieldProblem.of("instrument", "required", "Choose the instrument the request is made under."));
        }
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The draft cannot start like this.", problems);
        }
        RequestDocument document = new RequestDocument(start.instrument(), null, start.requestedAuthority(), start.urgency(), null, start.title(),
                null, blankToNull(start.language()), List.of(), List.of(), null, null, List.of(), List.of(), List.of(), null, null, null, null, null,
                null, null);
        RequestDetail created = requests.create(actor, document);
        UUID id = created.summary().id();
        store.insert(id, t.language(), actor.userId(), clock.instant());
        audit.success(actor, "writer.start", "request", id, Map.of("instrument", start.instrument()));
        return view(created);
    }

    @Override
    @Transactional
    public WriterDraft get(Actor actor, UUID requestId) {
        return view(requests.get(actor, requestId));
    }

    @Override
    @Transactional
    public WriterDraft save(Actor actor, UUID requestId, int expectedVersion, RequestDocument document) {
        return view(requests.edit(actor, requestId, expectedVersion, document));
    }

    @Override
    @Transactional
    public WriterDraft translate(Actor actor, UUID requestId, Translation translation) {
        RequestDetail detail = requests.get(actor, requestId);
        requireDraft(detail);
        Translation t = translation == null ? Translation.NONE : translation;
        List<FieldProblem> problems = t.check();
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The translation cannot be saved like this.", problems);
        }
        store.saveTranslation(requestId, t, actor.userId(), clock.instant());
        audit.success(actor, "writer.translate", "request", requestId, Map.of("language", String.valueOf(t.language()), "fields", t.texts().size()));
        return view(detail);
    }

    @Override
    @Transactional
    public WriterDraft signOff(Actor actor, UUID requestId) {
        RequestDetail detail = requests.get(actor, requestId);
        if (!detail.summary().requestingAuthority().equals(actor.authorityId()) || SIGNERS.stream().noneMatch(actor::has)) {
            audit.record(actor, "writer.sign-off", "request", requestId.toString(), AuditTrail.Outcome.DENIED, Map.of());
            throw ComityException.forbidden("Only an official of the requesting authority may sign the request off.");
        }
        requireDraft(detail);
        WriterDraft draft = view(detail);
        if (!draft.complete()) {
            throw ComityException.invalid("The request is not complete; it cannot be signed off yet.", draft.missing());
        }
        SignOff signOff = new SignOff(Ids.newId(clock), requestId, detail.summary().version(), digest(detail.document()), actor.userId(),
                actor.displayName(), actor.authorityName(), clock.instant());
        store.insertSignOff(signOff);
        audit.success(actor, "writer.sign-off", "request", requestId,
                Map.of("version", signOff.requestVersion(), "sha256", signOff.documentSha256()));
        return view(detail);
    }

    @Override
    @Transactional
    public WriterDraft send(Actor actor, UUID requestId) {
        RequestDetail detail = requests.get(actor, requestId);
        requireDraft(detail);
        WriterDraft draft = view(detail);
        if (!draft.complete()) {
            throw ComityException.invalid("The request is not complete; it cannot be sent.", draft.missing());
        }
        if (!draft.signedOff()) {
            throw ComityException.conflict("not-signed-off", draft.signOff().isPresent()
                    ? "The request changed after it was signed off; it must be signed off again before it is sent."
                    : "The request must be signed off by the issuing authority before it is sent.");
        }
        // The signed-off PDFs travel with the request as its attachments.
        for (PdfLanguages which : draft.translation().language() == null ? List.of(PdfLanguages.ORIGINAL)
                : List.of(PdfLanguages.ORIGINAL, PdfLanguages.TRANSLATION)) {
            byte[] pdf = render(draft, which);
            String language = which == PdfLanguages.ORIGINAL ? detail.document().language() : draft.translation().language();
            try {
                requests.attach(actor, requestId, null, detail.summary().reference() + "-" + language + ".pdf", "application/pdf",
                        new ByteArrayInputStream(pdf));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        RequestDetail sent = requests.act(actor, requestId, null, Action.SUBMIT, CommandInput.EMPTY);
        audit.success(actor, "writer.send", "request", requestId, Map.of("sha256", draft.signOff().orElseThrow().documentSha256()));
        return view(sent);
    }

    @Override
    @Transactional
    public byte[] pdf(Actor actor, UUID requestId, PdfLanguages languages) {
        WriterDraft draft = view(requests.get(actor, requestId));
        if (languages != PdfLanguages.ORIGINAL && draft.translation().language() == null) {
            throw ComityException.invalid("The request has no translation to print.",
                    List.of(FieldProblem.of("translation.language", "required", "Choose the language of the translation first.")));
        }
        byte[] pdf = render(draft, languages);
        audit.success(actor, "writer.pdf", "request", requestId, Map.of("languages", languages.name(), "signedOff", draft.signedOff()));
        return pdf;
    }

    private byte[] render(WriterDraft draft, PdfLanguages languages) {
        RequestDetail detail = draft.request();
        String digest = digest(detail.document());
        List<Sheet> out = new ArrayList<>();
        if (languages != PdfLanguages.TRANSLATION) {
            out.add(sheets.of(detail, null, draft.signOff(), draft.signedOff(), digest));
        }
        if (languages != PdfLanguages.ORIGINAL) {
            out.add(sheets.of(detail, draft.translation(), draft.signOff(), draft.signedOff(), digest));
        }
        try {
            return RequestPdf.bundled().render(out);
        } catch (RequestPdf.UnprintableText e) {
            throw ComityException.invalid("Some characters cannot be printed in the PDF: " + RequestPdf.UnprintableText.describe(e.codePoints())
                    + ". Replace them and try again.", List.of(FieldProblem.of("pdf", "unprintable", "The PDF's fonts cannot print {0}.",
                    RequestPdf.UnprintableText.describe(e.codePoints()))));
        }
    }

    private WriterDraft view(RequestDetail detail) {
        UUID id = detail.summary().id();
        Translation translation = store.translation(id).orElse(Translation.NONE);
        Optional<SignOff> signOff = store.latestSignOff(id);
        boolean signedOff = signOff.map(s -> s.documentSha256().equals(digest(detail.document()))).orElse(false);
        List<FieldProblem> missing = new ArrayList<>();
        Instrument instrument = detail.instrument();
        missing.addAll(org.comity.node.request.RequestValidator.check(detail.document()));
        missing.addAll(org.comity.node.request.Completeness.check(detail.document(), instrument));
        missing.addAll(translation.missingFrom(detail.document()));
        Authority requested = detail.summary().requestedAuthority() == null ? null
                : directory.authority(detail.summary().requestedAuthority()).orElse(null);
        Requirements req = requirements.getIfAvailable(() -> fallback).of(requested, instrument);
        return new WriterDraft(detail, translation, signOff, signedOff, missing, req);
    }

    private static void requireDraft(RequestDetail detail) {
        if (!detail.actions().contains(Action.EDIT)) {
            throw ComityException.conflict("transition-refused", "Only a draft can be changed, signed off or sent from the writer.");
        }
    }

    static String digest(RequestDocument document) {
        try {
            byte[] json = JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
