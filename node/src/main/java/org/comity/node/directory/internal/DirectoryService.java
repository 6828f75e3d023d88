package org.comity.node.directory.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityDraft;
import org.comity.node.directory.Directory;
import org.comity.node.directory.NodeEntry;
import org.comity.node.directory.State;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Ids;
import org.comity.node.platform.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class DirectoryService implements Directory {

    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");
    static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{3,40}$");

    private final DirectoryStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private final ComityProperties properties;

    DirectoryService(DirectoryStore store, AuditTrail audit, Clock clock, ComityProperties properties) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public Optional<Authority> authority(UUID id) {
        return store.authority(id);
    }

    @Override
    public List<Authority> authorities() {
        return store.authorities(false);
    }

    @Override
    public List<Authority> localAuthorities() {
        return store.authorities(true);
    }

    @Override
    public List<State> states() {
        return store.states();
    }

    @Override
    public Optional<State> state(String code) {
        return store.state(code);
    }

    @Override
    public List<NodeEntry> nodes() {
        return store.nodes();
    }

    @Override
    public NodeEntry localNode() {
        return store.nodes().stream().filter(NodeEntry::local).findFirst()
                .orElseThrow(() -> new IllegalStateException("the local node " + properties.node().id() + " is not registered"));
    }

    @Override
    @Transactional
    public Authority createAuthority(Actor actor, AuthorityDraft draft) {
        requireAdmin(actor);
        AuthorityDraft clean = check(draft);
        UUID id = Ids.newId(clock);
        store.insert(id, clean, clock.instant());
        audit.success(actor, "authority.create", "authority", id, Map.of("name", clean.name(), "kind", clean.kind().name()));
        return store.authority(id).orElseThrow();
    }

    @Override
    @Transactional
    public Authority updateAuthority(Actor actor, UUID id, int expectedVersion, AuthorityDraft draft) {
        requireAdmin(actor);
        Authority current = store.authority(id).orElseThrow(() -> ComityException.notFound("Authority"));
        if (!current.local()) {
            throw ComityException.forbidden("Another node's authorities come from the trust list.");
        }
        AuthorityDraft clean = check(draft);
        if (!store.update(id, expectedVersion, clean)) {
            throw ComityException.staleVersion(expectedVersion, current.version());
        }
        audit.success(actor, "authority.update", "authority", id, Map.of("name", clean.name(), "active", clean.active() == null || clean.active()));
        return store.authority(id).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public List<org.comity.node.directory.BackupContact> backups(UUID authority) {
        return store.backups(authority);
    }

    @Override
    public java.util.Map<UUID, List<org.comity.node.directory.BackupContact>> allBackups() {
        return store.allBackups();
    }

    @Override
    @Transactional
    public List<org.comity.node.directory.BackupContact> setBackups(Actor actor, UUID authority,
            List<org.comity.node.directory.BackupContact> backups) {
        requireAdmin(actor);
        Authority current = store.authority(authority).orElseThrow(() -> ComityException.notFound("Authority"));
        if (!current.local()) {
            throw ComityException.forbidden("Another node's authorities and their backups come from the trust list.");
        }
        List<org.comity.node.platform.FieldProblem> problems = new java.util.ArrayList<>();
        List<org.comity.node.directory.BackupContact> clean = new java.util.ArrayList<>();
        if (backups.size() > 10) {
            problems.add(org.comity.node.platform.FieldProblem.of("backups", "too-many", "At most {0} backup contacts.", 10));
        }
        for (int i = 0; i < backups.size(); i++) {
            var b = backups.get(i);
            String field = "backups[" + i + "]";
            if (b == null) {
                problems.add(org.comity.node.platform.FieldProblem.of(field, "required", "Give the backup's name and an e-mail address or a telephone number."));
                continue;
            }
            String name = b.name() == null ? "" : b.name().strip();
            String email = b.email() == null || b.email().isBlank() ? null : b.email().strip();
            String phone = b.phone() == null || b.phone().isBlank() ? null : b.phone().strip();
            if (name.isEmpty() || name.length() > 200) {
                problems.add(org.comity.node.platform.FieldProblem.of(field + ".name", "required", "Give the backup's name (at most 200 characters)."));
            }
            if (email == null && phone == null) {
                problems.add(org.comity.node.platform.FieldProblem.of(field + ".email", "required", "Give an e-mail address or a telephone number."));
            }
            if (email != null && !EMAIL.matcher(email).matches()) {
                problems.add(org.comity.node.platform.FieldProblem.of(field + ".email", "invalid", "Not an e-mail address."));
            }
            if (phone != null && !PHONE.matcher(phone).matches()) {
                problems.add(org.comity.node.platform.FieldProblem.of(field + ".phone", "invalid", "Not a telephone number."));
            }
            clean.add(new org.comity.node.directory.BackupContact(name, email, phone));
        }
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The backup contacts have errors.", problems);
        }
        store.replaceBackups(authority, clean);
        audit.success(actor, "authority.backups", "authority", authority, Map.of("count", clean.size()));
        return clean;
    }

    @Override
    @Transactional
    public void ensureState(State state) {
        store.ensureState(state);
    }

    @Override
    @Transactional
    public void ensureNode(NodeEntry node) {
        store.ensureNode(node);
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.has(Role.ADMIN)) {
            throw ComityException.forbidden("Only an administrator may change the directory.");
        }
    }

    private AuthorityDraft check(AuthorityDraft d) {
        List<FieldProblem> problems = new ArrayList<>();
        if (d.stateCode() == null || store.state(d.stateCode()).isEmpty()) {
            problems.add(FieldProblem.of("stateCode", "unknown-state", "Choose a state from the directory."));
        }
        if (d.nodeId() == null || store.nodes().stream().noneMatch(n -> n.id().equals(d.nodeId()) && n.local())) {
            // Another node's authorities come from the trust list: one entered here would route requests
            // its node refuses, and the next list would overwrite it.
            problems.add(FieldProblem.of("nodeId", "not-this-node", "Authorities are added on the node that serves them; choose this node."));
        }
        if (d.name() == null || d.name().isBlank()) {
            problems.add(FieldProblem.of("name", "required", "Enter the authority's name."));
        } else if (d.name().strip().length() > 200) {
            problems.add(FieldProblem.of("name", "too-long", "Use at most {0} characters.", 200));
        }
        if (d.kind() == null) {
            problems.add(FieldProblem.of("kind", "required", "Choose the kind of authority."));
        }
        String email = blankToNull(d.email());
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add(FieldProblem.of("email", "invalid-email", "Enter an e-mail address such as name@example.org."));
        }
        String phone = blankToNull(d.phone());
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add(FieldProblem.of("phone", "invalid-phone", "Enter a telephone number in international form, such as +99 1 234 5678."));
        }
        List<String> given = d.languages() == null ? List.of() : d.languages();
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == null) {
                problems.add(FieldProblem.of("languages[" + i + "]", "required", "Enter a language code, or remove the empty entry."));
            }
        }
        List<String> languages = given.stream().filter(java.util.Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        for (int i = 0; i < languages.size(); i++) {
            if (!LANGUAGE.matcher(languages.get(i)).matches()) {
                problems.add(FieldProblem.of("languages[" + i + "]", "invalid-language", "Use a two- or three-letter language code such as en or ar."));
            }
        }
        String hours = blankToNull(d.hours());
        if (hours != null && hours.length() > 200) {
            problems.add(FieldProblem.of("hours", "too-long", "Use at most {0} characters.", 200));
        }
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The authority has errors.", problems);
        }
        return new AuthorityDraft(d.stateCode(), d.nodeId(), d.name().strip(), d.kind(), email, phone, languages, d.active(), hours);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
