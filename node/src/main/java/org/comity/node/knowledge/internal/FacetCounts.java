package org.comity.node.knowledge.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.comity.node.knowledge.SearchResult;

/**
 * Counts the facet values of the documents a search matches while it searches: each slice of the
 * index counts its segments' ordinals in a plain array, on the thread that searches it, and the
 * slices' counts are added up by value at the end. It reads the sorted-set doc values that
 * {@link FacetsConfig} writes for {@code SortedSetDocValuesFacetField}s ({@code dimension
 * U+001F value} in {@code $facets}), so the index needs nothing beyond them; unlike counting
 * afterwards from a collected set of documents it visits each match once, in parallel.
 */
final class FacetCounts implements CollectorManager<FacetCounts.SliceCounts, Map<String, List<SearchResult.FacetCount>>> {

    private static final char DELIMITER = '\u001f';
    private final Set<String> dimensions;
    private final int top;

    /** Counts {@code dimensions}, keeping the {@code top} values of each by count. */
    FacetCounts(Set<String> dimensions, int top) {
        this.dimensions = dimensions;
        this.top = top;
    }

    @Override
    public SliceCounts newCollector() {
        return new SliceCounts();
    }

    @Override
    public Map<String, List<SearchResult.FacetCount>> reduce(Collection<SliceCounts> slices) {
        Map<String, Map<String, Long>> byDimension = new LinkedHashMap<>();
        dimensions.forEach(d -> byDimension.put(d, new HashMap<>()));
        for (SliceCounts slice : slices) {
            slice.counts.forEach((path, count) -> {
                int cut = path.indexOf(DELIMITER);
                if (cut > 0) {
                    Map<String, Long> values = byDimension.get(path.substring(0, cut));
                    if (values != null) {
                        values.merge(path.substring(cut + 1), count, Long::sum);
                    }
                }
            });
        }
        Map<String, List<SearchResult.FacetCount>> out = new LinkedHashMap<>();
        byDimension.forEach((d, values) -> out.put(d, values.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top).map(e -> new SearchResult.FacetCount(e.getKey(), e.getValue())).toList()));
        return out;
    }

    /** One slice's counts by {@code dimension U+001F value}. */
    static final class SliceCounts implements Collector {
        private final Map<String, Long> counts = new HashMap<>();

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedSetDocValues values = DocValues.getSortedSet(context.reader(), FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
            int[] byOrdinal = new int[Math.toIntExact(Math.max(values.getValueCount(), 0))];
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    if (values.advanceExact(doc)) {
                        for (int i = values.docValueCount(); i > 0; i--) {
                            byOrdinal[(int) values.nextOrd()]++;
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int ord = 0; ord < byOrdinal.length; ord++) {
                        if (byOrdinal[ord] > 0) {
                            BytesRef path = values.lookupOrd(ord);
                            counts.merge(path.utf8ToString(), (long) byOrdinal[ord], Long::sum);
                        }
                    }
                }
            };
        }
    }
}
