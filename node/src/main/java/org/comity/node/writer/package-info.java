/**
 * The Request Writer: a guided draft per instrument, step by step (the channel and instrument, the
 * requested state's requirements, the content the instrument requires, necessity and
 * proportionality, the translation beside the original), with a completeness check that blocks
 * sending and names what is missing; the issuing authority's sign-off, recorded and audited; and
 * the request as a PDF in either or both languages, with its fonts embedded so that Arabic (shaped,
 * right to left) and Chinese print. The request itself is drafted, checked and sent through the
 * request module's service, so it leaves through the exchange like any other.
 */
package org.comity.node.writer;
