package org.comity.node.knowledge.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocs;
import org.comity.node.knowledge.DocumentType;
import org.comity.node.knowledge.KnowledgeDocument;
import org.comity.node.knowledge.SearchLanguage;
import org.comity.node.knowledge.SearchResult;
import org.comity.node.knowledge.Topic;

/**
 * A faceted search in one pass over the documents the text matches. Each document carries its four
 * facet values packed in one number ({@link #code}); for each match the collector decodes it, checks
 * the filters, and:
 * <ul>
 *   <li>passes every filter: it is a hit (handed to the top-hits collector) and counts in every dimension;</li>
 *   <li>fails exactly one dimension's filter: it counts in that dimension only (drill sideways: a
 *       filtered dimension shows what its other values would give with the other filters kept);</li>
 *   <li>fails more: nothing.</li>
 * </ul>
 * Each slice of the index counts in plain arrays on the thread that searches it, and the slices are
 * added up at the end: one numeric doc value read per match, where sorted-set facets read an
 * address, several ordinals and then their terms, in a second pass.
 */
final class FacetCounts implements CollectorManager<FacetCounts.Slice, FacetCounts.Result> {

    static final String FIELD = "facet_code";
    static final List<String> DIMENSIONS = List.of("country", "topic", "type", "language");
    private static final int[] SHIFT = {9, 3, 6, 0};
    private static final int[] MASK = {0x3ff, 0x7, 0x7, 0x7};
    /** Two letters A to Z, or {@code INT}; anything else (validation lets nothing else in) is counted as no country. */
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}|INT");
    private static final int INTERNATIONAL = 26 * 26;
    private static final int NO_COUNTRY = 1023;

    /** The hits and the counts of one search. */
    record Result(TopDocs hits, Map<String, List<SearchResult.FacetCount>> facets) {}

    private final CollectorManager<? extends Collector, ? extends TopDocs> hits;
    /** Per dimension, the values its filter lets through, or null when it is not filtered. */
    private final boolean[][] allowed = new boolean[4][];
    private final int values;

    /**
     * Collects with {@code hits} the documents that pass every filter ({@code filters}: dimension to
     * the values wanted, OR'ed; the dimensions AND'ed) and counts each dimension's {@code values} most
     * frequent values.
     */
    FacetCounts(CollectorManager<? extends Collector, ? extends TopDocs> hits, Map<String, ? extends Collection<String>> filters, int values) {
        this.hits = hits;
        this.values = values;
        filters.forEach((dimension, wanted) -> {
            int d = DIMENSIONS.indexOf(dimension);
            if (d < 0) {
                throw new IllegalArgumentException("no facet " + dimension);
            }
            if (!wanted.isEmpty()) {
                allowed[d] = new boolean[MASK[d] + 1];
                for (String value : wanted) {
                    int v = value(d, value);
                    if (v >= 0 && v != NO_COUNTRY) {
                        allowed[d][v] = true;
                    }
                }
            }
        });
    }

    /** A document's facet values, packed: language in bits 0 to 2, topic 3 to 5, type 6 to 8, country 9 to 18. */
    static long code(KnowledgeDocument d) {
        int language = SearchLanguage.of(d.language()).orElseThrow().ordinal();
        int country = value(0, d.country());
        return language | (long) d.topic().ordinal() << SHIFT[1] | (long) d.type().ordinal() << SHIFT[2]
                | (long) (country < 0 ? NO_COUNTRY : country) << SHIFT[0];
    }

    /** A value's number in its dimension, or -1 if the dimension has no such value. */
    private static int value(int dimension, String value) {
        if (value == null) {
            return -1;
        }
        return switch (dimension) {
            case 0 -> !COUNTRY_CODE.matcher(value).matches() ? -1
                    : value.equals("INT") ? INTERNATIONAL : (value.charAt(0) - 'A') * 26 + (value.charAt(1) - 'A');
            case 1 -> ordinal(Topic.class, value);
            case 2 -> ordinal(DocumentType.class, value);
            default -> SearchLanguage.of(value).map(Enum::ordinal).orElse(-1);
        };
    }

    private static <E extends Enum<E>> int ordinal(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e.ordinal();
            }
        }
        return -1;
    }

    private static String label(int dimension, int value) {
        return switch (dimension) {
            case 0 -> value == INTERNATIONAL ? "INT" : "" + (char) ('A' + value / 26) + (char) ('A' + value % 26);
            case 1 -> Topic.values()[value].name();
            case 2 -> DocumentType.values()[value].name();
            default -> SearchLanguage.values()[value].code();
        };
    }

    @Override
    public Slice newCollector() throws IOException {
        return new Slice(hits.newCollector());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Result reduce(Collection<Slice> slices) throws IOException {
        List<Collector> collectors = new ArrayList<>();
        long[][] sum = new long[4][];
        for (int d = 0; d < 4; d++) {
            sum[d] = new long[MASK[d] + 1];
        }
        for (Slice slice : slices) {
            collectors.add(slice.hits);
            for (int d = 0; d < 4; d++) {
                for (int v = 0; v < sum[d].length; v++) {
                    sum[d][v] += slice.counts[d][v];
                }
            }
        }
        TopDocs top = (TopDocs) ((CollectorManager) hits).reduce(collectors);
        Map<String, List<SearchResult.FacetCount>> facets = new LinkedHashMap<>();
        for (int d = 0; d < 4; d++) {
            List<SearchResult.FacetCount> counts = new ArrayList<>();
            for (int v = 0; v < sum[d].length; v++) {
                if (sum[d][v] > 0 && !(d == 0 && v == NO_COUNTRY)) {
                    counts.add(new SearchResult.FacetCount(label(d, v), sum[d][v]));
                }
            }
            counts.sort(Comparator.comparingLong(SearchResult.FacetCount::count).reversed().thenComparing(SearchResult.FacetCount::value));
            facets.put(DIMENSIONS.get(d), List.copyOf(counts.subList(0, Math.min(values, counts.size()))));
        }
        return new Result(top, facets);
    }

    /** One slice's hits and counts. */
    final class Slice implements Collector {
        private final Collector hits;
        private final int[][] counts = new int[4][];

        Slice(Collector hits) {
            this.hits = hits;
            for (int d = 0; d < 4; d++) {
                counts[d] = new int[MASK[d] + 1];
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return hits.scoreMode();
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            LeafCollector leafHits = hits.getLeafCollector(context);
            NumericDocValues codes = DocValues.getNumeric(context.reader(), FIELD);
            int[] value = new int[4];
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) throws IOException {
                    leafHits.setScorer(scorer);
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (!codes.advanceExact(doc)) {
                        return;
                    }
                    long code = codes.longValue();
                    int missed = -1;
                    int misses = 0;
                    for (int d = 0; d < 4; d++) {
                        value[d] = (int) (code >>> SHIFT[d]) & MASK[d];
                        if (allowed[d] != null && !allowed[d][value[d]]) {
                            missed = d;
                            misses++;
                        }
                    }
                    if (misses == 0) {
                        leafHits.collect(doc);
                        for (int d = 0; d < 4; d++) {
                            counts[d][value[d]]++;
                        }
                    } else if (misses == 1) {
                        counts[missed][value[missed]]++;
                    }
                }

                @Override
                public void finish() throws IOException {
                    leafHits.finish();
                }
            };
        }
    }
}
