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
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
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
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
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
 * phrases in the other five. Facets are sorted-set doc values counted drill-sideways.
 */
@Component
class LuceneKnowledgeIndex implements KnowledgeIndex {

    static final List<String> DIMENSIONS = List.of("country", "topic", "type", "language");
    static final int MAX_WINDOW = 1000;
    private static final float OTHER_LANGUAGE_BOOST = 0.5f;
    private static final float GLOSSARY_BOOST = 0.8f;

    /** Bodies keep their offsets in the postings, so snippets come from the index rather than from analysing the text again. */
    private static final org.apache.lucene.document.FieldType BODY = new org.apache.lucene.document.FieldType(TextField.TYPE_STORED);

    static {
        BODY.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        BODY.freeze();
    }

    private final Map<SearchLanguage, Analyzer> analyzers = new EnumMap<>(SearchLanguage.class);
    private final Analyzer fieldAnalyzer;
    private final FacetsConfig facets = new FacetsConfig();
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final List<Map<SearchLanguage, List<String>>> glossary = new ArrayList<>();
    private final List<GlossaryTerm> glossaryTerms;
    private volatile Snapshot snapshot;

    /** A reader with what searching it needs; counted references keep it open while a search uses it. */
    private record Snapshot(DirectoryReader reader, IndexSearcher searcher, SortedSetDocValuesReaderState state) {}

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
        analyzers.put(SearchLanguage.AR, new ArabicAnalyzer());
        analyzers.put(SearchLanguage.ZH, new SmartChineseAnalyzer());
        analyzers.put(SearchLanguage.EN, new EnglishAnalyzer());
        analyzers.put(SearchLanguage.FR, new FrenchAnalyzer());
        analyzers.put(SearchLanguage.RU, new RussianAnalyzer());
        analyzers.put(SearchLanguage.ES, new SpanishAnalyzer());
        Map<String, Analyzer> perField = new LinkedHashMap<>();
        analyzers.forEach((l, a) -> {
            perField.put(title(l), a);
            perField.put(body(l), a);
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
            this.writer.commit(); // an empty index exists from the start, so a reader can open
            this.snapshot = open(DirectoryReader.open(writer));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the knowledge index", e);
        }
    }

    static String title(SearchLanguage l) {
        return "title_" + l.code();
    }

    static String body(SearchLanguage l) {
        return "body_" + l.code();
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
        doc.add(new TextField(title(l), d.title(), Field.Store.YES));
        doc.add(new Field(body(l), d.body(), BODY));
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
        doc.add(new SortedSetDocValuesFacetField("country", d.country()));
        doc.add(new SortedSetDocValuesFacetField("topic", d.topic().name()));
        doc.add(new SortedSetDocValuesFacetField("type", d.type().name()));
        doc.add(new SortedSetDocValuesFacetField("language", d.language()));
        return facets.build(doc);
    }

    @Override
    public SearchResult search(SearchQuery q) {
        int limit = Math.clamp(q.limit(), 1, 100);
        int offset = Math.clamp(q.offset(), 0, MAX_WINDOW - limit);
        List<String> expansions = new ArrayList<>();
        Query base = base(q, expansions);
        Snapshot s = acquire();
        try {
            if (s.state() == null) {
                return new SearchResult(0, false, List.of(), emptyFacets(), expansions);
            }
            DrillDownQuery drill = new DrillDownQuery(facets, base);
            q.countries().forEach(c -> drill.add("country", c));
            q.topics().forEach(t -> drill.add("topic", t.name()));
            q.types().forEach(t -> drill.add("type", t.name()));
            q.languages().forEach(l -> drill.add("language", l));
            DrillSideways sideways = new DrillSideways(s.searcher(), facets, s.state());
            boolean browse = base instanceof MatchAllDocsQuery;
            DrillSideways.DrillSidewaysResult result = browse
                    ? sideways.search(drill, null, null, offset + limit, new Sort(new SortField("published_day", SortField.Type.LONG, true)), false)
                    : sideways.search(drill, offset + limit);
            ScoreDoc[] page = Arrays.copyOfRange(result.hits.scoreDocs, Math.min(offset, result.hits.scoreDocs.length),
                    Math.min(offset + limit, result.hits.scoreDocs.length));
            StoredFields stored = s.searcher().storedFields();
            List<Document> docs = new ArrayList<>(page.length);
            for (ScoreDoc sd : page) {
                docs.add(stored.document(sd.doc));
            }
            String[] snippets = snippets(s, base, browse, page, docs.stream().map(d -> d.get("language")).toList());
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
            Map<String, List<SearchResult.FacetCount>> counts = new LinkedHashMap<>();
            for (String dim : DIMENSIONS) {
                counts.put(dim, counts(result, dim));
            }
            TotalHits total = result.hits.totalHits;
            return new SearchResult(total.value(), total.relation() == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO, hits, counts, expansions);
        } catch (IOException e) {
            throw new UncheckedIOException("could not search the knowledge index", e);
        } finally {
            release(s);
        }
    }

    /** The query without its filters: the text in each language, and the glossary's translations of the terms it names. */
    Query base(SearchQuery q, List<String> expansions) {
        if (q.text() == null || q.text().isBlank()) {
            return new MatchAllDocsQuery();
        }
        String text = q.text().strip();
        var own = SearchLanguage.of(q.language());
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (SearchLanguage l : SearchLanguage.values()) {
            Query parsed = parse(l, text);
            float boost = own.isEmpty() || own.get() == l ? 1f : OTHER_LANGUAGE_BOOST;
            any.add(new BoostQuery(parsed, boost), BooleanClause.Occur.SHOULD);
        }
        Set<String> added = new LinkedHashSet<>();
        for (int i = 0; i < glossary.size(); i++) {
            Map<SearchLanguage, List<String>> term = glossary.get(i);
            List<SearchLanguage> from = own.map(List::of).orElse(List.of(SearchLanguage.values()));
            boolean named = from.stream().anyMatch(l -> containsRun(tokens(l, text), term.get(l)));
            if (!named) {
                continue;
            }
            for (SearchLanguage other : SearchLanguage.values()) {
                if (own.isPresent() && other == own.get()) {
                    continue;
                }
                String words = glossaryTerms.get(i).in(other.code());
                if (added.add(other.code() + ":" + words)) {
                    any.add(new BoostQuery(parse(other, "\"" + QueryParser.escape(words) + "\""), GLOSSARY_BOOST), BooleanClause.Occur.SHOULD);
                    expansions.add(words);
                }
            }
        }
        return any.build();
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

    private String[] snippets(Snapshot s, Query base, boolean browse, ScoreDoc[] page, List<String> languages) throws IOException {
        String[] out = new String[page.length];
        if (browse || page.length == 0) {
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

    private static List<SearchResult.FacetCount> counts(DrillSideways.DrillSidewaysResult result, String dim) throws IOException {
        FacetResult r;
        try {
            r = result.facets.getTopChildren(50, dim);
        } catch (IllegalArgumentException noSuchDimension) {
            return List.of();
        }
        if (r == null) {
            return List.of();
        }
        List<SearchResult.FacetCount> out = new ArrayList<>();
        for (LabelAndValue lv : r.labelValues) {
            out.add(new SearchResult.FacetCount(lv.label, lv.value.longValue()));
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
        SortedSetDocValuesReaderState state = reader.numDocs() == 0 ? null : new DefaultSortedSetDocValuesReaderState(reader, facets);
        IndexSearcher searcher = new IndexSearcher(reader, searchThreads) {
            @Override
            protected LeafSlice[] slices(java.util.List<org.apache.lucene.index.LeafReaderContext> leaves) {
                // Lucene's default groups up to 250,000 documents in a slice, so a repository of 100,000 would be searched on
                // one thread; a segment a slice lets both processors work on one search.
                return slices(leaves, 20_000, 1, false);
            }
        };
        return new Snapshot(reader, searcher, state);
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
