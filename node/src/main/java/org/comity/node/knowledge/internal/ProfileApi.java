package org.comity.node.knowledge.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.comity.node.knowledge.ChannelAdvisor;
import org.comity.node.knowledge.ChannelOption;
import org.comity.node.knowledge.CountryProfiles;
import org.comity.node.knowledge.ProfileFile;
import org.comity.node.knowledge.ProfileVersion;
import org.comity.node.knowledge.Situation;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Country profiles and the channel advisor over the API: read by every user, changed by administrators. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Knowledge", description = "Country profiles, the document repository and the channel advisor")
class ProfileApi {

    private final CountryProfiles profiles;
    private final ChannelAdvisor advisor;

    ProfileApi(CountryProfiles profiles, ChannelAdvisor advisor) {
        this.profiles = profiles;
        this.advisor = advisor;
    }

    @GetMapping("/knowledge/profiles")
    @Operation(summary = "The current profile of every state")
    List<ProfileVersion> all() {
        return profiles.all();
    }

    @GetMapping("/knowledge/profiles/{state}")
    @Operation(summary = "The current profile of a state (ETag: its version)")
    ResponseEntity<ProfileVersion> one(@PathVariable String state) {
        ProfileVersion v = profiles.current(state).orElseThrow(() -> ComityException.notFound("Country profile"));
        return ResponseEntity.ok().eTag(ETags.of(v.version())).body(v);
    }

    @GetMapping("/knowledge/profiles/{state}/history")
    @Operation(summary = "Every version of a state's profile, newest first: who changed it, when and why")
    List<ProfileVersion> history(@PathVariable String state) {
        List<ProfileVersion> h = profiles.history(state);
        if (h.isEmpty()) {
            throw ComityException.notFound("Country profile");
        }
        return h;
    }

    @GetMapping("/knowledge/profiles/export")
    @Operation(summary = "Every current profile as a country profile file (docs/formats/country-profile.md)")
    ResponseEntity<byte[]> export() {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"country-profiles.json\"")
                .contentType(MediaType.APPLICATION_JSON).body(profiles.exportFile());
    }

    @PutMapping(path = "/admin/knowledge/profiles/{state}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Save a new version of a state's profile (If-Match: the version it was based on; \"0\" for a new profile)")
    ResponseEntity<ProfileVersion> save(@AuthenticationPrincipal Actor actor, @PathVariable String state,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch, @RequestParam(required = false) String note, @RequestBody byte[] body) {
        var profile = ProfileFile.readBody(body, org.comity.node.knowledge.CountryProfile.class); // checked by the service, links included
        if (!state.equals(profile.stateCode())) {
            throw ComityException.badRequest("The profile's stateCode (" + profile.stateCode() + ") is not the state of the address (" + state + ").");
        }
        ProfileVersion v = profiles.save(actor, profile, ETags.version(ifMatch), note);
        return ResponseEntity.ok().eTag(ETags.of(v.version())).body(v);
    }

    @PostMapping(path = "/admin/knowledge/profiles/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Import a country profile file: every profile that differs becomes a new version, all or none")
    List<ProfileVersion> importFile(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String note, @RequestBody byte[] body) {
        return profiles.importFile(actor, body, note);
    }

    @PostMapping(path = "/knowledge/advisor", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rank the channels for obtaining data held in another state")
    List<ChannelOption> advise(@AuthenticationPrincipal Actor actor, @RequestBody byte[] body) {
        return advisor.advise(ProfileFile.readBody(body, Situation.class), actor);
    }
}
