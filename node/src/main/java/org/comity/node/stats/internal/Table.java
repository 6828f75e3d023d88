package org.comity.node.stats.internal;

import java.util.List;

/**
 * One figure as a table: the same rows feed the JSON, the CSV, the page's data table and its chart.
 *
 * @param columns the column names (stable identifiers, translated on the page)
 * @param rows each row's cells: strings and numbers, null where there is no value
 */
record Table(String figure, List<String> columns, List<List<Object>> rows) {}
