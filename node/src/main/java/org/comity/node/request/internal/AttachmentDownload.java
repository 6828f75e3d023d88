package org.comity.node.request.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.comity.node.request.Requests;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An attachment as the API and the pages send it: always a download, never rendered (uploaded bytes
 * are not trusted as pages), with its SHA-256 so the receiver can check what arrived.
 */
final class AttachmentDownload {

    private AttachmentDownload() {}

    static ResponseEntity<InputStreamResource> of(Requests.AttachmentContent content) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(content.info().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Digest", "sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(content.info().sha256())))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(content.info().size())
                .body(new InputStreamResource(content.content()));
    }
}
