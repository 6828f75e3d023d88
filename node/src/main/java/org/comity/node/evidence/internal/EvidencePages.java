package org.comity.node.evidence.internal;

import java.io.IOException;
import java.util.List;

import java.util.UUID;
import org.comity.node.evidence.CustodyRecord;
import org.comity.node.evidence.EvidenceItem;
import org.comity.node.evidence.RequestLookup;
import org.comity.node.evidence.RequestSide;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The evidence of a request in the browser: its items on the user's sides, each with its chain of
 * custody, download (itself a custody event) and, on the requested side, sending; the transfers
 * with their progress; and the resumable upload (static/js/upload.js speaks tus to /uploads).
 */
@Controller
class EvidencePages {

    private final EvidenceService evidence;
    private final RequestLookup requests;
    private final TransferWorker worker;
    private final CourtPackages packages;

    EvidencePages(EvidenceService evidence, RequestLookup requests, TransferWorker worker, CourtPackages packages) {
        this.packages = packages;
        this.evidence = evidence;
        this.requests = requests;
        this.worker = worker;
    }

    /** One item with its chain, for the page. */
    record ItemView(EvidenceItem item, List<CustodyRecord> custody, boolean sendable) {

        /** The newest check of the item (on receipt, or asked for since): when, and whether it found it intact; null if never checked. */
        public LastCheck lastCheck() {
            for (CustodyRecord c : custody.reversed()) {
                if ("verify".equals(c.event().get("action"))) {
                    Object details = c.event().get("details");
                    boolean failed = details instanceof java.util.Map<?, ?> d && "failed".equals(d.get("result"));
                    return new LastCheck(java.time.Instant.parse((String) c.event().get("at")), !failed);
                }
            }
            return null;
        }
    }

    public record LastCheck(java.time.Instant at, boolean intact) {}

    @GetMapping("/requests/{id}/evidence")
    String page(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        RequestLookup.VisibleRequest request = requests.visible(actor, id).orElseThrow(() -> ComityException.notFound("Request"));
        List<TransferService.TransferView> transfers = evidence.transfers(actor, id);
        List<ItemView> items = evidence.list(actor, id).stream()
                .map(i -> new ItemView(i, evidence.custody(actor, i.id()), !i.disposed() && request.mayAct() && i.side() == RequestSide.REQUESTED
                        && transfers.stream().noneMatch(t -> i.id().equals(t.itemId()) && !t.status().equals("FAILED"))))
                .toList();
        model.addAttribute("request", request);
        model.addAttribute("items", items);
        model.addAttribute("transfers", transfers);
        model.addAttribute("canUpload", request.mayAct());
        model.addAttribute("canRetain", request.mayAct() && actor.handlesRequests());
        return "evidence/request";
    }

    @GetMapping("/evidence/{id}/download")
    ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) throws IOException {
        var content = evidence.open(actor, id, 0);
        EvidenceItem item = content.item();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).contentLength(item.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(item.fileName(),
                        java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("Content-Security-Policy", "sandbox")
                .body(new InputStreamResource(content.content()));
    }

    @PostMapping("/evidence/{id}/package")
    ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> export(@AuthenticationPrincipal Actor actor,
            @PathVariable UUID id, @org.springframework.web.bind.annotation.RequestParam(defaultValue = "included") String bytes)
            throws IOException, InterruptedException {
        return packages.download(actor, id, bytes);
    }

    @PostMapping("/requests/{id}/evidence/package")
    ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> exportRequest(@AuthenticationPrincipal Actor actor,
            @PathVariable UUID id, @RequestParam(defaultValue = "included") String bytes) throws IOException, InterruptedException {
        return packages.downloadRequest(actor, id, bytes);
    }

    @PostMapping("/evidence/{id}/dispose")
    String dispose(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String reason, RedirectAttributes flash) {
        return retention(actor, id, flash, "notice.evidence-disposed", () -> evidence.dispose(actor, id, reason));
    }

    @PostMapping("/evidence/{id}/hold")
    String hold(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String reason, RedirectAttributes flash) {
        return retention(actor, id, flash, "notice.evidence-held", () -> evidence.hold(actor, id, reason));
    }

    @PostMapping("/evidence/{id}/release")
    String release(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String reason, RedirectAttributes flash) {
        return retention(actor, id, flash, "notice.evidence-released", () -> evidence.release(actor, id, reason));
    }

    /** A retention action from the page: done, or refused with the reason shown above the items (a 404 stays a 404). */
    private String retention(Actor actor, UUID id, RedirectAttributes flash, String notice, java.util.function.Supplier<EvidenceItem> action) {
        EvidenceItem item = evidence.get(actor, id);
        try {
            action.get();
            flash.addFlashAttribute("notice", notice);
        } catch (ComityException refused) {
            if (refused.status() == 404) {
                throw refused;
            }
            flash.addFlashAttribute("refusal", refused.getMessage());
            flash.addFlashAttribute("refusedItem", id);
        }
        return "redirect:/requests/" + item.requestId() + "/evidence#item-" + id;
    }

    @PostMapping("/evidence/{id}/verify")
    String verify(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, RedirectAttributes flash) throws IOException {
        EvidenceItem item = evidence.get(actor, id);
        try {
            EvidenceService.Verification v = evidence.verify(actor, id);
            flash.addFlashAttribute("notice", v.intact() ? "notice.evidence-intact" : "notice.evidence-not-intact");
        } catch (ComityException refused) {
            if (refused.status() == 404) {
                throw refused;
            }
            flash.addFlashAttribute("refusal", refused.getMessage());
        }
        return "redirect:/requests/" + item.requestId() + "/evidence#item-" + id;
    }

    @PostMapping("/evidence/{id}/send")
    String send(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, RedirectAttributes flash) {
        EvidenceItem item = evidence.get(actor, id);
        evidence.send(actor, id);
        worker.wake();
        flash.addFlashAttribute("notice", "notice.evidence-sent");
        return "redirect:/requests/" + item.requestId() + "/evidence";
    }

}
