/**
 * The trust list (docs/formats/trust-list.md): the directory of states, nodes with their keys and
 * endpoints, authorities and 24/7 points of contact, signed by a directory key. A node accepts a
 * list only with a valid signature by a directory key it was configured with and a serial newer
 * than the one it holds.
 */
package org.comity.custody.trust;
