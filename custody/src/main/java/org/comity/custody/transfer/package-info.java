/**
 * Evidence in transit between nodes: the bytes of an item travel in fixed-size chunks, each sealed
 * with AES-256-GCM under a key that only the receiving node learns (it travels inside an envelope
 * encrypted to that node), bound to its transfer, its place and the item's size, so a chunk cannot
 * be replayed elsewhere, reordered, truncated or altered unseen.
 */
package org.comity.custody.transfer;
