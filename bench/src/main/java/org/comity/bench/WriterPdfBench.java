package org.comity.bench;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A request's PDF as a drafter gets it from the Request Writer: a demo node, a preservation request
 * to Caldera's 24/7 unit drafted through {@code /api/v1/writer}, complete, translated into Arabic
 * and signed off; then {@code GET /api/v1/writer/drafts/{id}/pdf} one call after another for the
 * original (English), the translation (Arabic: shaped, right to left) and both in one file. The time
 * is the whole call: HTTP, the audited read of the request, laying out, font subsetting and
 * embedding, and the download.
 */
final class WriterPdfBench {

    record Measured(String languages, Stats stats, int bytes) {}

    record Result(int samples, List<Measured> measured) {}

    private final Path root;
    private final Path work;
    private final int samples;

    WriterPdfBench(Path root, Path work, int samples) {
        this.root = root;
        this.work = work;
        this.samples = samples;
    }

    Result run() throws Exception {
        StartupBench.deleteTree(work);
        try (NodeProcess node = NodeProcess.startDemo(root, work)) {
            JsonNode demo = NodeProcess.demoSummary(work);
            Api prosecutor = Api.withToken(node.baseUrl(), token(demo, "prosecutor"));
            String contact = authorityId(prosecutor, "Caldera National Police 24/7 Unit");
            String id = draft(prosecutor, contact);
            List<Measured> out = new ArrayList<>();
            for (String languages : List.of("ORIGINAL", "TRANSLATION", "BOTH")) {
                String path = "/api/v1/writer/drafts/" + id + "/pdf?languages=" + languages;
                int bytes = 0;
                for (int i = 0; i < Math.max(10, samples / 5); i++) {
                    bytes = fetch(prosecutor, path).length; // warm-up: JIT, font parsing, caches
                }
                long[] nanos = new long[samples];
                for (int i = 0; i < samples; i++) {
                    long start = System.nanoTime();
                    fetch(prosecutor, path);
                    nanos[i] = System.nanoTime() - start;
                }
                out.add(new Measured(languages, new Stats(nanos), bytes));
                System.out.printf("writer-pdf: %s p50 %.1f ms, p95 %.1f ms%n", languages, out.getLast().stats().millis(50), out.getLast().stats().millis(95));
            }
            return new Result(samples, out);
        }
    }

    private static byte[] fetch(Api api, String path) throws Exception {
        HttpResponse<byte[]> r = api.getBytes(path, "application/pdf");
        if (r.statusCode() != 200 || r.body().length < 5 || r.body()[0] != '%') {
            throw new IllegalStateException(path + " answered " + r.statusCode());
        }
        return r.body();
    }

    private static String draft(Api api, String contact) throws Exception {
        JsonNode started = api.postJson("/api/v1/writer/drafts", Api.JSON.writeValueAsString(Map.of("instrument", "budapest-29",
                "requestedAuthority", contact, "title", "Logs of a phishing host in Caldera", "language", "en", "translationLanguage", "ar",
                "urgency", "URGENT")), 201);
        String id = started.get("id").asString();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("instrument", "budapest-29");
        doc.put("requestedAuthority", contact);
        doc.put("urgency", "URGENT");
        doc.put("urgencyReason", "The hosting provider deletes its logs after 30 days.");
        doc.put("title", "Logs of a phishing host in Caldera");
        doc.put("nationalReference", "AU/PP/2026/1187");
        doc.put("language", "en");
        doc.put("replyLanguages", List.of("en", "fr"));
        doc.put("offences", List.of(Map.of("name", "Computer-related fraud", "legalProvision", "Criminal Code, Art. 231", "maximumPenalty", "5 years")));
        doc.put("summaryOfFacts", ("Between 3 and 9 March 2026, 214 customers of Aurelia Savings Bank were led to a cloned banking site and gave "
                + "their credentials. The site was hosted on an account at a provider in Caldera. ").repeat(4));
        doc.put("relevance", "The host's connection logs identify who uploaded and administered the cloned site.");
        doc.put("subjects", List.of(Map.of("kind", "ACCOUNT", "role", "SUSPECT", "name", "hosting account",
                "identifiers", List.of(Map.of("type", "EMAIL", "value", "holder@mail.example")))));
        doc.put("dataSought", List.of(Map.of("category", "TRAFFIC", "description", "Connection logs of the hosting account",
                "identifiers", List.of(Map.of("type", "IP_ADDRESS", "value", "203.0.113.45")), "from", "2026-03-01", "to", "2026-03-31",
                "custodian", "Nimbus Hosting Ltd", "location", "Caldera")));
        doc.put("measures", List.of(Map.of("type", "PRESERVATION", "description", "Preserve the logs")));
        doc.put("necessityAndProportionality", "The logs are kept for 30 days only; without preservation the only lead to the uploader is lost.");
        doc.put("followUpMlaIntended", true);
        String etag = "\"" + started.get("version").asInt() + "\"";
        api.putJson("/api/v1/writer/drafts/" + id + "/document", Api.JSON.writeValueAsString(doc), Map.of("If-Match", etag), 200);
        Map<String, String> ar = new LinkedHashMap<>();
        ar.put("title", "سجلات مضيف تصيد في كالديرا");
        ar.put("urgencyReason", "يحذف مزود الاستضافة سجلاته بعد ثلاثين يوماً.");
        ar.put("offences[0].name", "الاحتيال المتصل بالحاسوب");
        ar.put("offences[0].maximumPenalty", "خمس سنوات");
        ar.put("summaryOfFacts", "بين 3 و9 آذار/مارس 2026، استُدرج 214 عميلاً لمصرف أوريليا للادخار إلى موقع مصرفي مستنسخ وأدلوا ببيانات اعتمادهم. ".repeat(4));
        ar.put("relevance", "تحدد سجلات الاتصال هوية من رفع الموقع المستنسخ وأداره.");
        ar.put("dataSought[0].description", "سجلات الاتصال الخاصة بحساب الاستضافة");
        ar.put("measures[0].description", "التحفظ على السجلات");
        ar.put("necessityAndProportionality", "لا تُحفظ السجلات إلا ثلاثين يوماً؛ ودون التحفظ عليها يضيع الخيط الوحيد.");
        api.putJson("/api/v1/writer/drafts/" + id + "/translation", Api.JSON.writeValueAsString(Map.of("language", "ar", "texts", ar)), Map.of(), 200);
        JsonNode signed = api.postJson("/api/v1/writer/drafts/" + id + "/sign-off", null, 200);
        if (!signed.get("signedOff").asBoolean()) {
            throw new IllegalStateException("the draft was not signed off: " + signed.get("missing"));
        }
        return id;
    }

    private static String token(JsonNode demo, String username) {
        for (JsonNode u : demo.get("users")) {
            if (u.get("username").asString().equals(username)) {
                return u.get("apiToken").asString();
            }
        }
        throw new IllegalStateException("no demo user " + username);
    }

    private static String authorityId(Api api, String name) throws Exception {
        for (JsonNode a : api.getJson("/api/v1/directory/authorities")) {
            if (a.get("name").asString().equals(name)) {
                return a.get("id").asString();
            }
        }
        throw new IllegalStateException("no authority named " + name);
    }
}
