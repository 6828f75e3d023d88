package org.comity.node.directory.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityDraft;
import org.comity.node.directory.Directory;
import org.comity.node.directory.NodeEntry;
import org.comity.node.directory.State;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.web.ETags;
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
import org.springframework.web.bind.annotation.RestController;

/** The directory: readable by every user of the API; changed by administrators. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Directory", description = "States, nodes and authorities")
class DirectoryApi {

    private final Directory directory;

    DirectoryApi(Directory directory) {
        this.directory = directory;
    }

    @GetMapping("/directory/authorities")
    @Operation(summary = "Every authority this node knows")
    List<Authority> authorities() {
        return directory.authorities();
    }

    @GetMapping("/directory/authorities/{id}/backups")
    @Operation(summary = "The backup contacts of an authority (a 24/7 point of contact), in calling order")
    java.util.List<org.comity.node.directory.BackupContact> backups(@PathVariable UUID id) {
        directory.authority(id).orElseThrow(() -> ComityException.notFound("Authority"));
        return directory.backups(id);
    }

    @org.springframework.web.bind.annotation.PutMapping(path = "/admin/authorities/{id}/backups", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the backup contacts of one of this node's authorities")
    java.util.List<org.comity.node.directory.BackupContact> setBackups(@org.springframework.security.core.annotation.AuthenticationPrincipal
            org.comity.node.platform.Actor actor, @PathVariable UUID id,
            @org.springframework.web.bind.annotation.RequestBody java.util.List<org.comity.node.directory.BackupContact> backups) {
        return directory.setBackups(actor, id, backups);
    }

    @GetMapping("/directory/authorities/{id}")
    @Operation(summary = "One authority")
    ResponseEntity<Authority> authority(@PathVariable UUID id) {
        Authority a = directory.authority(id).orElseThrow(() -> ComityException.notFound("Authority"));
        return ResponseEntity.ok().eTag(ETags.of(a.version())).body(a);
    }

    @GetMapping("/directory/states")
    @Operation(summary = "The states in the directory")
    List<State> states() {
        return directory.states();
    }

    @GetMapping("/directory/nodes")
    @Operation(summary = "The nodes in the directory")
    List<NodeEntry> nodes() {
        return directory.nodes();
    }

    @PostMapping(path = "/admin/authorities", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add an authority")
    ResponseEntity<Authority> create(@AuthenticationPrincipal Actor actor, @RequestBody AuthorityDraft draft) {
        Authority a = directory.createAuthority(actor, draft);
        return ResponseEntity.created(URI.create("/api/v1/directory/authorities/" + a.id())).eTag(ETags.of(a.version())).body(a);
    }

    @PutMapping(path = "/admin/authorities/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change an authority (If-Match required)")
    ResponseEntity<Authority> update(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch, @RequestBody AuthorityDraft draft) {
        Authority a = directory.updateAuthority(actor, id, ETags.version(ifMatch), draft);
        return ResponseEntity.ok().eTag(ETags.of(a.version())).body(a);
    }
}
