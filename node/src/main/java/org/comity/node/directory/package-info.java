/**
 * The directory: states, nodes and the authorities reachable through them. Requests are addressed
 * to authorities found here; the signed trust list and node keys join it with the exchange feature.
 */
package org.comity.node.directory;
