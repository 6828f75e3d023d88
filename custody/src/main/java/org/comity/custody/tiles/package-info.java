/**
 * The ledger served as static tiles (c2sp.org/tlog-tiles): the path of each tile and entry bundle,
 * which tiles a tree of a given size has, a tile's content from a {@link
 * org.comity.custody.merkle.HashSource}, and {@link org.comity.custody.tiles.TileReader}, which
 * rebuilds roots and proofs from fetched tiles so that a verifier needs no dynamic API.
 */
package org.comity.custody.tiles;
