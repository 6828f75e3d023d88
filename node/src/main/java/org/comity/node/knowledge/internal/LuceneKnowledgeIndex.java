package org.comity.node.knowledge.internal;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.shingle.ShingleAnalyzerWrapper;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.sinks.TeeSinkTokenFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.comity.node.knowledge.DocumentType;
import org.comity.node.knowledge.Glossary;
import org.comity.node.knowledge.GlossaryTerm;
import org.comity.node.knowledge.KnowledgeDocument;
import org.comity.node.knowledge.SearchLanguage;
import org.comity.node.knowledge.SearchQuery;
import org.comity.node.knowledge.SearchResult;
import org.comity.node.knowledge.Topic;
import org.comity.node.platform.ComityProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The repository's index: Apache Lucene in {@code <data-dir>/knowledge-index}. Each document's title
 * and body go in fields of its language ({@code title_fr}, {@code body_fr}) analysed with that
 * language's analyzer (stemming and stop words; Chinese segmented by smartcn). A query is analysed
 * in each of the six languages (its own first), and the glossary terms it contains are added as
 * phrases in the other five. A document's facet values are packed in one numeric doc value, and a
 * search filters, collects its hits and counts the facets drill-sideways in one pass over what its
 * text matches ({@link FacetCounts}).
 *
 * <p>Each language also has a field of word pairs ({@code pairs_fr}: the title's and the body's
 * analysed terms two by two, a removed stop word kept as a {@code _} filler, made from the same
 * analysis as the words rather than a second one), so a glossary phrase of two words is searched as
 * one pair term instead of a phrase of words checked position by position in every document that
 * holds both: the glossary's terms are common in a repository about them. A longer phrase needs all
 * its pairs, and only the documents that have them are checked for the phrase of words. The phrase
 * of words is still what highlights the page of hits shown.
 */
@Component
class LuceneKnowledgeIndex implements KnowledgeIndex {

    static final List<String> DIMENSIONS = FacetCounts.DIMENSIONS;
    static final int MAX_WINDOW = 1000;
    private static final int FACET_VALUES = 50;
    private static final float OTHER_LANGUAGE_BOOST = 0.5f;
    private static final float GLOSSARY_BOOST = 0.8f;
    /**
     * What the index holds, in its commit data: an index written in another layout is emptied when
     * opened, and the start-up check ({@code DocumentService.rebuildIfBehind}) rebuilds it from the
     * database. 2: word-pair fields; 3: facet values packed in one numeric doc value.
     */
    static final String LAYOUT = "3";
    private static final String LAYOUT_KEY = "comity.layout";

    /**
     * Bodies keep their offsets in the postings, so snippets come from the index rather than from
     * analysing the text again; the text itself is stored apart, its analysis teed to the pairs.
     */
    private static final org.apache.lucene.document.FieldType BODY = new org.apache.lucene.document.FieldType(TextField.TYPE_NOT_STORED);
    /** Pairs are looked up, never searched by position: no positions, no norms. */
    private static final org.apache.lucene.document.FieldType PAIRS = new org.apache.lucene.document.FieldType(TextField.TYPE_NOT_STORED);

    static {
        BODY.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        BODY.freeze();
        PAIRS.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS);
        PAIRS.setOmitNorms(true);
        PAIRS.freeze();
    }

    private final Map<SearchLanguage, Analyzer> analyzers = new EnumMap<>(SearchLanguage.class);
    private final Map<SearchLanguage, Analyzer> pairAnalyzers = new EnumMap<>(SearchLanguage.class);
    /**
     * The analyzers a document's title and body are indexed with, their own instances: a language
     * analyzer reuses one token stream per thread for every field, and a document's title and body
     * streams are made before the writer reads either.
     */
    private final Map<SearchLanguage, Analyzer> titleAnalyzers = new EnumMap<>(SearchLanguage.class);
    private final Map<SearchLanguage, Analyzer> bodyAnalyzers = new EnumMap<>(SearchLanguage.class);
    private final Analyzer fieldAnalyzer;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final List<Map<SearchLanguage, List<String>>> glossary = new ArrayList<>();
    private final List<GlossaryTerm> glossaryTerms;
    private volatile Snapshot snapshot;

    /** A reader with what searching it needs; counted references keep it open while a search uses it. */
    private record Snapshot(DirectoryReader reader, IndexSearcher searcher) {}

    /**
     * A search (its hits and its facet counts) runs over the index's slices in parallel on these
     * threads, one per processor: on two cores a faceted search that matches most of a large
     * repository takes about half the time it takes on the request's thread alone.
     */
    private final java.util.concurrent.ExecutorService searchThreads = java.util.concurrent.Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), Thread.ofPlatform().name("knowledge-search-", 0).daemon().factory());

    @org.springframework.beans.factory.annotation.Autowired
    LuceneKnowledgeIndex(ComityProperties properties, Glossary glossary) {
        this(properties.dataDir().resolve("knowledge-index"), glossary);
    }

    LuceneKnowledgeIndex(Path path, Glossary glossary) {
        for (SearchLanguage l : SearchLanguage.values()) {
            analyzers.put(l, analyzer(l));
            titleAnalyzers.put(l, analyzer(l));
            bodyAnalyzers.put(l, analyzer(l));
        }
        Map<String, Analyzer> perField = new LinkedHashMap<>();
        analyzers.forEach((l, a) -> {
            perField.put(title(l), a);
            perField.put(body(l), a);
            pairAnalyzers.put(l, new ShingleAnalyzerWrapper(a, 2, 2, " ", false, false, "_"));
        });
        this.fieldAnalyzer = new PerFieldAnalyzerWrapper(new StandardAnalyzer(), perField);
        this.glossaryTerms = glossary.terms();
        for (GlossaryTerm t : glossaryTerms) {
            Map<SearchLanguage, List<String>> tokens = new EnumMap<>(SearchLanguage.class);
            for (SearchLanguage l : SearchLanguage.values()) {
                tokens.put(l, tokens(l, t.in(l.code())));
            }
            this.glossary.add(tokens);
        }
        try {
            this.directory = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig(fieldAnalyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64);
            this.writer = new IndexWriter(directory, config);
            String layout = writer.getLiveCommitData() == null ? null
                    : java.util.stream.StreamSupport.stream(writer.getLiveCommitData().spliterator(), false)
                            .filter(e -> e.getKey().equals(LAYOUT_KEY)).map(Map.Entry::getValue).findFirst().orElse(null);
            if (!LAYOUT.equals(layout)) {
                if (writer.getDocStats().numDocs > 0) {
                    org.slf4j.LoggerFactory.getLogger(LuceneKnowledgeIndex.class)
                            .info("The knowledge index has layout {}, this version writes {}: emptied, to be rebuilt from the database", layout, LAYOUT);
                }
                writer.deleteAll();
            }
            writer.setLiveCommitData(Map.of(LAYOUT_KEY, LAYOUT).entrySet());
            this.writer.commit(); // an empty index exists from the start, so a reader can open
            this.snapshot = open(DirectoryReader.open(writer));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the knowledge index", e);
        }
    }

    private static Analyzer analyzer(SearchLanguage l) {
        return switch (l) {
            case AR -> new ArabicAnalyzer();
            case ZH -> new SmartChineseAnalyzer();
            case EN -> new EnglishAnalyzer();
            case FR -> new FrenchAnalyzer();
            case RU -> new RussianAnalyzer();
            case ES -> new SpanishAnalyzer();
        };
    }

    static String title(SearchLanguage l) {
        return "title_" + l.code();
    }

    static String body(SearchLanguage l) {
        return "body_" + l.code();
    }

    static String pairs(SearchLanguage l) {
        return "pairs_" + l.code();
    }

    @Override
    public void put(Collection<KnowledgeDocument> documents) {
        try {
            for (KnowledgeDocument d : documents) {
                writer.updateDocument(new Term("id", d.id().toString()), document(d));
            }
            writer.commit();
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException("could not index documents", e);
        }
    }

    @Override
    public void rebuild(java.util.function.Consumer<java.util.function.Consumer<KnowledgeDocument>> source) {
        try {
            writer.deleteAll();
            source.accept(d -> {
                try {
                    writer.addDocument(document(d));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.commit();
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException("could not rebuild the knowledge index", e);
        }
    }

    @Override
    public long count() {
        Snapshot s = acquire();
        try {
            return s.reader().numDocs();
        } finally {
            release(s);
        }
    }

    private Document document(KnowledgeDocument d) throws IOException {
        SearchLanguage l = SearchLanguage.of(d.language()).orElseThrow();
        Document doc = new Document();
        doc.add(new StringField("id", d.id().toString(), Field.Store.YES));
        // Each text is analysed once: its words go to its field, and a copy of them, two by two, to the pairs.
        TeeSinkTokenFilter title = new TeeSinkTokenFilter(titleAnalyzers.get(l).tokenStream(title(l), d.title()));
        TeeSinkTokenFilter body;
        try {
            body = new TeeSinkTokenFilter(bodyAnalyzers.get(l).tokenStream(body(l), d.body()));
        } catch (RuntimeException e) {
            title.close();
            throw e;
        }
        doc.add(new StoredField(title(l), d.title()));
        doc.add(new StoredField(body(l), d.body()));
        doc.add(new Field(title(l), title, TextField.TYPE_NOT_STORED));
        doc.add(new Field(body(l), body, BODY));
        doc.add(new Field(pairs(l), pairs(title.newSinkTokenStream()), PAIRS));
        doc.add(new Field(pairs(l), pairs(body.newSinkTokenStream()), PAIRS));
        doc.add(new StoredField("type", d.type().name()));
        doc.add(new StoredField("topic", d.topic().name()));
        doc.add(new StoredField("country", d.country()));
        doc.add(new StoredField("language", d.language()));
        if (d.source() != null) {
            doc.add(new StoredField("source", d.source()));
        }
        if (d.published() != null) {
            doc.add(new StoredField("published", d.published().toString()));
        }
        doc.add(new NumericDocValuesField("published_day", d.published() == null ? Long.MIN_VALUE : d.published().toEpochDay()));
        doc.add(new NumericDocValuesField(FacetCounts.FIELD, FacetCounts.code(d)));
        return doc;
    }

    private static TokenStream pairs(TokenStream words) {
        ShingleFilter pairs = new ShingleFilter(words, 2, 2);
        pairs.setOutputUnigrams(false);
        pairs.setOutputUnigramsIfNoShingles(false);
        pairs.setTokenSeparator(" ");
        pairs.setFillerToken("_");
        return pairs;
    }

    @Override
    public SearchResult search(SearchQuery q) {
        int limit = Math.clamp(q.limit(), 1, 100);
        int offset = Math.clamp(q.offset(), 0, MAX_WINDOW - limit);
        List<String> expansions = new ArrayList<>();
        Base both = base(q, expansions);
        Query base = both.search();
        Snapshot s = acquire();
        try {
            if (s.reader().numDocs() == 0) {
                return new SearchResult(0, false, List.of(), emptyFacets(), expansions);
            }
            Map<String, List<String>> filters = new LinkedHashMap<>();
            filters.put("country", List.copyOf(q.countries()));
            filters.put("topic", q.topics().stream().map(Enum::name).toList());
            filters.put("type", q.types().stream().map(Enum::name).toList());
            filters.put("language", List.copyOf(q.languages()));
            filters.values().removeIf(List::isEmpty);
            boolean browse = base instanceof MatchAllDocsQuery;
            CollectorManager<?, ? extends TopDocs> top = browse
                    ? new TopFieldCollectorManager(new Sort(new SortField("published_day", SortField.Type.LONG, true)), offset + limit, null, Integer.MAX_VALUE)
                    : new TopScoreDocCollectorManager(offset + limit, null, Integer.MAX_VALUE);
            // One pass over what the text matches: the filters, the hits and every dimension's counts (drill sideways) together.
            FacetCounts.Result found = s.searcher().search(base, new FacetCounts(top, filters, FACET_VALUES));
            TopDocs hitsFound = found.hits();
            ScoreDoc[] page = Arrays.copyOfRange(hitsFound.scoreDocs, Math.min(offset, hitsFound.scoreDocs.length),
                    Math.min(offset + limit, hitsFound.scoreDocs.length));
            StoredFields stored = s.searcher().storedFields();
            List<Document> docs = new ArrayList<>(page.length);
            for (ScoreDoc sd : page) {
                docs.add(stored.document(sd.doc));
            }
            String[] snippets = browse ? new String[page.length]
                    : snippets(s, both.highlight(), page, docs.stream().map(d -> d.get("language")).toList());
            List<SearchResult.Hit> hits = new ArrayList<>();
            for (int i = 0; i < page.length; i++) {
                Document d = docs.get(i);
                String language = d.get("language");
                SearchLanguage l = SearchLanguage.of(language).orElseThrow();
                String snippet = snippets[i] != null ? snippets[i] : HtmlUtils.htmlEscape(abbreviate(d.get(body(l))));
                hits.add(new SearchResult.Hit(UUID.fromString(d.get("id")), d.get(title(l)), DocumentType.valueOf(d.get("type")), d.get("country"),
                        Topic.valueOf(d.get("topic")), language, d.get("published") == null ? null : LocalDate.parse(d.get("published")),
                        d.get("source"), snippet, browse ? 0f : page[i].score));
            }
            TotalHits total = hitsFound.totalHits;
            return new SearchResult(total.value(), total.relation() == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO, hits, found.facets(), expansions);
        } catch (IOException e) {
            throw new UncheckedIOException("could not search the knowledge index", e);
        } finally {
            release(s);
        }
    }

    /** The query to search (phrases by their word pairs) and the same to highlight (phrases of words). */
    record Base(Query search, Query highlight) {}

    /**
     * The query without its filters: the text in each language, and the glossary's translations of
     * the terms it names.
     */
    Base base(SearchQuery q, List<String> expansions) {
        if (q.text() == null || q.text().isBlank()) {
            return new Base(new MatchAllDocsQuery(), new MatchAllDocsQuery());
        }
        String text = q.text().strip();
        var own = SearchLanguage.of(q.language());
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        BooleanQuery.Builder shown = new BooleanQuery.Builder();
        // A query that is one quoted phrase and nothing else, the usual way to ask for one, is searched by its pairs too.
        String quoted = text.length() > 2 && text.startsWith("\"") && text.endsWith("\"") && text.indexOf('"', 1) == text.length() - 1
                ? text.substring(1, text.length() - 1) : null;
        for (SearchLanguage l : SearchLanguage.values()) {
            Query parsed = parse(l, text);
            Query searched = quoted != null && !quoted.isBlank() ? pairPhrase(l, quoted, parsed) : parsed;
            float boost = own.isEmpty() || own.get() == l ? 1f : OTHER_LANGUAGE_BOOST;
            any.add(new BoostQuery(searched, boost), BooleanClause.Occur.SHOULD);
            shown.add(new BoostQuery(parsed, boost), BooleanClause.Occur.SHOULD);
        }
        Set<String> added = new LinkedHashSet<>();
        List<SearchLanguage> from = own.map(List::of).orElse(List.of(SearchLanguage.values()));
        Map<SearchLanguage, List<String>> analysed = new EnumMap<>(SearchLanguage.class);
        from.forEach(l -> analysed.put(l, tokens(l, text)));
        for (int i = 0; i < glossary.size(); i++) {
            Map<SearchLanguage, List<String>> term = glossary.get(i);
            boolean named = from.stream().anyMatch(l -> containsRun(analysed.get(l), term.get(l)));
            if (!named) {
                continue;
            }
            for (SearchLanguage other : SearchLanguage.values()) {
                if (own.isPresent() && other == own.get()) {
                    continue;
                }
                String words = glossaryTerms.get(i).in(other.code());
                if (added.add(other.code() + ":" + words)) {
                    Query phrase = phrase(other, words);
                    any.add(new BoostQuery(pairPhrase(other, words, phrase), GLOSSARY_BOOST), BooleanClause.Occur.SHOULD);
                    shown.add(new BoostQuery(phrase, GLOSSARY_BOOST), BooleanClause.Occur.SHOULD);
                    expansions.add(words);
                }
            }
        }
        return new Base(any.build(), shown.build());
    }

    private Query phrase(SearchLanguage l, String words) {
        return parse(l, "\"" + QueryParser.escape(words) + "\"");
    }

    /**
     * A phrase by the word pairs of its language's analysis: one pair is a term; more must all be
     * there, and only the documents that have them all are checked for {@code phrase}, the same
     * words as a phrase of words; a phrase of one word has no pairs and stays {@code phrase}.
     */
    private Query pairPhrase(SearchLanguage l, String words, Query phrase) {
        List<Term> pairs = new ArrayList<>();
        try (TokenStream ts = pairAnalyzers.get(l).tokenStream(pairs(l), new StringReader(words))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                pairs.add(new Term(pairs(l), term.toString()));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (pairs.isEmpty()) {
            return phrase;
        }
        if (pairs.size() == 1) {
            return new TermQuery(pairs.getFirst());
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        pairs.forEach(t -> all.add(new TermQuery(t), BooleanClause.Occur.MUST));
        all.add(phrase, BooleanClause.Occur.FILTER);
        return all.build();
    }

    private Query parse(SearchLanguage l, String text) {
        MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {title(l), body(l)}, analyzers.get(l),
                Map.of(title(l), 2f, body(l), 1f));
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(false);
        try {
            return parser.parse(text);
        } catch (ParseException | RuntimeException e) {
            try {
                return parser.parse(QueryParser.escape(text));
            } catch (ParseException | RuntimeException again) {
                return new MatchNoDocsQuery("unparseable");
            }
        }
    }

    /** The terms a language's analyzer makes of a text, in order. */
    List<String> tokens(SearchLanguage l, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzers.get(l).tokenStream("probe", new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean containsRun(List<String> text, List<String> run) {
        return !run.isEmpty() && java.util.Collections.indexOfSubList(text, run) >= 0;
    }

    private String[] snippets(Snapshot s, Query base, ScoreDoc[] page, List<String> languages) throws IOException {
        String[] out = new String[page.length];
        if (page.length == 0) {
            return out;
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(s.searcher(), fieldAnalyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxLength(20_000)
                .withHighlightPhrasesStrictly(false)
                .build();
        // Only the body fields of the languages on this page: each document has one.
        String[] fields = languages.stream().distinct().map(l -> body(SearchLanguage.of(l).orElseThrow())).toArray(String[]::new);
        int[] docIds = Arrays.stream(page).mapToInt(d -> d.doc).toArray();
        int[] passages = new int[fields.length];
        Arrays.fill(passages, 2);
        Map<String, String[]> byField = highlighter.highlightFields(fields, base, docIds, passages);
        for (String[] values : byField.values()) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null && out[i] == null) {
                    out[i] = values[i];
                }
            }
        }
        return out;
    }

    private static Map<String, List<SearchResult.FacetCount>> emptyFacets() {
        Map<String, List<SearchResult.FacetCount>> m = new LinkedHashMap<>();
        DIMENSIONS.forEach(d -> m.put(d, List.of()));
        return m;
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + " …";
    }

    private Snapshot open(DirectoryReader reader) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader, searchThreads) {
            @Override
            protected LeafSlice[] slices(java.util.List<org.apache.lucene.index.LeafReaderContext> leaves) {
                // Lucene's default groups up to 250,000 documents in a slice, so a repository of 100,000 would be searched on
                // one thread; a segment a slice lets both processors work on one search.
                return slices(leaves, 20_000, 1, false);
            }
        };
        return new Snapshot(reader, searcher);
    }

    private synchronized void refresh() throws IOException {
        DirectoryReader changed = DirectoryReader.openIfChanged(snapshot.reader(), writer);
        if (changed != null) {
            Snapshot old = snapshot;
            snapshot = open(changed);
            old.reader().decRef();
        }
    }

    private Snapshot acquire() {
        while (true) {
            Snapshot s = snapshot;
            if (s.reader().tryIncRef()) {
                return s;
            }
        }
    }

    private static void release(Snapshot s) {
        try {
            s.reader().decRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    synchronized void close() throws IOException {
        searchThreads.shutdownNow();
        snapshot.reader().decRef();
        writer.close();
        directory.close();
    }
}
