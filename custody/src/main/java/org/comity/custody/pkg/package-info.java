/**
 * Evidence packages (docs/formats/evidence-package.md): a ZIP holding the evidence (or only its
 * hashes), the signed manifest, the custody events with their ledger proofs and checkpoints, the
 * keys, a CASE/UCO export and a read-me. {@link org.comity.custody.pkg.EvidencePackageWriter}
 * streams items into one; {@link org.comity.custody.pkg.EvidencePackageReader} reads one strictly
 * in bounded memory, refusing with {@link org.comity.custody.pkg.PackageRejected}; and
 * {@link org.comity.custody.pkg.PackageVerifier} checks it offline into a
 * {@link org.comity.custody.pkg.VerificationReport} a court can read.
 */
package org.comity.custody.pkg;
