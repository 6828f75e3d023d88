/**
 * The evidence manifest: the signed table of contents of an evidence package, naming the producing
 * node and its keys, the request answered, each item with its hash, acquisition and custody events,
 * and every other file of the package by hash. Canonical JSON (RFC 8785), read strictly.
 */
package org.comity.custody.manifest;
