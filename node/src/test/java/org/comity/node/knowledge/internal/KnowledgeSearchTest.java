package org.comity.node.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.comity.node.knowledge.DocumentType;
import org.comity.node.knowledge.KnowledgeDocument;
import org.comity.node.knowledge.SearchQuery;
import org.comity.node.knowledge.SearchResult;
import org.comity.node.knowledge.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's search in each of the six UN languages: a word finds its other forms (stemming;
 * segmentation for Chinese), a phrase finds only the words side by side, filters narrow and facets
 * count; and a glossary term asked in one language finds the documents of the other five.
 */
class KnowledgeSearchTest {

    @TempDir
    static Path dir;

    static LuceneKnowledgeIndex index;
    static final List<KnowledgeDocument> CORPUS = new ArrayList<>();

    @BeforeAll
    static void corpus() {
        // English
        doc("en-preserved", "en", "XA", Topic.ELECTRONIC_EVIDENCE, DocumentType.CASE_SUMMARY, "Provider kept the logs",
                "The provider preserved the traffic data of the account for ninety days. The electronic evidence was later produced in court.");
        doc("en-apart", "en", "XB", Topic.CRIMINALIZATION, DocumentType.LEGISLATION, "Trafficking offences",
                "Traffic in stolen credentials is an offence; the data of victims must be protected.");
        // French
        doc("fr-enqueteurs", "fr", "XC", Topic.LAW_ENFORCEMENT_AND_INVESTIGATIONS, DocumentType.GOOD_PRACTICE, "Saisie d'un serveur",
                "Les enquêteurs ont saisi l'ordinateur et conservé la preuve électronique selon la chaîne de possession.");
        doc("fr-autre", "fr", "XC", Topic.PREVENTION, DocumentType.GUIDE, "Sensibilisation",
                "Une campagne de prévention explique comment reconnaître un message frauduleux.");
        // Spanish
        doc("es-pruebas", "es", "XD", Topic.ELECTRONIC_EVIDENCE, DocumentType.GUIDE, "Guía de obtención",
                "Las pruebas electrónicas fueron conservadas por el proveedor de servicios durante sesenta días.");
        doc("es-otro", "es", "XD", Topic.INTERNATIONAL_COOPERATION, DocumentType.TEMPLATE, "Modelo de solicitud",
                "Modelo de solicitud de asistencia judicial recíproca con los datos de la autoridad central.");
        // Russian
        doc("ru-sledovateli", "ru", "XB", Topic.ELECTRONIC_EVIDENCE, DocumentType.CASE_SUMMARY, "Дело о вымогательстве",
                "Следователи изъяли сервер, и электронные доказательства были представлены суду.");
        doc("ru-drugoe", "ru", "XB", Topic.PREVENTION, DocumentType.GOOD_PRACTICE, "Профилактика",
                "Программа профилактики для школ рассказывает о безопасности в сети.");
        // Arabic
        doc("ar-adilla", "ar", "XA", Topic.ELECTRONIC_EVIDENCE, DocumentType.GOOD_PRACTICE, "حفظ الأدلة",
                "قام المحققون بحفظ الأدلة الإلكترونية لدى مقدم الخدمة قبل تقديم الطلب.");
        doc("ar-akhar", "ar", "XA", Topic.CRIMINALIZATION, DocumentType.LEGISLATION, "قانون الجرائم",
                "يعاقب القانون على الدخول غير المشروع إلى نظام حاسوبي.");
        // Chinese
        doc("zh-zhengju", "zh", "XC", Topic.ELECTRONIC_EVIDENCE, DocumentType.CASE_SUMMARY, "电子证据案例",
                "侦查人员及时保全了服务提供者持有的电子证据，并在法庭上出示。");
        doc("zh-apart", "zh", "XC", Topic.LAW_ENFORCEMENT_AND_INVESTIGATIONS, DocumentType.GUIDE, "搜查指南",
                "证据保存在电子设备中，搜查时应当制作笔录。");
        index = new LuceneKnowledgeIndex(dir.resolve("index"), new GlossaryFile());
        index.put(CORPUS);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    // Stemming: another form of the word finds the document.

    @Test
    void englishFindsPreservedForPreserving() {
        assertThat(ids("preserving", "en", null)).contains("en-preserved").doesNotContain("en-apart");
    }

    @Test
    void frenchFindsTheInvestigatorsForOneInvestigatorAndIgnoresTheElision() {
        assertThat(ids("enquêteur", "fr", null)).containsExactly("fr-enqueteurs");
        assertThat(ids("ordinateurs", "fr", null)).containsExactly("fr-enqueteurs");
    }

    @Test
    void spanishFindsThePluralForTheSingular() {
        assertThat(ids("prueba", "es", null)).containsExactly("es-pruebas");
    }

    @Test
    void russianFindsTheInvestigatorsForOneInvestigator() {
        assertThat(ids("следователь", "ru", null)).containsExactly("ru-sledovateli");
    }

    @Test
    void arabicFindsTheDefiniteFormForTheBareWord() {
        assertThat(ids("أدلة", "ar", null)).containsExactly("ar-adilla");
        assertThat(ids("محقق", "ar", null)).containsExactly("ar-adilla");
    }

    @Test
    void chineseFindsAWordInsideUnspacedText() {
        assertThat(ids("保全", "zh", null)).containsExactly("zh-zhengju");
    }

    // Phrases: the words side by side, not merely both present.

    @Test
    void englishPhrase() {
        assertThat(ids("traffic data", "en", null)).contains("en-preserved", "en-apart");
        assertThat(ids("\"traffic data\"", "en", null)).containsExactly("en-preserved");
    }

    @Test
    void frenchPhrase() {
        assertThat(ids("\"preuve électronique\"", "fr", Set.of("fr"))).containsExactly("fr-enqueteurs");
        assertThat(ids("\"électronique preuve\"", "fr", Set.of("fr"))).isEmpty();
    }

    @Test
    void spanishPhraseAcrossInflections() {
        assertThat(ids("\"prueba electrónica\"", "es", Set.of("es"))).containsExactly("es-pruebas");
        assertThat(ids("\"proveedor sesenta\"", "es", Set.of("es"))).isEmpty();
    }

    @Test
    void russianPhrase() {
        assertThat(ids("\"электронное доказательство\"", "ru", Set.of("ru"))).containsExactly("ru-sledovateli");
        assertThat(ids("\"сервер доказательства\"", "ru", Set.of("ru"))).isEmpty();
    }

    @Test
    void arabicPhrase() {
        assertThat(ids("\"الأدلة الإلكترونية\"", "ar", Set.of("ar"))).containsExactly("ar-adilla");
        assertThat(ids("\"الإلكترونية الأدلة\"", "ar", Set.of("ar"))).isEmpty();
    }

    @Test
    void chinesePhraseNeedsTheWordsTogether() {
        assertThat(ids("电子 证据", "zh", Set.of("zh"))).containsExactlyInAnyOrder("zh-zhengju", "zh-apart");
        assertThat(ids("\"电子证据\"", "zh", Set.of("zh"))).containsExactly("zh-zhengju");
    }

    // Facets and filters, in each language.

    @Test
    void facetsCountEveryDimensionAndAFilteredDimensionStillShowsItsOtherValues() {
        SearchResult all = index.search(new SearchQuery("", null, Set.of(), Set.of(), Set.of(), Set.of(), 0, 50));
        assertThat(all.total()).isEqualTo(CORPUS.size());
        assertThat(all.facets().get("language")).extracting(SearchResult.FacetCount::value).containsExactlyInAnyOrder("ar", "zh", "en", "fr", "ru", "es");
        assertThat(all.facets().get("language")).allSatisfy(f -> assertThat(f.count()).isEqualTo(2));
        assertThat(count(all, "topic", "ELECTRONIC_EVIDENCE")).isEqualTo(5);

        for (String language : List.of("ar", "zh", "en", "fr", "ru", "es")) {
            SearchResult one = index.search(new SearchQuery("", null, Set.of(), Set.of(), Set.of(), Set.of(language), 0, 50));
            assertThat(one.total()).as(language).isEqualTo(2);
            assertThat(one.hits()).extracting(SearchResult.Hit::language).containsOnly(language);
            // Drill sideways: the language being filtered on still counts its other values.
            assertThat(one.facets().get("language")).as(language).hasSize(6);
            assertThat(one.facets().get("topic").stream().mapToLong(SearchResult.FacetCount::count).sum()).as(language).isEqualTo(2);
        }
        SearchResult evidenceInAurelia = index.search(new SearchQuery("", null, Set.of("XA"), Set.of(Topic.ELECTRONIC_EVIDENCE), Set.of(), Set.of(), 0, 50));
        assertThat(evidenceInAurelia.hits()).extracting(h -> externalOf(h.id())).containsExactlyInAnyOrder("en-preserved", "ar-adilla");
        // Two filters: each filtered dimension counts what the other filter leaves; the others count the hits.
        assertThat(count(evidenceInAurelia, "country", "XA")).isEqualTo(2);
        assertThat(count(evidenceInAurelia, "country", "XB")).isEqualTo(1);
        assertThat(count(evidenceInAurelia, "country", "XC")).isEqualTo(1);
        assertThat(count(evidenceInAurelia, "country", "XD")).isEqualTo(1);
        assertThat(count(evidenceInAurelia, "topic", "ELECTRONIC_EVIDENCE")).isEqualTo(2);
        assertThat(count(evidenceInAurelia, "topic", "CRIMINALIZATION")).isEqualTo(1);
        assertThat(evidenceInAurelia.facets().get("language")).containsExactlyInAnyOrder(
                new SearchResult.FacetCount("ar", 1), new SearchResult.FacetCount("en", 1));
    }

    // One query, results in every language.

    @Test
    void aGlossaryTermInOneLanguageFindsTheDocumentsOfTheOtherFive() {
        SearchResult r = index.search(new SearchQuery("electronic evidence", "en", Set.of(), Set.of(), Set.of(), Set.of(), 0, 50));
        assertThat(r.hits()).extracting(h -> externalOf(h.id()))
                .contains("en-preserved", "fr-enqueteurs", "es-pruebas", "ru-sledovateli", "ar-adilla", "zh-zhengju");
        assertThat(r.expansions()).contains("preuve électronique", "电子证据", "الأدلة الإلكترونية");
        assertThat(r.facets().get("language")).hasSize(6);

        SearchResult fromChinese = index.search(new SearchQuery("电子证据", "zh", Set.of(), Set.of(), Set.of(), Set.of("en"), 0, 50));
        assertThat(fromChinese.hits()).extracting(h -> externalOf(h.id())).containsExactly("en-preserved");
    }

    @Test
    void snippetsMarkTheMatchedWordsAndEscapeTheText() {
        KnowledgeDocument tricky = doc("en-html", "en", "XA", Topic.PREVENTION, DocumentType.GUIDE, "Scripts",
                "A <script>alert(1)</script> in a phishing page is evidence of intent.");
        index.put(List.of(tricky));
        SearchResult r = index.search(new SearchQuery("phishing", "en", Set.of(), Set.of(), Set.of(), Set.of("en"), 0, 10));
        assertThat(r.hits()).hasSize(1);
        assertThat(r.hits().getFirst().snippet()).contains("<mark>phishing</mark>").contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void aQueryThatIsNotValidSyntaxIsSearchedAsWords() {
        assertThat(ids("\"traffic AND (data", "en", null)).contains("en-preserved");
    }

    static long count(SearchResult r, String dim, String value) {
        return r.facets().get(dim).stream().filter(f -> f.value().equals(value)).mapToLong(SearchResult.FacetCount::count).sum();
    }

    static List<String> ids(String text, String language, Set<String> languages) {
        SearchResult r = index.search(new SearchQuery(text, language, Set.of(), Set.of(), Set.of(), languages == null ? Set.of(language) : languages, 0, 50));
        return r.hits().stream().map(h -> externalOf(h.id())).toList();
    }

    static String externalOf(UUID id) {
        return CORPUS.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow().externalId();
    }

    static KnowledgeDocument doc(String externalId, String language, String country, Topic topic, DocumentType type, String title, String body) {
        KnowledgeDocument d = new KnowledgeDocument(UUID.randomUUID(), externalId, type, country, topic, language, title, body, LocalDate.of(2025, 1, 1),
                "Test", null, Instant.EPOCH, "test");
        CORPUS.add(d);
        return d;
    }
}
