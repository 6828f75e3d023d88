package org.comity.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request documents like a prosecutor's office sends: mostly Budapest Art. 31 mutual assistance, some
 * bilateral MLA, a few urgent Art. 29 preservations; varied offences, facts and identifiers, so text
 * search and filters select realistic fractions. The same seed gives the same documents.
 */
final class Workload {

    /** Appears in about one request in fifty: a selective full-text filter. */
    static final String RARE_WORD = "ransomware";

    private static final List<String> OFFENCES = List.of("Illegal access", "Computer-related fraud", "Data interference",
            "Extortion using a computer system", "Identity theft", "Phishing fraud", "Online child sexual exploitation",
            "Distribution of malware", "Business e-mail compromise", "Money laundering of crypto-assets");
    private static final List<String> PROVIDERS = List.of("Mail Example Ltd.", "Aurora Cloud Services", "Caldera Telecom", "Northwind Hosting");

    private final String requestedAuthority;
    private final SplittableRandom random;

    Workload(String requestedAuthority, long seed) {
        this.requestedAuthority = requestedAuthority;
        this.random = new SplittableRandom(seed);
    }

    /** The JSON body of the {@code n}th draft. Not thread-safe: one workload per worker. */
    String document(long n) {
        int pick = random.nextInt(100);
        String instrument = pick < 70 ? "budapest-31" : pick < 90 ? "bilateral-mla" : "budapest-29";
        boolean urgent = instrument.equals("budapest-29") || random.nextInt(20) == 0;
        String offence = random.nextInt(50) == 0 ? "Ransomware extortion" : OFFENCES.get(random.nextInt(OFFENCES.size()));
        String account = "user" + n + "@mail.example";
        String provider = PROVIDERS.get(random.nextInt(PROVIDERS.size()));

        ObjectNode doc = Api.JSON.createObjectNode();
        doc.put("instrument", instrument);
        doc.put("requestedAuthority", requestedAuthority);
        doc.put("urgency", urgent ? "URGENT" : "NORMAL");
        if (urgent) {
            doc.put("urgencyReason", "The provider deletes access logs after 14 days.");
        }
        doc.put("title", offence + ": " + account);
        doc.put("nationalReference", String.format(Locale.ROOT, "AU-%d-%06d", 2026, n));
        doc.put("language", "en");
        doc.putArray("replyLanguages").add("en");
        ObjectNode o = doc.putArray("offences").addObject();
        o.put("name", offence);
        o.put("legalProvision", "Criminal Code, Art. " + (200 + random.nextInt(200)));
        o.put("maximumPenalty", (2 + random.nextInt(9)) + " years");
        doc.put("summaryOfFacts", "Between January and October 2026 the account " + account + " was used in " + offence.toLowerCase(Locale.ROOT)
                + " against " + (1 + random.nextInt(400)) + " victims in Aurelia. Payments were routed through accounts held abroad.");
        doc.put("relevance", "The subscriber and access data identify who controls the account.");
        ObjectNode subject = doc.putArray("subjects").addObject();
        subject.put("kind", "ACCOUNT");
        subject.put("role", "SUSPECT");
        subject.putArray("identifiers").addObject().put("type", "EMAIL").put("value", account);
        ObjectNode data = doc.putArray("dataSought").addObject();
        data.put("category", random.nextBoolean() ? "SUBSCRIBER" : "TRAFFIC");
        data.put("description", "Subscriber data and access logs of the account");
        ArrayNode ids = data.putArray("identifiers");
        ids.addObject().put("type", "EMAIL").put("value", account);
        data.put("from", "2026-01-01");
        data.put("to", "2026-10-31");
        data.put("custodian", provider);
        doc.putArray("measures").addObject()
                .put("type", instrument.equals("budapest-29") ? "PRESERVATION" : "PRODUCTION")
                .put("description", instrument.equals("budapest-29") ? "Expedited preservation of stored data" : "Produce the records");
        doc.put("necessityAndProportionality", "Only this account and this period are concerned; no other source identifies the user.");
        doc.put("confidentiality", "CONFIDENTIAL");
        doc.put("followUpMlaIntended", true);
        return doc.toString();
    }
}
