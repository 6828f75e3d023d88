/**
 * Evidence: the vault ({@link org.comity.node.evidence.BlobStore}: content-addressed, encrypted at
 * rest, on the filesystem or S3), resumable uploads (tus 1.0, in {@code internal}) and the items of
 * evidence they produce ({@link org.comity.node.evidence.EvidenceItems}). It learns what it needs of
 * requests through the {@link org.comity.node.evidence.RequestLookup} port, which the request feature
 * implements. Packages, transfers and the custody ledger join it later.
 */
package org.comity.node.evidence;
