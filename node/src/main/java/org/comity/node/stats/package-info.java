/**
 * Statistics and the efficiency review (Rec. 36, Rec. 49, EU 2023/1543 Art. 28): figures derived
 * from the requests' own events, kept current by rollups updated in each change's transaction; the
 * dashboard, its exports and the annual report; anonymized aggregates published to a statistics
 * node, and on such a node the combined figures by state. Nothing here is typed in by hand, and
 * nothing here shows personal data.
 */
package org.comity.node.stats;
