package org.comity.node.account.internal;

import java.time.Instant;
import org.springframework.security.core.AuthenticationException;

/** A refused sign-in step, with the message key the sign-in page shows (no user enumeration). */
final class SignInRefused extends AuthenticationException {

    private final String messageKey;
    private final Instant retryAfter;

    private SignInRefused(String messageKey, Instant retryAfter) {
        super(messageKey);
        this.messageKey = messageKey;
        this.retryAfter = retryAfter;
    }

    static SignInRefused badCredentials() {
        return new SignInRefused("signin.error.credentials", null);
    }

    static SignInRefused wrongCode() {
        return new SignInRefused("signin.error.code", null);
    }

    static SignInRefused throttled(Instant until) {
        return new SignInRefused("signin.error.throttled", until);
    }

    String messageKey() {
        return messageKey;
    }

    Instant retryAfter() {
        return retryAfter;
    }
}
