/**
 * Exchange between nodes (ARCHITECTURE.md, "Requests shared between nodes"): the transactional
 * outbox (what the other side's node must learn, queued in the transaction of the change), the
 * delivery worker (seal once, send, keep the verified receipt, back off, dead letters), the inbox
 * (open, store once, apply in conversation order, sign the receipt, record refusals), the node's
 * description for the directory, and the administrator's view of it all. Formats:
 * docs/formats/envelope.md and messages.md.
 */
package org.comity.node.exchange;
