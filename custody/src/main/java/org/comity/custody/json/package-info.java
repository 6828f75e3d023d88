/**
 * JSON as the formats need it: a strict parser for input from outside (duplicate keys, excessive
 * nesting and oversized input refused) and the RFC 8785 canonical form that signatures and hashes
 * are computed over, so two implementations agree on the bytes.
 */
package org.comity.custody.json;
