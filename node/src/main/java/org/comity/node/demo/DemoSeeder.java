package org.comity.node.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.comity.node.account.Accounts;
import org.comity.node.account.IssuedToken;
import org.comity.node.account.TokenScope;
import org.comity.node.account.User;
import org.comity.node.account.UserDraft;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityDraft;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.directory.Directory;
import org.comity.node.directory.State;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Role;
import org.comity.node.request.Action;
import org.comity.node.request.CommandInput;
import org.comity.node.request.Confidentiality;
import org.comity.node.request.DataCategory;
import org.comity.node.request.IdentifierType;
import org.comity.node.request.MeasureType;
import org.comity.node.request.RefusalGround;
import org.comity.node.request.RequestDetail;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestDocument.DataSought;
import org.comity.node.request.RequestDocument.Identifier;
import org.comity.node.request.RequestDocument.Measure;
import org.comity.node.request.RequestDocument.Offence;
import org.comity.node.request.RequestDocument.Subject;
import org.comity.node.request.Requests;
import org.comity.node.request.SubjectKind;
import org.comity.node.request.SubjectRole;
import org.comity.node.request.Urgency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the demo on first start, and at every start issues fresh API tokens for the demo users and
 * writes the demo summary. Node XA is Aurelia's and also hosts Caldera (XC), a small state that
 * shares Aurelia's node, so a request can go the whole way on one node; node XB is Borealis's. The
 * two learn of each other from the demo trust list that {@code ./comity demo} signs and installs.
 */
@Component
@Order(100)
@ConditionalOnProperty(name = "comity.demo", havingValue = "true")
class DemoSeeder implements ApplicationRunner {

    /** Every demo user's password; printed at start-up. Never a production password. */
    static final String PASSWORD = "Comity-demo-2026!";
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    private static final String TOKEN_NAME = "demo (issued at start-up)";

    private volatile List<Map<String, Object>> issued;

    private final Directory directory;
    private final Accounts accounts;
    private final Requests requests;
    private final ComityProperties properties;

    DemoSeeder(Directory directory, Accounts accounts, Requests requests, ComityProperties properties) {
        this.directory = directory;
        this.accounts = accounts;
        this.requests = requests;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String nodeId = properties.node().id();
        if (directory.localAuthorities().isEmpty()) {
            seed(nodeId);
        }
        issued = issueTokens();
    }

    /**
     * Writes the demo summary, which {@code ./comity demo} waits for before it builds the trust
     * list from the nodes' descriptions: so it comes last, once the other demo runners (the
     * country profiles, which say what each state is party to) are done. See {@link DemoReady}.
     */
    void announce() {
        writeSummary(issued == null ? List.of() : issued);
    }

    private record DemoUser(String username, String name, String authority, Set<Role> roles) {}

    private static final List<DemoUser> USERS_XB = List.of(
            new DemoUser("admin", "Bea Admin", "Borealis Central Authority", EnumSet.of(Role.ADMIN)),
            new DemoUser("ca.officer", "Boris Lind", "Borealis Central Authority", EnumSet.of(Role.CENTRAL_AUTHORITY)),
            new DemoUser("prosecutor", "Britt Haugen", "Borealis Cybercrime Prosecutor", EnumSet.of(Role.JUDICIAL_AUTHORITY)),
            new DemoUser("contact247", "Nils Berg", "Borealis 24/7 Point of Contact", EnumSet.of(Role.POINT_OF_CONTACT)),
            new DemoUser("auditor", "Ilse Vogt", "Borealis Central Authority", EnumSet.of(Role.AUDITOR)));

    private static final List<DemoUser> USERS_XA = List.of(
            new DemoUser("admin", "Alex Admin", "Aurelia Central Authority", EnumSet.of(Role.ADMIN)),
            new DemoUser("ca.officer", "Camille Okafor", "Aurelia Central Authority", EnumSet.of(Role.CENTRAL_AUTHORITY)),
            new DemoUser("prosecutor", "Priya Santos", "Aurelia Prosecutor's Office, Cybercrime Unit", EnumSet.of(Role.JUDICIAL_AUTHORITY)),
            new DemoUser("contact247", "Omar Haddad", "Aurelia 24/7 Cybercrime Contact Point", EnumSet.of(Role.POINT_OF_CONTACT)),
            new DemoUser("provider", "Lin Wei", "Aurora Cloud Services", EnumSet.of(Role.SERVICE_PROVIDER)),
            new DemoUser("analyst", "Ana Ruiz", "Aurelia Central Authority", EnumSet.of(Role.ANALYST)),
            new DemoUser("auditor", "Ivan Petrov", "Aurelia Central Authority", EnumSet.of(Role.AUDITOR)),
            new DemoUser("caldera.ca", "Jean Dupont", "Caldera Ministry of Justice, Central Authority", EnumSet.of(Role.CENTRAL_AUTHORITY)),
            new DemoUser("caldera.prosecutor", "Fatima Al-Sayed", "Caldera Public Prosecution Service", EnumSet.of(Role.JUDICIAL_AUTHORITY)),
            new DemoUser("caldera.contact247", "Sofia Marin", "Caldera National Police 24/7 Unit", EnumSet.of(Role.POINT_OF_CONTACT)));

    private void seed(String nodeId) {
        log.info("Seeding the demo: states, authorities, users and requests");
        Actor system = new Actor(null, "demo-seed", "Demo seeding", null, null, null, EnumSet.of(Role.ADMIN), false, null);
        if (nodeId.equals("XB")) {
            seedBorealis(system, nodeId);
            return;
        }
        directory.ensureState(new State("XC", "Caldera"));
        Map<String, Authority> byName = new LinkedHashMap<>();
        for (AuthorityDraft draft : List.of(
                authority("XA", nodeId, "Aurelia Central Authority", AuthorityKind.CENTRAL_AUTHORITY, "mla@justice.aurelia.example", "+99 10 000 0100", "en", "fr"),
                authority("XA", nodeId, "Aurelia Prosecutor's Office, Cybercrime Unit", AuthorityKind.JUDICIAL_AUTHORITY, "cyber@prosecution.aurelia.example", "+99 10 000 0200", "en"),
                authority("XA", nodeId, "Aurelia 24/7 Cybercrime Contact Point", AuthorityKind.POINT_OF_CONTACT, "247@police.aurelia.example", "+99 10 000 0247", "en", "fr", "es"),
                authority("XA", nodeId, "Aurora Cloud Services", AuthorityKind.SERVICE_PROVIDER, "lawenforcement@auroracloud.example", "+99 10 000 0900", "en"),
                authority("XC", nodeId, "Caldera Ministry of Justice, Central Authority", AuthorityKind.CENTRAL_AUTHORITY, "mla@justice.caldera.example", "+98 20 000 0100", "fr", "en"),
                authority("XC", nodeId, "Caldera Public Prosecution Service", AuthorityKind.JUDICIAL_AUTHORITY, "parquet@justice.caldera.example", "+98 20 000 0200", "fr"),
                authority("XC", nodeId, "Caldera National Police 24/7 Unit", AuthorityKind.POINT_OF_CONTACT, "247@police.caldera.example", "+98 20 000 0247", "fr", "en")))
        {
            byName.put(draft.name(), directory.createAuthority(system, draft));
        }
        Map<String, User> users = new LinkedHashMap<>();
        for (DemoUser u : USERS_XA) {
            users.put(u.username(), accounts.createUser(system, new UserDraft(byName.get(u.authority()).id(), u.username(), u.name(),
                    u.username() + "@demo.example", u.roles(), PASSWORD, true)));
        }
        seedRequests(byName, users);
    }

    private void seedRequests(Map<String, Authority> a, Map<String, User> u) {
        Actor prosecutor = accounts.actorFor(u.get("prosecutor").id());
        Actor contact247 = accounts.actorFor(u.get("contact247").id());
        Actor ca = accounts.actorFor(u.get("ca.officer").id());
        Actor calderaCa = accounts.actorFor(u.get("caldera.ca").id());
        Actor calderaProsecutor = accounts.actorFor(u.get("caldera.prosecutor").id());
        Actor calderaContact = accounts.actorFor(u.get("caldera.contact247").id());
        UUID auroraCloud = a.get("Aurora Cloud Services").id();

        // 1. A draft the Aurelia prosecutor is still writing: incomplete on purpose.
        requests.create(prosecutor, mla("budapest-31", a.get("Caldera Ministry of Justice, Central Authority").id(),
                "Ransomware attack on Aurelia General Hospital", null, false));

        // 2. Sent to Caldera, acknowledged and under review there.
        RequestDetail underReview = requests.create(prosecutor, mla("budapest-31", a.get("Caldera Ministry of Justice, Central Authority").id(),
                "Business e-mail compromise of Aurelia Port Authority", "AUR-PROS-2026-1187", true));
        step(prosecutor, underReview, Action.SUBMIT, null);
        step(calderaCa, underReview, Action.ACKNOWLEDGE, "Received; registered as CAL-MLA-2026-044.");
        step(calderaCa, underReview, Action.START_REVIEW, null);

        // 3. Received from Caldera: Aurelia asked for more information and waits for the answer.
        RequestDetail infoRequested = requests.create(calderaProsecutor, mla("bilateral-mla", a.get("Aurelia Central Authority").id(),
                "Investment fraud through cloned trading platform", "CAL-PP-2026-0311", true));
        step(calderaProsecutor, infoRequested, Action.SUBMIT, null);
        step(ca, infoRequested, Action.ACKNOWLEDGE, null);
        step(ca, infoRequested, Action.START_REVIEW, null);
        act(ca, infoRequested, Action.REQUEST_INFORMATION, CommandInput.reason(
                "Please state the maximum penalty for the offence of fraud under Caldera law and the period of the bank records sought."));

        // 4. An urgent preservation request just arrived at Aurelia's 24/7 point of contact.
        RequestDetail preservationIn = requests.create(calderaContact, preservation(a.get("Aurelia 24/7 Cybercrime Contact Point").id(),
                "Preserve mailbox used in extortion of Caldera minors", "Aurora Cloud Services"));
        step(calderaContact, preservationIn, Action.SUBMIT, null);

        // 5. Aurelia's own preservation request, confirmed by Caldera: the data is preserved for 60 days.
        RequestDetail preserved = requests.create(contact247, preservation(a.get("Caldera National Police 24/7 Unit").id(),
                "Preserve server logs of phishing kit host", "CalderaNet Hosting"));
        step(contact247, preserved, Action.SUBMIT, null);
        step(calderaContact, preserved, Action.ACKNOWLEDGE, null);
        step(calderaContact, preserved, Action.CONFIRM_PRESERVATION, "Logs preserved at CalderaNet Hosting, case ref. CNH-8812.");

        // 6. Received from Caldera under Protocol Art. 8, accepted and routed to the Aurelia prosecutor for execution.
        RequestDetail inExecution = requests.create(calderaCa, order(a.get("Aurelia Central Authority").id()));
        step(calderaCa, inExecution, Action.SUBMIT, null);
        step(ca, inExecution, Action.ACKNOWLEDGE, null);
        step(ca, inExecution, Action.START_REVIEW, null);
        act(ca, inExecution, Action.ASSIGN, new CommandInput("The Cybercrime Unit serves production orders on Aurelian providers.", null, null,
                a.get("Aurelia Prosecutor's Office, Cybercrime Unit").id(), null, null));
        step(ca, inExecution, Action.ACCEPT, null);
        step(ca, inExecution, Action.START_EXECUTION, "Order served on Aurora Cloud Services.");

        // 7. Executed and closed: the whole way from Caldera to Aurelia and back.
        RequestDetail closed = requests.create(calderaProsecutor, mla("budapest-31", a.get("Aurelia Central Authority").id(),
                "Distribution of malware through compromised update server", "CAL-PP-2026-0107", true));
        step(calderaProsecutor, closed, Action.SUBMIT, null);
        step(ca, closed, Action.ACKNOWLEDGE, null);
        step(ca, closed, Action.START_REVIEW, null);
        step(ca, closed, Action.ACCEPT, null);
        step(ca, closed, Action.START_EXECUTION, null);
        step(ca, closed, Action.EXECUTE, "Subscriber and traffic data returned as attachments to the reply.");
        step(calderaProsecutor, closed, Action.CLOSE, "Evidence received in full.");

        // 8. Refused, with grounds.
        RequestDetail refused = requests.create(calderaProsecutor, mla("bilateral-mla", a.get("Aurelia Central Authority").id(),
                "Defamation on social network", "CAL-PP-2026-0299", true));
        step(calderaProsecutor, refused, Action.SUBMIT, null);
        step(ca, refused, Action.ACKNOWLEDGE, null);
        step(ca, refused, Action.START_REVIEW, null);
        act(ca, refused, Action.REFUSE, new CommandInput("Defamation is not an offence under Aurelian law; dual criminality is required for coercive measures.",
                RefusalGround.DUAL_CRIMINALITY, null, null, null, null));

        // 9. An order straight to a provider on this node (Protocol Art. 7): Aurora Cloud sees it.
        RequestDetail toProvider = requests.create(calderaProsecutor, subscriberOrder(auroraCloud));
        step(calderaProsecutor, toProvider, Action.SUBMIT, null);

    }

    /** Borealis: its authorities and people; its requests arrive from Aurelia once the trust list is in. */
    private void seedBorealis(Actor system, String nodeId) {
        Map<String, Authority> byName = new LinkedHashMap<>();
        for (AuthorityDraft draft : List.of(
                authority("XB", nodeId, "Borealis Central Authority", AuthorityKind.CENTRAL_AUTHORITY, "mla@justice.borealis.example", "+97 30 000 0100", "en", "ru"),
                authority("XB", nodeId, "Borealis Cybercrime Prosecutor", AuthorityKind.JUDICIAL_AUTHORITY, "cyber@prosecutor.borealis.example", "+97 30 000 0200", "en"),
                authority("XB", nodeId, "Borealis 24/7 Point of Contact", AuthorityKind.POINT_OF_CONTACT, "247@police.borealis.example", "+97 30 000 0247", "en", "ru")))
        {
            byName.put(draft.name(), directory.createAuthority(system, draft));
        }
        // Who Borealis's 24/7 unit falls back on, in calling order: published with the node's description, so
        // Aurelia's Directory shows them too.
        directory.setBackups(system, byName.get("Borealis 24/7 Point of Contact").id(), List.of(
                new org.comity.node.directory.BackupContact("Duty prosecutor (nights and weekends)", "duty@prosecutor.borealis.example",
                        "+97 30 000 0911"),
                new org.comity.node.directory.BackupContact("Head of the cybercrime unit", null, "+97 30 000 0912")));
        for (DemoUser u : USERS_XB) {
            accounts.createUser(system, new UserDraft(byName.get(u.authority()).id(), u.username(), u.name(), u.username() + "@borealis.demo.example",
                    u.roles(), PASSWORD, true));
        }
    }

    private List<DemoUser> demoUsers() {
        return properties.node().id().equals("XB") ? USERS_XB : USERS_XA;
    }

    private void step(Actor actor, RequestDetail request, Action action, String reason) {
        act(actor, request, action, CommandInput.reason(reason));
    }

    private void act(Actor actor, RequestDetail request, Action action, CommandInput input) {
        requests.act(actor, request.summary().id(), null, action, input);
    }

    private static RequestDocument mla(String instrument, UUID to, String title, String reference, boolean complete) {
        return new RequestDocument(instrument, null, to, Urgency.NORMAL, null, title, reference, "en", List.of("en", "fr"),
                List.of(new Offence("Illegal access and system interference", complete ? "Criminal Code, Art. 244" : null, complete ? "7 years' imprisonment" : null)),
                complete ? "Between 3 and 9 March 2026 the suspect used stolen credentials to access the victim's e-mail system and redirected "
                        + "payments of EUR 412,000 to accounts abroad. Logs show log-ins from IP addresses allocated to a provider in the requested state." : null,
                complete ? "The account holder's identity and the log-in records link the suspect to the intrusion." : null,
                complete ? List.of(new Subject(SubjectKind.ACCOUNT, SubjectRole.SUSPECT, "j.doe.trader@mail.example",
                        List.of(new Identifier(IdentifierType.EMAIL, "j.doe.trader@mail.example"), new Identifier(IdentifierType.IP_ADDRESS, "198.51.100.23")), null))
                        : List.of(),
                List.of(new DataSought(DataCategory.SUBSCRIBER, "Subscriber information for the account", List.of(new Identifier(IdentifierType.EMAIL, "j.doe.trader@mail.example")),
                        LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), "MailExample Ltd.", null)),
                complete ? List.of(new Measure(MeasureType.PRODUCTION, "Production of subscriber and log-in records")) : List.of(),
                complete ? "No other means exist to identify the account holder; the request is limited to one month of records." : null,
                null, Confidentiality.CONFIDENTIAL, null, null, null, null);
    }

    private static RequestDocument preservation(UUID to, String title, String custodian) {
        return new RequestDocument("budapest-29", null, to, Urgency.URGENT, "Providers delete these logs after 14 days.", title, null, "en", List.of("en"),
                List.of(new Offence("Extortion using a computer system", "Criminal Code, Art. 312", "10 years' imprisonment")),
                "An unknown person is extorting victims through a mailbox hosted abroad. The provider keeps access logs for 14 days only.",
                "The access logs identify who controls the mailbox used to send the threats.",
                List.of(new Subject(SubjectKind.ACCOUNT, SubjectRole.SUSPECT, null, List.of(new Identifier(IdentifierType.EMAIL, "payme.now@mail.example")), null)),
                List.of(new DataSought(DataCategory.TRAFFIC, "Access logs and subscriber data of the mailbox",
                        List.of(new Identifier(IdentifierType.EMAIL, "payme.now@mail.example")), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 20), custodian, null)),
                List.of(new Measure(MeasureType.PRESERVATION, "Expedited preservation of stored data")),
                "Without preservation the logs are deleted within days; only the named mailbox is concerned.", null,
                Confidentiality.CONFIDENTIAL, "Do not notify the account holder.", true, null, null);
    }

    private static RequestDocument order(UUID to) {
        return new RequestDocument("protocol-8", null, to, Urgency.NORMAL, null, "Production order: cloud storage account of fraud suspect", "CAL-CA-2026-077",
                "fr", List.of("fr", "en"), List.of(new Offence("Computer-related fraud", "Code pénal, art. 323-1", "5 ans d'emprisonnement")),
                "Le suspect a utilisé un compte de stockage en nuage pour héberger de fausses factures envoyées à 300 victimes.",
                "Les données d'abonné et de trafic permettent d'identifier le titulaire du compte.", List.of(),
                List.of(new DataSought(DataCategory.SUBSCRIBER, "Données d'abonné du compte", List.of(new Identifier(IdentifierType.ACCOUNT_ID, "acc-7781-cld")),
                        null, null, "Aurora Cloud Services", "Aurelia"),
                        new DataSought(DataCategory.TRAFFIC, "Journaux de connexion", List.of(new Identifier(IdentifierType.ACCOUNT_ID, "acc-7781-cld")),
                                LocalDate.of(2026, 6, 1), LocalDate.of(2026, 9, 30), "Aurora Cloud Services", "Aurelia")),
                List.of(new Measure(MeasureType.PRODUCTION, "Production order to the provider")), null, null, Confidentiality.STANDARD, null, null, null, null);
    }

    private static RequestDocument subscriberOrder(UUID provider) {
        return new RequestDocument("protocol-7", null, provider, Urgency.NORMAL, null, "Subscriber information: account used for phishing", "CAL-PP-2026-0355",
                "en", List.of("en", "fr"), List.of(new Offence("Phishing (computer-related forgery)", "Criminal Code, Art. 231", null)),
                null, "The account hosted the phishing pages that collected victims' bank credentials.", List.of(),
                List.of(new DataSought(DataCategory.SUBSCRIBER, "Name, address and payment details of the account holder",
                        List.of(new Identifier(IdentifierType.ACCOUNT_ID, "aurora-user-55120")), null, null, "Aurora Cloud Services", "Aurelia")),
                List.of(), null, null, Confidentiality.STANDARD, null, null, null, null);
    }

    private static AuthorityDraft authority(String state, String node, String name, AuthorityKind kind, String email, String phone, String... languages) {
        return new AuthorityDraft(state, node, name, kind, email, phone, List.of(languages), true);
    }

    // --- Tokens and the summary ------------------------------------------------------------------

    private List<Map<String, Object>> issueTokens() {
        Actor system = new Actor(null, "demo-seed", "Demo seeding", null, null, null, EnumSet.of(Role.ADMIN), false, null);
        List<Map<String, Object>> out = new ArrayList<>();
        Map<UUID, Authority> authorities = new LinkedHashMap<>();
        directory.authorities().forEach(a -> authorities.put(a.id(), a));
        for (User user : accounts.users(system)) {
            if (demoUsers().stream().noneMatch(d -> d.username().equals(user.username()))) {
                continue;
            }
            accounts.allTokens(system).stream()
                    .filter(t -> t.userId().equals(user.id()) && TOKEN_NAME.equals(t.name()) && t.revokedAt() == null)
                    .forEach(t -> accounts.revokeToken(system, t.id()));
            IssuedToken token = accounts.issueToken(system, user.id(), TOKEN_NAME, EnumSet.of(TokenScope.READ, TokenScope.WRITE), Duration.ofDays(30));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("username", user.username());
            entry.put("password", PASSWORD);
            entry.put("name", user.displayName());
            entry.put("authority", authorities.get(user.authorityId()).name());
            entry.put("roles", user.roles().stream().map(Enum::name).sorted().toList());
            entry.put("apiToken", token.secret());
            out.add(entry);
        }
        return out;
    }

    private void writeSummary(List<Map<String, Object>> users) {
        String url = properties.node().publicUrl();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("node", properties.node().id());
        summary.put("name", properties.node().name());
        summary.put("url", url);
        summary.put("apiDocs", url + "/v3/api-docs");
        summary.put("users", users);
        Path file = properties.demoSummaryFile();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "demo", ".json");
            Files.writeString(tmp, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        StringBuilder banner = new StringBuilder();
        banner.append("\n\n  Comity demo node ").append(properties.node().id()).append(" \"").append(properties.node().name()).append("\" is ready\n");
        banner.append("  Open ").append(url).append("  (every demo user's password: ").append(PASSWORD).append(")\n\n");
        banner.append(String.format("  %-20s %-48s %s%n", "username", "authority", "API token"));
        for (Map<String, Object> u : users) {
            banner.append(String.format("  %-20s %-48s %s%n", u.get("username"), u.get("authority"), u.get("apiToken")));
        }
        banner.append("\n  The same, as JSON: ").append(file).append("\n  Try: curl -H \"Authorization: Bearer <token>\" ")
                .append(url).append("/api/v1/requests\n");
        System.out.println(banner);
        System.out.flush();
    }
}
