package org.comity.node.account.internal;

import org.comity.node.account.User;

/** A user with the secrets the sign-in needs; never leaves this package. */
record UserRow(User user, String passwordHash, byte[] sealedTotpSecret, Long totpLastStep) {}
