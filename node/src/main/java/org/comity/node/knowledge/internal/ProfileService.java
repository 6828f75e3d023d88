package org.comity.node.knowledge.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.directory.Directory;
import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.CountryProfiles;
import org.comity.node.knowledge.ProfileFile;
import org.comity.node.knowledge.ProfileVersion;
import org.comity.node.knowledge.ProviderContact;
import org.comity.node.platform.Actor;
import org.comity.node.platform.AuditTrail;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.comity.node.platform.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Country profiles: load, authorize, check, append a version, audit; in one transaction. */
@Service
class ProfileService implements CountryProfiles {

    private final ProfileStore store;
    private final Directory directory;
    private final AuditTrail audit;
    private final Clock clock;

    ProfileService(ProfileStore store, Directory directory, AuditTrail audit, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ProfileVersion> current(String stateCode) {
        return stateCode == null ? Optional.empty() : store.current(stateCode);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ProfileVersion> all() {
        return store.all();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ProfileVersion> history(String stateCode) {
        return store.history(stateCode);
    }

    @Override
    @Transactional
    public ProfileVersion save(Actor actor, CountryProfile profile, int expectedVersion, String note) {
        requireAdmin(actor);
        List<FieldProblem> problems = new ArrayList<>(ProfileFile.check(profile));
        problems.addAll(checkLinks(profile));
        if (note != null && note.length() > 1000) {
            problems.add(FieldProblem.of("note", "too-long", "Use at most {0} characters.", 1000));
        }
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The profile has errors.", problems);
        }
        int current = store.currentForUpdate(profile.stateCode()).map(ProfileVersion::version).orElse(0);
        if (current != expectedVersion) {
            throw ComityException.staleVersion(expectedVersion, current);
        }
        return append(actor, profile, current + 1, blankToNull(note), "knowledge.profile.save");
    }

    @Override
    @Transactional
    public List<ProfileVersion> importFile(Actor actor, byte[] json, String note) {
        requireAdmin(actor);
        ProfileFile file = ProfileFile.read(json);
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < file.profiles().size(); i++) {
            for (FieldProblem fp : checkLinks(file.profiles().get(i))) {
                problems.add(new FieldProblem("profiles[" + i + "]." + fp.field(), fp.code(), fp.message(), fp.args()));
            }
        }
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The file has errors; nothing was imported.", problems);
        }
        List<ProfileVersion> saved = new ArrayList<>();
        for (CountryProfile p : file.profiles()) {
            Optional<ProfileVersion> current = store.currentForUpdate(p.stateCode());
            if (current.isPresent() && current.get().profile().equals(p)) {
                continue; // unchanged: no new version, so re-importing a file is harmless
            }
            saved.add(append(actor, p, current.map(ProfileVersion::version).orElse(0) + 1,
                    blankToNull(note) == null ? "import" : note, "knowledge.profile.import"));
        }
        return saved;
    }

    @Override
    @Transactional(readOnly = true)
    public byte[] exportFile() {
        return ProfileFile.write(store.all().stream().map(ProfileVersion::profile).toList());
    }

    private ProfileVersion append(Actor actor, CountryProfile p, int version, String note, String action) {
        store.save(p, version, clock.instant(), actor.username(), actor.userId(), note);
        audit.success(actor, action, "country-profile", p.stateCode(), Map.of("version", version));
        return store.current(p.stateCode()).orElseThrow();
    }

    /**
     * Contacts named by directory id must be authorities of the profile's state and of the right kind.
     * A profile of a state the directory does not know yet names none.
     */
    private List<FieldProblem> checkLinks(CountryProfile p) {
        List<FieldProblem> problems = new ArrayList<>();
        link(problems, "centralAuthority", p.centralAuthority(), p.stateCode(), AuthorityKind.CENTRAL_AUTHORITY);
        link(problems, "pointOfContact", p.pointOfContact(), p.stateCode(), AuthorityKind.POINT_OF_CONTACT);
        for (int i = 0; i < p.providers().size(); i++) {
            ProviderContact c = p.providers().get(i);
            if (c != null) {
                link(problems, "providers[" + i + "].authority", c.authority(), p.stateCode(), AuthorityKind.SERVICE_PROVIDER);
            }
        }
        return problems;
    }

    private void link(List<FieldProblem> problems, String field, UUID id, String state, AuthorityKind kind) {
        if (id == null) {
            return;
        }
        Optional<Authority> a = directory.authority(id);
        if (a.isEmpty() || !a.get().stateCode().equals(state)) {
            problems.add(FieldProblem.of(field, "unknown-authority", "Choose an authority of this state from the directory."));
        } else if (a.get().kind() != kind) {
            problems.add(FieldProblem.of(field, "wrong-kind", "Choose an authority of the kind {0}.", kind.name()));
        }
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.has(Role.ADMIN)) {
            throw ComityException.forbidden("Only an administrator may change country profiles.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
