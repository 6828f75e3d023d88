/**
 * Custody events: each step in the life of an exhibit (acquired, sealed, uploaded, transferred,
 * received, verified, accessed, exported, disposed) with who, when, where, why, under what
 * authority and the hashes in and out, as the canonical JSON that is the custody ledger's entry;
 * and {@link org.comity.custody.event.CustodyChain}, the continuity check of one exhibit's events.
 * Parsing refuses anything outside the format with {@link org.comity.custody.event.CustodyFormatException}.
 */
package org.comity.custody.event;
