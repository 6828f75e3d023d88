/**
 * The custody ledger: this node's append-only RFC 9162 Merkle log of every custody event and every
 * audit event, its signed checkpoints (C2SP tlog-checkpoint), their publication as tiles
 * (C2SP tlog-tiles, hashes only), and witnessing between nodes: each node cosigns its peers'
 * checkpoints and refuses one that contradicts a checkpoint it saw before
 * (docs/formats/ledger.md).
 */
package org.comity.node.ledger;
