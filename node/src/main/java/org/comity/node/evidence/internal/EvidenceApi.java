package org.comity.node.evidence.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.comity.node.evidence.EvidenceItem;
import org.comity.node.evidence.EvidenceItems;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Items of evidence over the API: a request's items, one item's metadata, its bytes (audited; {@code Range: bytes=N-} resumes). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Evidence")
class EvidenceApi {

    private static final Pattern OPEN_RANGE = Pattern.compile("^bytes=(\\d{1,19})-$");
    private final EvidenceItems evidence;
    private final EvidenceService service;

    EvidenceApi(EvidenceItems evidence, EvidenceService service) {
        this.evidence = evidence;
        this.service = service;
    }

    @GetMapping("/requests/{id}/evidence")
    @Operation(summary = "The items of evidence of a request, on your side")
    List<EvidenceItem> list(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return evidence.list(actor, id);
    }

    @GetMapping("/evidence/{id}")
    @Operation(summary = "An item's metadata: size, SHA-256, file, acquisition")
    EvidenceItem get(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return evidence.get(actor, id);
    }

    @GetMapping("/evidence/{id}/custody")
    @Operation(summary = "An item's chain of custody on this node: each event and its place in the custody ledger")
    List<org.comity.node.evidence.CustodyRecord> custody(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return evidence.custody(actor, id);
    }

    /** Why an item is disposed of, held or released: the chain of custody and the audit trail keep it. */
    record Reason(String reason) {}

    @PostMapping("/evidence/{id}/disposal")
    @Operation(summary = "Dispose of an item: its last custody event on this node; its bytes leave the vault (409 while on legal hold)")
    EvidenceItem dispose(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestBody Reason body) {
        return evidence.dispose(actor, id, body.reason());
    }

    @PutMapping("/evidence/{id}/hold")
    @Operation(summary = "Put an item on legal hold: neither a person nor the retention period disposes of it")
    EvidenceItem hold(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestBody Reason body) {
        return evidence.hold(actor, id, body.reason());
    }

    @PostMapping("/evidence/{id}/hold/release")
    @Operation(summary = "Release an item's legal hold")
    EvidenceItem release(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestBody Reason body) {
        return evidence.release(actor, id, body.reason());
    }

    @PostMapping("/evidence/{id}/verification")
    @Operation(summary = "Check an item now: its bytes in the vault against its SHA-256, its chain against the ledger's proofs; a 'verify' custody event")
    Object verify(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) throws IOException {
        return service.verify(actor, id);
    }

    @GetMapping(path = "/evidence/{id}/content", produces = MediaType.ALL_VALUE)
    @Operation(summary = "An item's bytes (audited); 'Range: bytes=N-' continues an interrupted download")
    ResponseEntity<InputStreamResource> content(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) throws IOException {
        long from = 0;
        if (range != null) {
            Matcher m = OPEN_RANGE.matcher(range.strip());
            if (!m.matches()) {
                throw new ComityException(416, "range-not-satisfiable", "Only 'Range: bytes=<offset>-' is supported.");
            }
            from = Long.parseLong(m.group(1));
        }
        EvidenceItem item = evidence.get(actor, id);
        if (range != null && from >= item.size() && item.size() > 0) {
            throw new ComityException(416, "range-not-satisfiable", "This item has " + item.size() + " bytes; it cannot be read from byte " + from + ".");
        }
        EvidenceItems.EvidenceContent content = evidence.open(actor, id, from);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(range == null ? 200 : 206)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(item.size() - from)
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header("Digest", "sha-256=" + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(item.sha256())))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(item.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                        .build().toString());
        if (range != null) {
            answer.header(HttpHeaders.CONTENT_RANGE, "bytes " + from + "-" + (item.size() - 1) + "/" + item.size());
        }
        return answer.body(new InputStreamResource(content.content()));
    }
}
