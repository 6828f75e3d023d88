package org.comity.node.exchange.internal;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.comity.custody.trust.TrustList;
import org.comity.custody.trust.TrustLists;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.directory.Directory;
import org.comity.node.directory.NodeIdentity;
import org.comity.node.directory.NodeKeyInfo;
import org.comity.node.platform.ComityProperties;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How this node describes itself to the directory operator: an unsigned trust list holding its
 * state (with the instruments this node handles), itself (endpoint, valid public keys and its
 * custody ledger's key, by which peers check its checkpoints and its cosignatures), its
 * active authorities and its 24/7 points of contact. Public, like the JWKS: it holds nothing the
 * signed trust list would not publish. The operator merges descriptions and signs
 * ({@code comity-cli trust-list build}; docs/formats/trust-list.md).
 */
@RestController
class NodeDescriptionApi {

    private final Directory directory;
    private final NodeIdentity identity;
    private final Instruments instruments;
    private final ComityProperties.Node node;
    private final Clock clock;
    private final org.comity.node.ledger.CustodyLedger ledger;
    private final org.comity.node.knowledge.CountryProfiles profiles;

    NodeDescriptionApi(Directory directory, NodeIdentity identity, Instruments instruments, ComityProperties properties, Clock clock,
            org.comity.node.ledger.CustodyLedger ledger, org.comity.node.knowledge.CountryProfiles profiles) {
        this.ledger = ledger;
        this.profiles = profiles;
        this.directory = directory;
        this.identity = identity;
        this.instruments = instruments;
        this.node = properties.node();
        this.clock = clock;
    }

    /**
     * The instruments a state this node serves is party to, as its administrators keep it in the
     * state's country profile: the instruments of the treaties in force for it today, less the
     * articles a reservation excludes. Without a profile, or with one that lists no treaty at all
     * (kept for its languages or requirements, say), every instrument this node handles: not judged,
     * rather than cut off from everything.
     */
    List<String> partyTo(String state) {
        var profile = profiles.current(state).map(org.comity.node.knowledge.ProfileVersion::profile).filter(p -> !p.treaties().isEmpty());
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        java.util.Set<org.comity.node.knowledge.Treaty> inForce = profile.map(p -> p.treaties().stream()
                        .filter(t -> t.inForceSince() == null || !t.inForceSince().isAfter(today))
                        .map(org.comity.node.knowledge.TreatyParty::treaty).collect(java.util.stream.Collectors.toSet()))
                .orElse(java.util.Set.of());
        return instruments.all().stream()
                .filter(i -> profile.isEmpty() || org.comity.node.knowledge.Treaty.ofInstrument(i.id()).map(inForce::contains).orElse(true)
                        && profile.get().excludes(i.id()).isEmpty())
                .map(Instrument::id).sorted().toList();
    }

    @GetMapping(path = "/.well-known/comity-node.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> describe() {
        return TrustLists.toJson(description());
    }

    TrustList description() {
        Map<String, Map<String, Object>> jwks = new java.util.HashMap<>();
        for (Map<String, Object> jwk : identity.publicJwks()) {
            jwks.put(String.valueOf(jwk.get("kid")), jwk);
        }
        List<TrustList.NodeKey> keys = new ArrayList<>();
        for (NodeKeyInfo key : identity.keys()) {
            Map<String, Object> jwk = jwks.get(key.kid());
            if (jwk != null) {
                keys.add(new TrustList.NodeKey(key.kid(), key.use(), jwk, key.notBefore(), key.notAfter()));
            }
        }
        List<TrustList.AuthorityEntry> authorities = new ArrayList<>();
        List<TrustList.ContactPoint> contacts = new ArrayList<>();
        Map<java.util.UUID, List<org.comity.node.directory.BackupContact>> backups = directory.allBackups();
        for (Authority a : directory.localAuthorities()) {
            if (!a.active()) {
                continue;
            }
            authorities.add(new TrustList.AuthorityEntry(a.id(), node.id(), a.stateCode(), a.name(), a.kind().name(), a.languages(), a.email()));
            List<TrustList.Backup> calling = backups.getOrDefault(a.id(), List.of()).stream()
                    .map(b -> new TrustList.Backup(b.name(), b.phone(), b.email())).toList();
            // Every 24/7 point of contact; any other authority a peer may need to call in an emergency
            // (a central authority for Protocol Art. 10): its telephone and backups, when it has them.
            boolean pointOfContact = a.kind() == AuthorityKind.POINT_OF_CONTACT;
            if (pointOfContact || a.phone() != null || !calling.isEmpty()) {
                String hours = a.hours() != null ? a.hours() : pointOfContact ? "24/7" : TrustList.ContactPoint.HOURS_NOT_STATED;
                contacts.add(new TrustList.ContactPoint(a.id(), hours, a.languages(), a.phone(), a.email(), calling));
            }
        }
        List<TrustList.StateEntry> states = new ArrayList<>();
        for (String code : authorities.stream().map(TrustList.AuthorityEntry::state).distinct().sorted().toList()) {
            states.add(new TrustList.StateEntry(code, directory.state(code).map(s -> s.name()).orElse(code), partyTo(code)));
        }
        if (states.stream().noneMatch(s -> s.code().equals(node.state()))) {
            states.add(new TrustList.StateEntry(node.state(), node.name(), partyTo(node.state())));
        }
        TrustList.NodeEntry self = new TrustList.NodeEntry(node.id(), node.state(), node.name(), URI.create(node.publicUrl()), keys,
                ledger.identity().logKey());
        return new TrustList(1, clock.instant(), null, node.id(), states, List.of(self), authorities, contacts);
    }
}
