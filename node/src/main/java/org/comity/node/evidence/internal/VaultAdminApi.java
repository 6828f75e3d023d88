package org.comity.node.evidence.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The vault's keys for the administrator: which keys each keyset holds (ids only; key material never
 * leaves the database sealed) and rotation, after which new evidence is encrypted under fresh keys.
 */
@RestController
@Tag(name = "Evidence vault")
class VaultAdminApi {

    private final VaultKeys keys;
    private final AuditTrail audit;

    VaultAdminApi(VaultKeys keys, AuditTrail audit) {
        this.keys = keys;
        this.audit = audit;
    }

    /** One keyset: its keys' ids, oldest first, and the id of the one that encrypts. */
    record KeysetView(List<Integer> keys, int primary) {}

    @GetMapping("/api/v1/admin/vault/keys")
    @Operation(summary = "The vault's keysets: the ids of their keys and which one encrypts (no key material)")
    Map<String, KeysetView> list(@AuthenticationPrincipal Actor actor) {
        requireAdmin(actor);
        return view(keys.keys());
    }

    @PostMapping("/api/v1/admin/vault/keys/rotation")
    @Operation(summary = "Rotate the vault's keys: a fresh key in each keyset becomes the one that encrypts; every earlier key stays, "
            + "so everything stored before remains readable. Audited")
    Map<String, KeysetView> rotate(@AuthenticationPrincipal Actor actor) {
        requireAdmin(actor);
        Map<String, KeysetView> after = view(keys.rotate());
        Map<String, Object> detail = new LinkedHashMap<>();
        after.forEach((name, keyset) -> detail.put(name, keyset.primary()));
        audit.success(actor, "vault.rotate", "vault", "keys", detail);
        return after;
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.has(Role.ADMIN)) {
            throw ComityException.forbidden("Only administrators manage the vault's keys.");
        }
    }

    private static Map<String, KeysetView> view(Map<String, VaultCipher.KeysetInfo> keysets) {
        Map<String, KeysetView> view = new LinkedHashMap<>();
        for (String name : List.of(VaultKeys.CONTENT, VaultKeys.TRAILER)) {
            VaultCipher.KeysetInfo info = keysets.get(name);
            view.put(name, new KeysetView(info.keys(), info.primary()));
        }
        return view;
    }
}
