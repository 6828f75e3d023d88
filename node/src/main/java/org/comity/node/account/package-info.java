/**
 * Accounts: users and roles, sign-in with password and second factor, login throttling, sessions,
 * API tokens, and the audit trail that records every change and every read of sensitive data.
 */
package org.comity.node.account;
