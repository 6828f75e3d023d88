/**
 * The evidence manifest: the signed table of contents of an evidence package, naming the ledgers of
 * the nodes the evidence passed through (keys, nodes, witnesses), the producing node and its signing
 * key, the request answered, each item with its hash, acquisition and custody events across those
 * ledgers, and every other file of the package by hash. Canonical JSON (RFC 8785), read strictly.
 */
package org.comity.custody.manifest;
