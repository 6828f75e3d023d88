/**
 * The demo: on a node started with {@code comity.demo=true}, fictional states, authorities, users
 * and requests in every stage of their life, created through the same services a user calls, so
 * that what the demo shows is what the node does. It also issues an API token per demo user at
 * each start and writes the logins and tokens where {@code ./comity demo} prints them.
 */
package org.comity.node.demo;
