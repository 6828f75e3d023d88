package org.comity.custody.pkg;

import org.comity.custody.json.JsonFields;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.LedgerRef;
import org.comity.custody.manifest.NodeRef;

/** The plain-words read-me every package carries, for a lawyer or a judge who opens the ZIP. */
final class ReadMe {

    private ReadMe() {}

    static String text(EvidenceManifest m) {
        NodeRef producer = m.producerNode();
        StringBuilder ledgers = new StringBuilder();
        for (LedgerRef l : m.ledgers()) {
            ledgers.append("  ledger of node %s (%s, state %s):\n    %s\n".formatted(l.node().id(), l.node().name(), l.node().state(), l.key().vkey()));
        }
        return """
                EVIDENCE PACKAGE %s

                Produced by the Comity node %s (%s, state %s) on %s,
                in answer to request %s (%s), from %s (%s) to %s (%s).

                WHAT IS IN THIS FILE

                  evidence/        the evidence files, one folder per exhibit (some items may be
                                   listed by their fingerprint only, without their bytes)
                  manifest.json    the list of everything in the package, with the fingerprint
                                   (SHA-256) of every file, signed by the node
                  manifest.sig     the node's digital signature over manifest.json
                  custody/         the history of every item: who collected it, when, how, and every
                                   hand it passed through, in every state's node it passed through,
                                   with proofs that this history was recorded in each node's
                                   tamper-evident ledger and seen by other states' nodes
                  custody.jsonld   the same history in the CASE/UCO standard format for forensic tools
                  keys/            the public keys needed to check the signatures, one folder per ledger

                HOW TO CHECK IT

                With the free Comity tool, on any computer with Java 21 or newer, and no network:

                    comity verify package.zip

                The tool checks the signature, the fingerprint of every file, the history of every
                item, and the ledger proofs, and says INTACT or BROKEN with the reason for each check.
                It can also write the report as a web page (--html report.html) or PDF (--pdf report.pdf).

                WHO SIGNED IT

                The signature is valid only if it was made by the producing node's key, and each
                ledger's checkpoints only if they were signed by that ledger's key. Compare these keys
                with the ones each node's state publishes (its trust list entry):

                  node signing key of %s:  %s
                %s
                Do not open or change files inside the package before checking it: any change, even of
                one bit, makes the check fail.
                """.formatted(m.id(), producer.id(), producer.name(), producer.state(), JsonFields.instantText(m.createdAt()),
                m.request().reference(), m.request().instrument(), m.request().requesting().authority(), m.request().requesting().state(),
                m.request().requested().authority(), m.request().requested().state(), producer.id(), m.producer().signingKey().getKeyID(),
                ledgers);
    }
}
