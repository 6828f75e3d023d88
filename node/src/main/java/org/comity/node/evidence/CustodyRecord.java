package org.comity.node.evidence;

import java.util.Map;

/**
 * One event of an item's chain of custody as this node recorded it: the event (its JSON, as
 * appended to the custody ledger), the SHA-256 of its canonical bytes, and its index in the ledger
 * once integrated (null until then, a second or so).
 */
public record CustodyRecord(Map<String, Object> event, String sha256, Long ledgerIndex) {}
