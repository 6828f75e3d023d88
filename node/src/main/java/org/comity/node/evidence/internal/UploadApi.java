package org.comity.node.evidence.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Resumable evidence uploads over the tus 1.0.0 protocol with its creation, creation-with-upload,
 * checksum, termination and expiration extensions. The same endpoint answers API clients at
 * {@code /api/v1/uploads} (bearer token; creating, appending and terminating need the WRITE scope)
 * and the browser at {@code /uploads} (the signed-in session, with the CSRF token in the
 * {@code X-CSRF-TOKEN} header). Bodies are streamed, never held in memory. Every refusal is an RFC
 * 9457 problem; {@link TusProtocolFilter} adds {@code Tus-Resumable} to every answer.
 */
@RestController
@RequestMapping({"/api/v1/uploads", "/uploads"})
@Tag(name = "Evidence uploads (tus 1.0)")
class UploadApi {

    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private final UploadService uploads;

    UploadApi(UploadService uploads) {
        this.uploads = uploads;
    }

    @RequestMapping(method = RequestMethod.OPTIONS)
    @Operation(summary = "What this tus server supports")
    ResponseEntity<Void> options() {
        return ResponseEntity.noContent()
                .header("Tus-Version", TusHeaders.VERSION)
                .header("Tus-Extension", TusHeaders.EXTENSIONS)
                .header("Tus-Max-Size", String.valueOf(uploads.maxSize()))
                .header("Tus-Checksum-Algorithm", TusHeaders.CHECKSUM_ALGORITHMS)
                .build();
    }

    @RequestMapping(path = "/{id}", method = RequestMethod.OPTIONS)
    ResponseEntity<Void> optionsOfOne() {
        return options();
    }

    @PostMapping
    @Operation(summary = "Create an upload (Upload-Length, Upload-Metadata); with an application/offset+octet-stream body, its first bytes")
    ResponseEntity<Void> create(@AuthenticationPrincipal Actor actor, HttpServletRequest request) throws IOException {
        TusHeaders.requireVersion(request.getHeader("Tus-Resumable"));
        long length = TusHeaders.length(request.getHeader("Upload-Length"));
        boolean withBytes = isOffsetOctetStream(request.getContentType());
        TusHeaders.Checksum checksum = withBytes ? TusHeaders.checksum(request.getHeader("Upload-Checksum")) : null;
        UploadRow upload = uploads.create(actor, length, request.getHeader("Upload-Metadata"));
        URI location = ServletUriComponentsBuilder.fromRequestUri(request).path("/{id}").buildAndExpand(upload.id()).toUri();
        ResponseEntity.BodyBuilder answer = ResponseEntity.created(location);
        if (length == 0) {
            uploads.itemOf(upload.id()).ifPresent(item -> answer.header("Comity-Evidence-Item", item.id().toString()));
            return answer.header("Upload-Offset", "0").build();
        }
        answer.header("Upload-Expires", HTTP_DATE.format(upload.expiresAt()));
        if (withBytes) {
            UploadService.Progress progress = uploads.append(actor, upload.id(), 0, checksum, request.getContentLengthLong(), request.getInputStream());
            answer.header("Upload-Offset", String.valueOf(progress.offset()));
            if (progress.itemId() != null) {
                answer.header("Comity-Evidence-Item", progress.itemId().toString());
            }
        }
        return answer.build();
    }

    @RequestMapping(path = "/{id}", method = RequestMethod.HEAD)
    @Operation(summary = "Where an upload stands: Upload-Offset and Upload-Length")
    ResponseEntity<Void> head(@AuthenticationPrincipal Actor actor, @PathVariable String id, HttpServletRequest request) {
        TusHeaders.requireVersion(request.getHeader("Tus-Resumable"));
        UploadRow upload = uploads.status(actor, uploadId(id));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .header("Upload-Offset", String.valueOf(upload.offset()))
                .header("Upload-Length", String.valueOf(upload.length()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (!upload.metadata().isEmpty()) {
            answer.header("Upload-Metadata", upload.metadata());
        }
        if (upload.receiving()) {
            answer.header("Upload-Expires", HTTP_DATE.format(upload.expiresAt()));
        } else {
            uploads.itemOf(upload.id()).ifPresent(item -> answer.header("Comity-Evidence-Item", item.id().toString()));
        }
        return answer.build();
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Append bytes at Upload-Offset (application/offset+octet-stream; Upload-Checksum optional)")
    ResponseEntity<Void> patch(@AuthenticationPrincipal Actor actor, @PathVariable String id, HttpServletRequest request) throws IOException {
        TusHeaders.requireVersion(request.getHeader("Tus-Resumable"));
        UUID upload = uploadId(id);
        if (!isOffsetOctetStream(request.getContentType())) {
            throw new ComityException(415, "unsupported-media-type", "Send the bytes as Content-Type: " + OFFSET_OCTET_STREAM + ".");
        }
        long offset = TusHeaders.offset(request.getHeader("Upload-Offset"));
        TusHeaders.Checksum checksum = TusHeaders.checksum(request.getHeader("Upload-Checksum"));
        UploadService.Progress progress = uploads.append(actor, upload, offset, checksum, request.getContentLengthLong(), request.getInputStream());
        ResponseEntity.HeadersBuilder<?> answer = ResponseEntity.noContent().header("Upload-Offset", String.valueOf(progress.offset()));
        if (progress.itemId() != null) {
            answer.header("Comity-Evidence-Item", progress.itemId().toString());
        } else if (progress.expiresAt() != null) {
            answer.header("Upload-Expires", HTTP_DATE.format(progress.expiresAt()));
        }
        return answer.build();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Terminate an unfinished upload and remove its partial data")
    ResponseEntity<Void> terminate(@AuthenticationPrincipal Actor actor, @PathVariable String id, HttpServletRequest request) throws IOException {
        TusHeaders.requireVersion(request.getHeader("Tus-Resumable"));
        uploads.terminate(actor, uploadId(id));
        return ResponseEntity.noContent().build();
    }

    /** Problem details on both paths (the browser's too: an upload script reads them), with tus's own 460 status. */
    @ExceptionHandler(ComityException.class)
    ResponseEntity<Map<String, Object>> refused(ComityException e, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + e.type());
        body.put("title", title(e.status()));
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        body.put("instance", request.getRequestURI());
        if (!e.fieldProblems().isEmpty()) {
            body.put("errors", e.fieldProblems().stream()
                    .map(p -> Map.of("field", p.field(), "code", p.code(), "message", withArgs(p.message(), p.args())))
                    .toList());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.status() == 412) {
            answer.header("Tus-Version", TusHeaders.VERSION);
        }
        return answer.body(body);
    }

    private static String title(int status) {
        if (status == 460) {
            return "Checksum Mismatch";
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** Field messages carry {0}-style placeholders; filled in plainly (no MessageFormat: user text may hold braces). */
    private static String withArgs(String message, List<String> args) {
        String out = message;
        for (int i = 0; i < args.size(); i++) {
            out = out.replace("{" + i + "}", args.get(i));
        }
        return out;
    }

    private static UUID uploadId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ComityException.notFound("Upload");
        }
    }

    private static boolean isOffsetOctetStream(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).strip().startsWith(OFFSET_OCTET_STREAM);
    }

    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }
}
