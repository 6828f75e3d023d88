package org.comity.node.demo;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.comity.node.account.Accounts;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.Directory;
import org.comity.node.platform.Actor;
import org.comity.node.platform.Role;
import org.comity.node.request.Confidentiality;
import org.comity.node.request.DataCategory;
import org.comity.node.request.IdentifierType;
import org.comity.node.request.MeasureType;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestQuery;
import org.comity.node.request.Requests;
import org.comity.node.request.SubjectKind;
import org.comity.node.request.SubjectRole;
import org.comity.node.request.Urgency;
import org.comity.node.writer.DraftStart;
import org.comity.node.writer.RequestWriter;
import org.comity.node.writer.Translation;
import org.comity.node.writer.WriterDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Request Writer's demo: on Aurelia's node, the prosecutor's preservation request to Caldera's
 * 24/7 unit, drafted through the writer, translated into French (the language Caldera accepts),
 * signed off and left ready to send, so that the tour can print its PDF and send it. Made once: a
 * node that has it already is left alone.
 */
@Component
@Order(120)
@ConditionalOnProperty(name = "comity.demo", havingValue = "true")
class DemoWriter implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoWriter.class);
    static final String REFERENCE = "AU/PP/2026/1187";
    static final String TITLE = "Logs of a phishing host in Caldera";

    private final Accounts accounts;
    private final Directory directory;
    private final Requests requests;
    private final RequestWriter writer;

    DemoWriter(Accounts accounts, Directory directory, Requests requests, RequestWriter writer) {
        this.accounts = accounts;
        this.directory = directory;
        this.requests = requests;
        this.writer = writer;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor seed = new Actor(null, "demo-seed", "Demo seeding", null, null, null, EnumSet.of(Role.ADMIN), false, null);
        Optional<Authority> prosecution = authority("Aurelia Prosecutor's Office, Cybercrime Unit");
        Optional<Authority> contact = authority("Caldera National Police 24/7 Unit");
        if (prosecution.isEmpty() || contact.isEmpty()) {
            return; // not Aurelia's node
        }
        Optional<User> user = accounts.users(seed).stream()
                .filter(u -> u.username().equals("prosecutor") && u.authorityId().equals(prosecution.get().id())).findFirst();
        if (user.isEmpty()) {
            return;
        }
        Actor prosecutor = accounts.actorFor(user.get().id());
        var outbox = requests.list(prosecutor, new RequestQuery(RequestQuery.Box.OUTBOX, Set.of(), "budapest-29", null, null, null, null, 0, 200));
        if (outbox.items().stream().anyMatch(r -> TITLE.equals(r.title()))) {
            return;
        }
        WriterDraft draft = writer.start(prosecutor, new DraftStart("budapest-29", contact.get().id(), TITLE, "en", "fr",
                Urgency.URGENT));
        var id = draft.request().summary().id();
        draft = writer.save(prosecutor, id, draft.request().summary().version(), document(contact.get()));
        Map<String, String> fr = new LinkedHashMap<>();
        fr.put("title", "Journaux d'un hébergeur d'hameçonnage à Caldera");
        fr.put("urgencyReason", "L'hébergeur efface ses journaux au bout de 30 jours.");
        fr.put("offences[0].name", "Fraude informatique");
        fr.put("offences[0].maximumPenalty", "5 ans d'emprisonnement");
        fr.put("summaryOfFacts", "Du 3 au 9 mars 2026, 214 clients de la Caisse d'épargne d'Aurelia ont été attirés vers un faux site bancaire "
                + "et y ont saisi leurs identifiants. Le site était hébergé sur un compte chez Nimbus Hosting, à Caldera.");
        fr.put("relevance", "Les journaux de connexion du compte d'hébergement identifient qui a mis en ligne le faux site.");
        fr.put("dataSought[0].description", "Journaux de connexion du compte d'hébergement");
        fr.put("measures[0].description", "Conserver les journaux");
        fr.put("necessityAndProportionality", "Les journaux ne sont gardés que 30 jours ; sans conservation, la seule piste vers l'auteur disparaît. "
                + "La demande se limite à un compte et à un mois.");
        writer.translate(prosecutor, id, new Translation("fr", fr));
        writer.signOff(prosecutor, id);
        log.info("Demo Request Writer draft {} in place, signed off and ready to send", draft.request().summary().reference());
    }

    private Optional<Authority> authority(String name) {
        return directory.localAuthorities().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private static RequestDocument document(Authority contact) {
        return new RequestDocument("budapest-29", null, contact.id(), Urgency.URGENT, "The hosting provider deletes its logs after 30 days.",
                TITLE, REFERENCE, "en", List.of("en", "fr"),
                List.of(new RequestDocument.Offence("Computer-related fraud", "Criminal Code, Art. 231", "5 years' imprisonment")),
                "Between 3 and 9 March 2026, 214 customers of Aurelia Savings Bank were led to a cloned banking site and gave their "
                        + "credentials. The site was hosted on an account at Nimbus Hosting, in Caldera.",
                "The hosting account's connection logs identify who uploaded the cloned site.",
                List.of(new RequestDocument.Subject(SubjectKind.ACCOUNT, SubjectRole.SUSPECT, "hosting account",
                        List.of(new RequestDocument.Identifier(IdentifierType.EMAIL, "holder@mail.example")), null)),
                List.of(new RequestDocument.DataSought(DataCategory.TRAFFIC, "Connection logs of the hosting account",
                        List.of(new RequestDocument.Identifier(IdentifierType.IP_ADDRESS, "203.0.113.45")), LocalDate.of(2026, 3, 1),
                        LocalDate.of(2026, 3, 31), "Nimbus Hosting Ltd", "Caldera")),
                List.of(new RequestDocument.Measure(MeasureType.PRESERVATION, "Preserve the logs")),
                "The logs are kept for 30 days only; without preservation the only lead to the uploader is lost. The request is limited to "
                        + "one account and one month.", null, Confidentiality.STANDARD, null, true, null, null);
    }
}
