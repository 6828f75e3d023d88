/**
 * Evidence packages (docs/formats/evidence-package.md): a ZIP holding the evidence (or only its
 * hashes), the signed manifest, the custody events from the ledger of every node the evidence
 * passed through with their proofs and checkpoints, the keys, a CASE/UCO export and a read-me.
 * {@link org.comity.custody.pkg.EvidencePackageWriter} streams items into one;
 * {@link org.comity.custody.pkg.EvidencePackageReader} reads one strictly in bounded memory,
 * refusing with {@link org.comity.custody.pkg.PackageRejected}; and
 * {@link org.comity.custody.pkg.PackageVerifier} checks it offline into a
 * {@link org.comity.custody.pkg.VerificationReport} a court can read. A
 * {@link org.comity.custody.pkg.LedgerExcerpt} is the part of one node's ledger that travels with
 * a hand-over (docs/formats/custody-excerpt.md) and, once verified and kept, into a package.
 */
package org.comity.custody.pkg;
