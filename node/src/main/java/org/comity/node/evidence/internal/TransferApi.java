package org.comity.node.evidence.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.comity.custody.envelope.Envelopes;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Evidence transfers: users send an item to the requesting side and follow it
 * ({@code /api/v1}); nodes offer items, fetch their chunks and report arrival
 * ({@code /federation/v1/evidence}, where the envelope or the signed chunk request is the
 * authentication).
 */
@RestController
@Tag(name = "Evidence")
class TransferApi {

    private static final MediaType JOSE = MediaType.parseMediaType("application/jose");
    private final EvidenceService evidence;
    private final TransferService transfers;
    private final TransferWorker worker;
    private final CourtPackages packages;

    TransferApi(EvidenceService evidence, TransferService transfers, TransferWorker worker, CourtPackages packages) {
        this.packages = packages;
        this.evidence = evidence;
        this.transfers = transfers;
        this.worker = worker;
    }

    @PostMapping("/api/v1/evidence/{id}/transfer")
    @Operation(summary = "Send an item of the requested side to the requesting authority (a custody event; to another node, a transfer)")
    TransferService.TransferView send(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        TransferService.TransferView sent = evidence.send(actor, id);
        worker.wake();
        return sent;
    }

    @PostMapping(path = "/api/v1/evidence/{id}/package", produces = "application/zip")
    @Operation(summary = "Export the item as an evidence package for court (comity verify checks it offline); an 'export' custody event. "
            + "bytes=included (default) or hash-only")
    ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> export(@AuthenticationPrincipal Actor actor,
            @PathVariable UUID id, @org.springframework.web.bind.annotation.RequestParam(defaultValue = "included") String bytes)
            throws IOException, InterruptedException {
        return packages.download(actor, id, bytes);
    }

    @PostMapping(path = "/api/v1/requests/{id}/evidence/package", produces = "application/zip")
    @Operation(summary = "Export every item of the request on your side (not disposed of) as one evidence package for court; an 'export' custody "
            + "event of each item. bytes=included (default) or hash-only")
    ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> exportRequest(@AuthenticationPrincipal Actor actor,
            @PathVariable UUID id, @org.springframework.web.bind.annotation.RequestParam(defaultValue = "included") String bytes)
            throws IOException, InterruptedException {
        return packages.downloadRequest(actor, id, bytes);
    }

    @GetMapping("/api/v1/requests/{id}/transfers")
    @Operation(summary = "The evidence transfers of a request on your side: sent or being received, and how far they are")
    List<TransferService.TransferView> ofRequest(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return evidence.transfers(actor, id);
    }

    @PostMapping(path = "/federation/v1/evidence/offers")
    ResponseEntity<String> offer(HttpServletRequest request) throws IOException {
        String receipt = transfers.receiveOffer(read(request));
        worker.wake();
        return ResponseEntity.ok().contentType(JOSE).body(receipt);
    }

    @GetMapping(path = "/federation/v1/evidence/transfers/{id}/chunks/{n}")
    ResponseEntity<byte[]> chunk(@PathVariable UUID id, @PathVariable long n, @RequestHeader(name = "Comity-Node", required = false) String signed)
            throws IOException {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(transfers.chunk(id, n, signed));
    }

    @PostMapping(path = "/federation/v1/evidence/received")
    ResponseEntity<String> received(HttpServletRequest request) throws IOException {
        return ResponseEntity.ok().contentType(JOSE).body(transfers.delivered(read(request)));
    }

    /** An envelope: printable ASCII, refused as soon as it grows past the largest one. */
    private static String read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > Envelopes.MAX_ENVELOPE_CHARS) {
            throw new ComityException(413, "too-large", "Envelopes are at most " + Envelopes.MAX_ENVELOPE_CHARS + " characters.");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(Envelopes.MAX_ENVELOPE_CHARS + 1);
        }
        if (body.length > Envelopes.MAX_ENVELOPE_CHARS) {
            throw new ComityException(413, "too-large", "Envelopes are at most " + Envelopes.MAX_ENVELOPE_CHARS + " characters.");
        }
        for (byte b : body) {
            if ((b < 0x21 || b > 0x7e) && b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                throw new ComityException(400, "malformed", "An envelope is a compact JWE: printable ASCII only.");
            }
        }
        return new String(body, StandardCharsets.US_ASCII).strip();
    }
}
