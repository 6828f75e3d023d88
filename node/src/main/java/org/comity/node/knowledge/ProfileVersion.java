package org.comity.node.knowledge;

import java.time.Instant;

/**
 * One saved version of a country profile: who saved it, when, why, and what it said.
 *
 * @param changedBy the user's name, or "import" details for a bulk import
 * @param note the reason given for the change; may be null
 */
public record ProfileVersion(String stateCode, int version, Instant changedAt, String changedBy, String note, CountryProfile profile) {}
