package org.comity.node.ledger.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.comity.node.ledger.CustodyLedger;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The administrator's view of the ledger: its identity and size, the newest checkpoint and who
 * cosigned it, how witnessing stands with each peer, what this node witnessed of theirs, and any
 * alarm (a peer whose ledger contradicted what this node had seen). Reading it is audited.
 */
@Service
class LedgerAdmin {

    record Overview(CustodyLedger.Identity identity, long size, long pending, Checkpoint checkpoint, List<LedgerStore.PeerState> peers,
            List<Witnessed> witnessed, List<LedgerStore.Alarm> alarms) {}

    record Checkpoint(long size, Instant signedAt, String note, List<String> cosignedBy) {}

    record Witnessed(String nodeId, String origin, long size, Instant updatedAt) {}

    private final LedgerStore store;
    private final LedgerKey key;
    private final AuditTrail audit;

    LedgerAdmin(LedgerStore store, LedgerKey key, AuditTrail audit) {
        this.store = store;
        this.key = key;
        this.audit = audit;
    }

    @Transactional
    Overview overview(Actor actor) {
        if (!actor.has(Role.ADMIN)) {
            throw ComityException.forbidden("The ledger's administration is for administrators.");
        }
        Checkpoint checkpoint = store.latestCheckpoint().map(c -> new Checkpoint(c.size(), c.signedAt(), c.note(),
                store.cosignedBy(c.size()))).orElse(null);
        audit.success(actor, "ledger.read", "ledger", key.origin(), Map.of());
        return new Overview(key.identity(), store.size(), store.pendingCount(), checkpoint, store.peers(),
                store.witnessedLogs().stream().map(w -> new Witnessed(w.nodeId(), w.origin(), w.size(), w.updatedAt())).toList(),
                store.alarms(100));
    }

    /** The page and the JSON: one reading, two forms. */
    @Controller
    static class Web {

        private final LedgerAdmin admin;

        Web(LedgerAdmin admin) {
            this.admin = admin;
        }

        @GetMapping("/admin/ledger")
        String page(@AuthenticationPrincipal Actor actor, Model model) {
            model.addAttribute("ledger", admin.overview(actor));
            return "ledger/overview";
        }

        @GetMapping("/api/v1/admin/ledger")
        @ResponseBody
        Overview api(@AuthenticationPrincipal Actor actor) {
            return admin.overview(actor);
        }
    }
}
