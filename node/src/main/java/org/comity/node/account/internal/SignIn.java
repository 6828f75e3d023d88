package org.comity.node.account.internal;

import java.util.ArrayList;
import java.util.List;
import org.comity.node.platform.Actor;
import org.comity.node.platform.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The authorities that mark how far a sign-in has got. Only {@link #SIGNED_IN} opens the node. */
final class SignIn {

    static final String SIGNED_IN = Actor.SIGNED_IN;
    static final String AWAITING_SECOND_FACTOR = "AWAITING_SECOND_FACTOR";
    static final String AWAITING_ENROLMENT = "AWAITING_ENROLMENT";
    static final String SCOPE_WRITE = "SCOPE_WRITE";

    private SignIn() {}

    static Authentication complete(Actor actor, String... extra) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(SIGNED_IN));
        for (Role role : actor.roles()) {
            authorities.add(new SimpleGrantedAuthority(role.authority()));
        }
        for (String e : extra) {
            authorities.add(new SimpleGrantedAuthority(e));
        }
        return UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities);
    }

    static Authentication partial(Actor actor, String stage) {
        return UsernamePasswordAuthenticationToken.authenticated(actor, null, List.of(new SimpleGrantedAuthority(stage)));
    }

    static boolean has(Authentication authentication, String authority) {
        return authentication != null && authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
