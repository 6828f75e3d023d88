package org.comity.node.request.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.request.Action;
import org.comity.node.request.AttachmentInfo;
import org.comity.node.request.CommandInput;
import org.comity.node.request.DeadlineAlert;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.comity.node.platform.Page;
import org.comity.node.request.RequestDetail;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestEvent;
import org.comity.node.request.RequestQuery;
import org.comity.node.request.RequestStatus;
import org.comity.node.request.RequestSummary;
import org.comity.node.request.Requests;
import org.comity.node.request.Urgency;
import org.comity.node.web.ETags;
import org.comity.node.web.Prefer;
import org.springframework.core.io.InputStreamResource;
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
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/requests}: everything the request pages do, for national case systems and scripts.
 * Versions travel as ETags: send the one you read as {@code If-Match} to change a draft, so that two
 * people editing at once get a conflict instead of a lost update.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Requests", description = "Requests for cooperation and their lifecycle")
class RequestApi {

    private final Requests requests;
    private final Instruments instruments;
    private final org.springframework.beans.factory.ObjectProvider<org.comity.node.request.NoticeLog> notices;

    RequestApi(Requests requests, Instruments instruments, org.springframework.beans.factory.ObjectProvider<org.comity.node.request.NoticeLog> notices) {
        this.requests = requests;
        this.instruments = instruments;
        this.notices = notices;
    }

    @GetMapping("/requests")
    @Operation(summary = "List the requests you may see, newest activity first, a page at a time")
    Page<RequestSummary> list(@AuthenticationPrincipal Actor actor,
            @Parameter(description = "INBOX, OUTBOX or ALL") @RequestParam(defaultValue = "ALL") RequestQuery.Box box,
            @RequestParam(required = false) Set<RequestStatus> status, @RequestParam(required = false) String instrument,
            @RequestParam(required = false) Urgency urgency, @RequestParam(required = false) String partner,
            @RequestParam(required = false) RequestSummary.DeadlineLevel deadline, @RequestParam(required = false) String q,
            @RequestParam(required = false) org.comity.node.request.RequestType type,
            @Parameter(description = "first month of submission, YYYY-MM (UTC)") @RequestParam(required = false) String submittedFrom,
            @Parameter(description = "last month of submission, YYYY-MM (UTC)") @RequestParam(required = false) String submittedTo,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > RequestQuery.MAX_SIZE) {
            throw ComityException.invalid("Paging is out of range.", List.of(
                    FieldProblem.of(page < 0 ? "page" : "size", "out-of-range", "page must be 0 or more; size between 1 and {0}.", RequestQuery.MAX_SIZE)));
        }
        if (q != null && q.length() > 200) {
            throw ComityException.invalid("The search text is too long.", List.of(FieldProblem.of("q", "too-long", "Use at most {0} characters.", 200)));
        }
        return requests.list(actor, new RequestQuery(box, status, instrument, urgency, partner, deadline, q, page, size, type,
                month("submittedFrom", submittedFrom), month("submittedTo", submittedTo)));
    }

    /** A month filter of the list; a 422 naming the parameter when it is not {@code YYYY-MM}. */
    static java.time.YearMonth month(String name, String value) {
        try {
            return RequestQuery.month(value);
        } catch (IllegalArgumentException e) {
            throw ComityException.invalid("The month is not valid.", List.of(FieldProblem.of(name, "invalid", "Use a month as YYYY-MM.")));
        }
    }

    @PostMapping(path = "/requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a draft for your authority, or with submit=true create and submit it in one step",
            description = "With submit=true the request is created and submitted in one transaction, as a case system that holds a "
                    + "complete request would: if the submission is refused (a field it needs is missing, say) the answer is the "
                    + "problem and nothing is created.")
    ResponseEntity<RequestResource> create(@AuthenticationPrincipal Actor actor, @RequestBody RequestDocument document,
            @Parameter(description = "true: submit the request at once (one transaction)") @RequestParam(defaultValue = "false") boolean submit,
            @Parameter(description = PREFER) @RequestHeader(name = "Prefer", required = false) String prefer) {
        RequestDetail detail = submit ? requests.createAndSubmit(actor, document) : requests.create(actor, document);
        return changed(ResponseEntity.created(URI.create("/api/v1/requests/" + detail.summary().id())), detail, prefer);
    }

    static final String PREFER = "return=minimal (RFC 7240): answer with the status, Location and ETag only, no body";

    /** The answer to a change: the request as it now stands, or without a body when the caller prefers {@code return=minimal}. */
    static ResponseEntity<RequestResource> changed(ResponseEntity.BodyBuilder answer, RequestDetail detail, String prefer) {
        answer.eTag(etag(detail));
        if (Prefer.returnMinimal(prefer)) {
            return answer.header(Prefer.APPLIED, Prefer.RETURN_MINIMAL).build();
        }
        return answer.body(RequestResource.of(detail));
    }

    @GetMapping("/requests/{id}")
    @Operation(summary = "Read one request: content, status, deadlines, what you may do next")
    ResponseEntity<RequestResource> get(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        RequestDetail detail = requests.get(actor, id);
        return ResponseEntity.ok().eTag(etag(detail)).body(RequestResource.of(detail));
    }

    @PutMapping(path = "/requests/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a draft's content (If-Match required)")
    ResponseEntity<RequestResource> edit(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch, @RequestBody RequestDocument document,
            @Parameter(description = PREFER) @RequestHeader(name = "Prefer", required = false) String prefer) {
        RequestDetail detail = requests.edit(actor, id, ETags.version(ifMatch), document);
        return changed(ResponseEntity.ok(), detail, prefer);
    }

    @PostMapping(path = "/requests/{id}/actions/{action}")
    @Operation(summary = "Take a lifecycle action: submit, acknowledge, start-review, assign, request-information, "
            + "provide-information, accept, refuse, postpone, resume, start-execution, execute-partially, execute, close, withdraw, "
            + "confirm-preservation, extend-preservation, release-preservation, link-follow-up, post-message")
    ResponseEntity<RequestResource> act(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @PathVariable String action,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) CommandInput input,
            @Parameter(description = PREFER) @RequestHeader(name = "Prefer", required = false) String prefer) {
        Action chosen;
        try {
            chosen = Action.fromSlug(action);
        } catch (IllegalArgumentException e) {
            throw ComityException.notFound("Action '" + action + "'");
        }
        RequestDetail detail = requests.act(actor, id, ifMatch == null ? null : ETags.version(ifMatch), chosen, input);
        return changed(ResponseEntity.ok(), detail, prefer);
    }

    @GetMapping("/requests/{id}/events")
    @Operation(summary = "The request's timeline: every event with actor, time and reason")
    List<RequestEvent> events(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return requests.get(actor, id).timeline();
    }

    @GetMapping("/requests/{id}/notifications")
    @Operation(summary = "The e-mails this node sent about the request (the 24/7 channel's announcement, reminder and escalation), "
            + "for its requested side; the requesting side's node tells its own people")
    List<org.comity.node.request.NoticeLog.Notice> notifications(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        RequestDetail detail = requests.get(actor, id);
        org.comity.node.request.NoticeLog log = notices.getIfAvailable();
        return log == null || !detail.sides().contains(org.comity.node.request.Side.REQUESTED) ? List.of() : log.forRequest(id);
    }

    @PostMapping(path = "/requests/check", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check a document against its instrument without saving it")
    CheckResult check(@AuthenticationPrincipal Actor actor, @RequestBody RequestDocument document) {
        List<FieldProblem> problems = requests.check(actor, document);
        return new CheckResult(problems.isEmpty(), problems);
    }

    /** @param complete whether the document could be submitted as it is */
    record CheckResult(boolean complete, List<FieldProblem> problems) {}

    @PostMapping(path = "/requests/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Attach a small file (at most 10 MB)")
    ResponseEntity<AttachmentInfo> attach(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @RequestParam("file") MultipartFile file)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            AttachmentInfo info = requests.attach(actor, id, ifMatch == null ? null : ETags.version(ifMatch), file.getOriginalFilename(),
                    file.getContentType(), in);
            return ResponseEntity.created(URI.create("/api/v1/requests/" + id + "/attachments/" + info.id())).body(info);
        }
    }

    @GetMapping(path = "/requests/{id}/attachments/{attachment}", produces = MediaType.ALL_VALUE)
    @Operation(summary = "Download an attachment (audited)")
    ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @PathVariable UUID attachment)
            throws IOException {
        return AttachmentDownload.of(requests.attachment(actor, id, attachment));
    }

    @GetMapping("/alerts")
    @Operation(summary = "Deadline alerts for your authority (or state, for a central authority)")
    List<DeadlineAlert> alerts(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500) {
            throw ComityException.invalid("limit is out of range.", List.of(FieldProblem.of("limit", "out-of-range", "Between 1 and 500.")));
        }
        return requests.alerts(actor, limit);
    }

    @GetMapping("/route")
    @Operation(summary = "The authority a request to this state under this instrument goes to (the instrument's channel decides)")
    org.comity.node.directory.Authority route(@RequestParam String state, @RequestParam String instrument,
            @RequestParam(required = false) org.comity.node.request.Urgency urgency) {
        return requests.route(state, instrument, urgency).orElseThrow(() -> ComityException.notFound("Route"));
    }

    @GetMapping("/alarms")
    @Operation(summary = "Requests of the 24/7 channel (urgent, or addressed to a 24/7 point of contact) delivered to your side "
            + "and not acknowledged in time: the channel's alarm")
    List<DeadlineAlert> alarms(@AuthenticationPrincipal Actor actor) {
        return requests.alarms(actor);
    }

    @GetMapping("/instruments")
    @Operation(summary = "The legal instruments this node knows, with their required fields, channels and deadlines")
    List<Instrument> instruments() {
        return instruments.all();
    }

    @GetMapping("/instruments/{id}")
    @Operation(summary = "One instrument")
    Instrument instrument(@PathVariable String id) {
        return instruments.find(id).orElseThrow(() -> ComityException.notFound("Instrument"));
    }

    static String etag(RequestDetail detail) {
        return ETags.of(detail.summary().version());
    }

}
