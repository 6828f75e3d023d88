package org.comity.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The knowledge base's repository at size: a demo node (started with {@code ./comity start}) is fed
 * generated documents in the six UN languages through the bulk import API (JSON lines, as an
 * administrator would send them), then searched through the search API with facets, the way the
 * page searches: one word or a glossary phrase in one language (so the query is analysed in six
 * languages and expanded through the glossary), half of the queries filtered by a facet. Indexing
 * rate is documents imported per second of wall time, end to end (HTTP, strict parsing, checks,
 * PostgreSQL, audit, Lucene commit); search latency is the client's, per request.
 */
final class KnowledgeBench {

    record Result(int documents, double importSeconds, Stats search, long indexed, int searches) {
        double docsPerSecond() {
            return documents / importSeconds;
        }
    }

    /** A small vocabulary per language, with the glossary's phrases so expansions find documents. */
    static final Map<String, String[]> WORDS = Map.of(
            "en", ("provider preserved traffic data subscriber account server seized investigators evidence electronic court request "
                    + "mutual assistance preservation offence access illegal fraud ransomware phishing network logs domain registrar emergency "
                    + "authority central judge prosecutor cooperation prevention training victims").split(" "),
            "fr", ("fournisseur conservé données trafic abonné compte serveur saisi enquêteurs preuve électronique tribunal demande entraide "
                    + "judiciaire conservation infraction accès illégal fraude rançongiciel hameçonnage réseau journaux domaine urgence autorité "
                    + "centrale juge procureur coopération prévention formation victimes").split(" "),
            "es", ("proveedor conservados datos tráfico abonado cuenta servidor incautado investigadores prueba electrónica tribunal solicitud "
                    + "asistencia recíproca conservación delito acceso ilícito fraude secuestro suplantación red registros dominio emergencia "
                    + "autoridad central juez fiscal cooperación prevención formación víctimas").split(" "),
            "ru", ("поставщик сохранил данные трафик абонент аккаунт сервер изъят следователи доказательства электронные суд запрос "
                    + "взаимная помощь сохранность преступление доступ противозаконный мошенничество вымогатель фишинг сеть журналы домен "
                    + "чрезвычайная орган центральный судья прокурор сотрудничество предупреждение обучение потерпевшие").split(" "),
            "ar", ("مقدم الخدمة حفظ البيانات الحركة المشترك الحساب الخادم ضبط المحققون الأدلة الإلكترونية المحكمة طلب المساعدة المتبادلة "
                    + "التحفظ الجريمة الدخول غير المشروع الاحتيال برمجيات الفدية التصيد الشبكة السجلات النطاق الطوارئ السلطة المركزية القاضي "
                    + "النيابة التعاون الوقاية التدريب الضحايا").split(" "),
            "zh", ("服务提供者 保全 数据 流量 订户 账户 服务器 扣押 侦查人员 电子证据 法院 请求 司法协助 快速保全 犯罪 非法访问 诈骗 "
                    + "勒索软件 网络钓鱼 网络 日志 域名 紧急情况 中央机关 法官 检察官 国际合作 预防 培训 被害人").split(" "));
    static final List<String> LANGUAGES = List.of("ar", "zh", "en", "fr", "ru", "es");
    static final String[] TOPICS = {"LEGISLATION_AND_FRAMEWORKS", "CRIMINALIZATION", "LAW_ENFORCEMENT_AND_INVESTIGATIONS", "ELECTRONIC_EVIDENCE",
            "INTERNATIONAL_COOPERATION", "PREVENTION"};
    static final String[] TYPES = {"LEGISLATION", "CASE_SUMMARY", "GOOD_PRACTICE", "GUIDE", "TEMPLATE"};
    static final String[] COUNTRIES = {"XA", "XB", "XC", "XD", "XE", "XF", "INT"};
    static final Map<String, String[]> PHRASES = Map.of(
            "en", new String[] {"electronic evidence", "mutual legal assistance", "traffic data"},
            "fr", new String[] {"preuve électronique", "entraide judiciaire", "données relatives au trafic"},
            "es", new String[] {"prueba electrónica", "asistencia judicial recíproca", "datos sobre el tráfico"},
            "ru", new String[] {"электронные доказательства", "взаимная правовая помощь", "данные о трафике"},
            "ar", new String[] {"الأدلة الإلكترونية", "المساعدة القانونية المتبادلة", "بيانات الحركة"},
            "zh", new String[] {"电子证据", "司法协助", "流量数据"});

    private final Path root;
    private final Path work;
    private final int documents;
    private final int batch;
    private final int clients;
    private final int searches;

    KnowledgeBench(Path root, Path work, int documents, int batch, int clients, int searches) {
        this.root = root;
        this.work = work;
        this.documents = documents;
        this.batch = batch;
        this.clients = clients;
        this.searches = searches;
    }

    Result run() throws Exception {
        StartupBench.deleteTree(work);
        try (NodeProcess node = NodeProcess.startDemo(root, work)) {
            JsonNode demo = NodeProcess.demoSummary(work);
            String token = null;
            for (JsonNode u : demo.get("users")) {
                if (u.get("username").asString().equals("admin")) {
                    token = u.get("apiToken").asString();
                }
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            double seconds = load(http, node.baseUrl(), token);
            System.out.printf("imported %,d documents in %.1f s: %,.0f documents/s%n", documents, seconds, documents / seconds);
            Stats latency = search(http, node.baseUrl(), token);
            long indexed = 0; // the language facet's counts add up to every document (total stops counting exactly at 1,000)
            for (JsonNode f : Api.withToken(node.baseUrl(), token).getJson("/api/v1/knowledge/documents?limit=1").get("facets").get("language")) {
                indexed += f.get("count").asLong();
            }
            return new Result(documents, seconds, latency, indexed, searches);
        }
    }

    private double load(HttpClient http, String base, String token) throws Exception {
        int batches = (documents + batch - 1) / batch;
        List<byte[]> bodies = new ArrayList<>(batches);
        SplittableRandom random = new SplittableRandom(2026);
        for (int b = 0; b < batches; b++) {
            StringBuilder lines = new StringBuilder();
            for (int i = b * batch; i < Math.min(documents, (b + 1) * batch); i++) {
                lines.append(Api.JSON.writeValueAsString(document(i, random))).append('\n');
            }
            bodies.add(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/knowledge/documents/import"))
                                .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/x-ndjson").header("Accept", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(b))).build();
                        Api.expect(http.send(request, HttpResponse.BodyHandlers.ofString()), 200, "import batch " + b);
                        if (b % 20 == 0) {
                            System.out.printf("  batch %d of %d%n", b + 1, batches);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private Map<String, Object> document(int i, SplittableRandom random) {
        String language = LANGUAGES.get(i % LANGUAGES.size());
        String[] words = WORDS.get(language);
        String separator = language.equals("zh") ? "" : " ";
        StringBuilder body = new StringBuilder();
        int n = 40 + random.nextInt(40);
        for (int w = 0; w < n; w++) {
            if (w > 0) {
                body.append(separator);
            }
            body.append(w % 17 == 5 ? PHRASES.get(language)[random.nextInt(3)] : words[random.nextInt(words.length)]);
            if (w % 12 == 11) {
                body.append(language.equals("zh") ? "。" : ".");
            }
        }
        StringBuilder title = new StringBuilder();
        for (int w = 0; w < 5; w++) {
            title.append(w > 0 ? separator : "").append(words[random.nextInt(words.length)]);
        }
        return Map.of("externalId", "bench-" + i, "type", TYPES[random.nextInt(TYPES.length)], "country", COUNTRIES[random.nextInt(COUNTRIES.length)],
                "topic", TOPICS[random.nextInt(TOPICS.length)], "language", language, "title", title.toString(), "body", body.toString(),
                "published", String.format("20%02d-%02d-%02d", 10 + random.nextInt(16), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                "source", "Generated by KnowledgeBench");
    }

    private Stats search(HttpClient http, String base, String token) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        int warmUp = Math.min(500, searches);
        long[] samples = new long[searches];
        for (int i = -warmUp; i < searches; i++) {
            String language = LANGUAGES.get(random.nextInt(LANGUAGES.size()));
            String q = random.nextBoolean() ? WORDS.get(language)[random.nextInt(WORDS.get(language).length)]
                    : "\"" + PHRASES.get(language)[random.nextInt(3)] + "\"";
            StringBuilder path = new StringBuilder("/api/v1/knowledge/documents?limit=10&lang=").append(language)
                    .append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
            switch (random.nextInt(4)) {
                case 0 -> path.append("&language=").append(language);
                case 1 -> path.append("&topic=").append(TOPICS[random.nextInt(TOPICS.length)]);
                default -> { }
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - t0;
            Api.expect(response, 200, "search " + path);
            if (i >= 0) {
                samples[i] = elapsed;
            }
        }
        return new Stats(samples);
    }
}
