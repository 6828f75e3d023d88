package org.comity.node.directory.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.comity.custody.trust.TrustList;
import org.comity.node.directory.Federation;
import org.comity.node.directory.NodeIdentity;
import org.comity.node.directory.NodeKeyInfo;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The node's public keys (JWKS, for anyone), its key rotation, and the trust list in force
 * (administrators install a new one; every user may read the one in force).
 */
@RestController
@Tag(name = "Federation", description = "This node's keys and the signed trust list of the federation")
class FederationApi {

    private final NodeIdentity identity;
    private final Federation federation;

    FederationApi(NodeIdentity identity, Federation federation) {
        this.identity = identity;
        this.federation = federation;
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "This node's public keys: the current ones and those still in their overlap after a rotation")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(Map.of("keys", identity.publicJwks()));
    }

    @GetMapping(path = "/api/v1/admin/keys", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "This node's keys (public facts only) with their validity")
    List<NodeKeyInfo> keys() {
        return identity.keys();
    }

    @PostMapping(path = "/api/v1/admin/keys/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "New signing and encryption keys; the old ones stay valid for comity.exchange.key-overlap")
    List<NodeKeyInfo> rotate(@AuthenticationPrincipal Actor actor) {
        return identity.rotate(actor);
    }

    @GetMapping(path = "/api/v1/directory/trust-list", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The trust list in force: serial, issuer, and the nodes with their keys")
    Map<String, Object> trustList() {
        TrustList list = federation.inForce().orElseThrow(() -> ComityException.notFound("Trust list"));
        return summary(list);
    }

    @PutMapping(path = "/api/v1/admin/trust-list", consumes = {"application/jose", MediaType.TEXT_PLAIN_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Install a trust list signed by the directory (compact JWS); refused unless its serial is newer")
    Map<String, Object> install(@AuthenticationPrincipal Actor actor, @RequestBody String signed) {
        return summary(federation.accept(actor, signed));
    }

    @GetMapping(path = "/api/v1/admin/peers", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Peers pinned by an administrator, outside the trust list")
    List<Map<String, Object>> pinned() {
        return federation.pinned().stream().map(FederationApi::node).toList();
    }

    record Pin(String description, String signingKid) {}

    @PostMapping(path = "/api/v1/admin/peers", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Pin a peer from its node description, confirming its signing key id (obtained out of band)")
    Map<String, Object> pin(@AuthenticationPrincipal Actor actor, @RequestBody Pin pin) {
        return node(federation.pin(actor, pin.description(), pin.signingKid()));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/api/v1/admin/peers/{node}")
    @Operation(summary = "Unpin a peer: its authorities can no longer be addressed")
    org.springframework.http.ResponseEntity<Void> unpin(@AuthenticationPrincipal Actor actor, @org.springframework.web.bind.annotation.PathVariable String node) {
        federation.unpin(actor, node);
        return org.springframework.http.ResponseEntity.noContent().build();
    }

    private static Map<String, Object> node(TrustList.NodeEntry n) {
        return Map.of("id", n.id(), "state", n.state(), "name", n.name(), "endpoint", n.endpoint().toString(), "keys", n.keys());
    }

    private static Map<String, Object> summary(TrustList list) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("serial", list.serial());
        out.put("issuer", list.issuer());
        out.put("issuedAt", list.issuedAt());
        out.put("nextUpdate", list.nextUpdate());
        out.put("states", list.states());
        out.put("nodes", list.nodes().stream().map(n -> {
            Map<String, Object> node = new LinkedHashMap<>(Map.of("id", n.id(), "state", n.state(), "name", n.name(),
                    "endpoint", n.endpoint().toString(), "keys", n.keys()));
            if (n.ledger() != null) {
                node.put("ledger", n.ledger());
            }
            return node;
        }).toList());
        out.put("authorities", list.authorities());
        out.put("contacts", list.contacts());
        return out;
    }
}
