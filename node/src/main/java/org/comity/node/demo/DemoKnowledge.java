package org.comity.node.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.directory.Directory;
import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.CountryProfiles;
import org.comity.node.knowledge.ProfileFile;
import org.comity.node.knowledge.ProviderContact;
import org.comity.node.platform.Actor;
import org.comity.node.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The demo's country profiles (demo/country-profiles.json: Aurelia, Borealis, Caldera and Dorado),
 * saved through {@link CountryProfiles} after the directory is seeded, with their central
 * authorities, 24/7 points of contact and providers linked to the directory entries this node has.
 * A profile already saved is left as it is.
 */
@Component
@Order(110)
@ConditionalOnProperty(name = "comity.demo", havingValue = "true")
class DemoKnowledge implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoKnowledge.class);

    private final CountryProfiles profiles;
    private final Directory directory;

    DemoKnowledge(CountryProfiles profiles, Directory directory) {
        this.profiles = profiles;
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor seed = new Actor(null, "demo-seed", "Demo seeding", null, null, null, EnumSet.of(Role.ADMIN), false, null);
        for (CountryProfile p : read().profiles()) {
            if (profiles.current(p.stateCode()).isEmpty()) {
                profiles.save(seed, linked(p), 0, "Demo profile");
            }
        }
        log.info("Demo country profiles in place");
    }

    static ProfileFile read() {
        try (InputStream in = new ClassPathResource("demo/country-profiles.json").getInputStream()) {
            return ProfileFile.read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The profile with the directory ids of its state's authorities, where this node knows them. */
    private CountryProfile linked(CountryProfile p) {
        List<Authority> ofState = directory.authorities().stream().filter(a -> a.stateCode().equals(p.stateCode())).toList();
        UUID central = first(ofState, AuthorityKind.CENTRAL_AUTHORITY);
        UUID contact = first(ofState, AuthorityKind.POINT_OF_CONTACT);
        Map<String, UUID> providers = new java.util.HashMap<>();
        ofState.stream().filter(a -> a.kind() == AuthorityKind.SERVICE_PROVIDER).forEach(a -> providers.put(a.name(), a.id()));
        List<ProviderContact> contacts = new ArrayList<>();
        for (ProviderContact c : p.providers()) {
            UUID id = c.kind() == org.comity.node.knowledge.HolderKind.SERVICE_PROVIDER ? providers.get(c.name()) : null;
            contacts.add(new ProviderContact(c.name(), c.kind(), id, c.contact(), c.accepts(), c.notes()));
        }
        return new CountryProfile(p.stateCode(), p.stateName(), p.euMember(), p.treaties(), p.reservations(), central, contact, p.languages(),
                p.requirements(), p.preservation(), contacts, p.processingTimes(), p.notes());
    }

    private static UUID first(List<Authority> authorities, AuthorityKind kind) {
        return authorities.stream().filter(a -> a.kind() == kind).map(Authority::id).findFirst().orElse(null);
    }
}
