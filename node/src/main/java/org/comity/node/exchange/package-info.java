/**
 * Exchange between nodes. It starts with the transactional outbox: whatever the other side of a
 * request must learn, when that side lives on another node, is queued in the same transaction as
 * the change. Envelopes, delivery, receipts and the 24/7 channel join it with the exchange feature.
 */
package org.comity.node.exchange;
