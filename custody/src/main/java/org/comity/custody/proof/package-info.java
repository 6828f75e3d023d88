/**
 * Offline proofs that one custody event is in a node's ledger (c2sp.org/tlog-proof@v1): the entry's
 * index and Merkle inclusion proof, bundled with the signed (and possibly cosigned) checkpoint they
 * lead to. A court or a peer checks one against the ledger's {@link
 * org.comity.custody.checkpoint.LogPolicy} with nothing else at hand.
 */
package org.comity.custody.proof;
