/**
 * Node and directory keys: Ed25519 for signatures (Bouncy Castle, fast) and P-256 for ECDH-ES
 * encryption (the JDK), as JWKs whose key ids are their RFC 7638 thumbprints, and the Nimbus
 * JOSE adapters that let Nimbus sign and verify EdDSA through Bouncy Castle.
 */
package org.comity.custody.keys;
