package org.comity.node.account.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.node.account.AuditEntry;
import org.comity.node.account.AuditQuery;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Role;
import org.comity.node.platform.Page;
import org.comity.node.web.Csv;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading the audit trail. An administrator reads the whole node's trail; an auditor reads what
 * the people of their own authority did. Reading the trail is itself recorded, with the filter used.
 */
@Service
class AuditView {

    private final AuditStore store;

    AuditView(AuditStore store) {
        this.store = store;
    }

    @Transactional
    public Page<AuditEntry> search(Actor actor, AuditQuery query) {
        if (query.page() < 0 || query.size() < 1 || query.size() > AuditQuery.MAX_SIZE) {
            throw ComityException.invalid("Paging is out of range.", List.of(FieldProblem.of(query.page() < 0 ? "page" : "size",
                    "out-of-range", "page must be 0 or more; size between 1 and {0}.", AuditQuery.MAX_SIZE)));
        }
        UUID scope = scope(actor, query);
        List<AuditEntry> rows = store.search(scope, query);
        Map<String, Object> filter = filter(scope, query);
        filter.put("page", query.page());
        store.success(actor, "audit.read", "audit", scope == null ? "node" : scope, filter);
        boolean more = rows.size() > query.size();
        return new Page<>(more ? rows.subList(0, query.size()) : rows, query.page(), query.size(), more);
    }

    /**
     * The first half of an export: checks the filter and the reader's right, and records the export
     * (committed before a byte is sent, so an export cut off half way is on the record too).
     *
     * @return the authority whose people's entries the reader may export, or null for the whole node
     */
    @Transactional
    public UUID startExport(Actor actor, AuditQuery query) {
        UUID scope = scope(actor, query);
        store.success(actor, "audit.export", "audit", scope == null ? "node" : scope, filter(scope, query));
        return scope;
    }

    /** The second half: every matching entry as CSV, newest first, read through a cursor. */
    @Transactional(readOnly = true)
    public void export(UUID scope, AuditQuery query, Appendable out) {
        Csv.row(out, "id", "at", "actor", "authority", "action", "target_type", "target_id", "outcome", "client", "detail");
        store.each(scope, query, e -> Csv.row(out, e.id(), e.at(), e.actor(), e.authorityId(), e.action(), e.targetType(), e.targetId(),
                e.outcome(), e.client(), e.detail()));
    }

    /** Checks the filter and who may read; an administrator reads the node, an auditor their own authority. */
    private static UUID scope(Actor actor, AuditQuery query) {
        if (query.from() != null && query.until() != null && !query.from().isBefore(query.until())) {
            throw ComityException.invalid("The period is empty.",
                    List.of(FieldProblem.of("until", "before-from", "The end of the period must come after its beginning.")));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("actor", query.actor());
        texts.put("action", query.action());
        texts.put("target", query.target());
        texts.forEach((field, text) -> {
            if (text != null && text.length() > 200) {
                throw ComityException.invalid("A filter is too long.", List.of(FieldProblem.of(field, "too-long", "Use at most {0} characters.", 200)));
            }
        });
        if (!actor.has(Role.ADMIN) && !actor.has(Role.AUDITOR)) {
            throw ComityException.forbidden("Only administrators and auditors read the audit trail.");
        }
        return actor.has(Role.ADMIN) ? null : actor.authorityId();
    }

    private static Map<String, Object> filter(UUID scope, AuditQuery query) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("scope", scope == null ? "node" : scope.toString());
        if (query.actor() != null) filter.put("actor", query.actor());
        if (query.action() != null) filter.put("action", query.action());
        if (query.target() != null) filter.put("target", query.target());
        if (query.outcome() != null) filter.put("outcome", query.outcome().name());
        if (query.from() != null) filter.put("from", query.from().toString());
        if (query.until() != null) filter.put("until", query.until().toString());
        return filter;
    }
}
