package org.comity.node.account.internal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The first factor of the sign-in form. When a second factor follows, the result opens only the
 * second-factor (or enrolment) page.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final AccountService accounts;

    PasswordAuthenticationProvider(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
        Object credentials = authentication.getCredentials();
        AccountService.PasswordChecked checked = accounts.checkPassword(authentication.getName(),
                credentials == null ? null : credentials.toString(), address);
        return switch (checked.next()) {
            case NONE -> SignIn.complete(checked.actor());
            case CHALLENGE -> SignIn.partial(checked.actor(), SignIn.AWAITING_SECOND_FACTOR);
            case ENROL -> SignIn.partial(checked.actor(), SignIn.AWAITING_ENROLMENT);
        };
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
