package org.comity.node.writer.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.comity.node.platform.Actor;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.RequestDocument;
import org.comity.node.web.ETags;
import org.comity.node.writer.DraftStart;
import org.comity.node.writer.PdfLanguages;
import org.comity.node.writer.RequestWriter;
import org.comity.node.writer.Translation;
import org.comity.node.writer.WriterDraft;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/writer/drafts}: the Request Writer for national case systems. A draft is a request
 * (same id); its content can also be changed through {@code /api/v1/requests/{id}}.
 */
@RestController
@RequestMapping(path = "/api/v1/writer", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Request Writer", description = "Guided drafts: completeness, translation, sign-off, PDF, sending")
class WriterApi {

    private final RequestWriter writer;

    WriterApi(RequestWriter writer) {
        this.writer = writer;
    }

    @PostMapping(path = "/drafts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start a draft under an instrument, addressed to an authority, with the language of its translation")
    ResponseEntity<WriterResource> start(@AuthenticationPrincipal Actor actor, @RequestBody DraftStart start) {
        WriterDraft d = writer.start(actor, start);
        return ResponseEntity.created(URI.create("/api/v1/writer/drafts/" + d.request().summary().id())).eTag(etag(d)).body(WriterResource.of(d));
    }

    @GetMapping("/drafts/{id}")
    @Operation(summary = "A draft with its translation, sign-off, requirements and what is missing")
    ResponseEntity<WriterResource> get(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        WriterDraft d = writer.get(actor, id);
        return ResponseEntity.ok().eTag(etag(d)).body(WriterResource.of(d));
    }

    @PutMapping(path = "/drafts/{id}/document", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the draft's content (If-Match required)")
    ResponseEntity<WriterResource> save(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch, @RequestBody RequestDocument document) {
        WriterDraft d = writer.save(actor, id, ETags.version(ifMatch), document);
        return ResponseEntity.ok().eTag(etag(d)).body(WriterResource.of(d));
    }

    @PutMapping(path = "/drafts/{id}/translation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the translation: its language and the translated text of each field path")
    ResponseEntity<WriterResource> translate(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestBody Translation translation) {
        WriterDraft d = writer.translate(actor, id, translation);
        return ResponseEntity.ok().eTag(etag(d)).body(WriterResource.of(d));
    }

    @GetMapping("/drafts/{id}/completeness")
    @Operation(summary = "Whether the draft could be signed off and sent, and exactly what is missing")
    Completeness completeness(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        WriterDraft d = writer.get(actor, id);
        return new Completeness(d.complete(), d.signedOff(), d.sendable(), d.missing());
    }

    /** @param sendable complete and signed off as it is */
    record Completeness(boolean complete, boolean signedOff, boolean sendable, List<FieldProblem> missing) {}

    @PostMapping("/drafts/{id}/sign-off")
    @Operation(summary = "Sign the content off as it stands, for the issuing authority (recorded and audited)")
    ResponseEntity<WriterResource> signOff(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        WriterDraft d = writer.signOff(actor, id);
        return ResponseEntity.ok().eTag(etag(d)).body(WriterResource.of(d));
    }

    @PostMapping("/drafts/{id}/send")
    @Operation(summary = "Attach the signed-off PDFs and submit the request through the exchange")
    ResponseEntity<WriterResource> send(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        WriterDraft d = writer.send(actor, id);
        return ResponseEntity.ok().eTag(etag(d)).body(WriterResource.of(d));
    }

    @GetMapping(path = "/drafts/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The request as a PDF: ORIGINAL, TRANSLATION or BOTH (audited)")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
            @RequestParam(defaultValue = "ORIGINAL") PdfLanguages languages) {
        byte[] pdf = writer.pdf(actor, id, languages);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("request-" + id + "-" + languages.name().toLowerCase(java.util.Locale.ROOT) + ".pdf").build().toString())
                .body(pdf);
    }

    static String etag(WriterDraft d) {
        return ETags.of(d.request().summary().version());
    }
}
