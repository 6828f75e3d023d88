/**
 * Evidence: where bytes are kept. It starts with the content-addressed blob store that holds request
 * attachments; resumable uploads, encryption at rest, packages, transfers and the custody ledger
 * join it with the evidence feature.
 */
package org.comity.node.evidence;
