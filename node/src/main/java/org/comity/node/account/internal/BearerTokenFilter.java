package org.comity.node.account.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.comity.node.account.TokenScope;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls by {@code Authorization: Bearer <token>}. A presented token that cannot be
 * used is refused here with 401 and the reason; a READ-only token may not change anything (403).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private final AccountService accounts;

    BearerTokenFilter(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(response, "Use 'Authorization: Bearer <token>' with an API token from your account page.");
            return;
        }
        String secret = header.substring(7).strip();
        AccountService.TokenCheck check = accounts.recentCheck(secret);
        if (check == null) {
            check = accounts.checkToken(secret);
        }
        if (check.actor() == null) {
            unauthorized(response, check.refusal());
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !check.scopes().contains(TokenScope.WRITE)) {
            ProblemResponses.write(response, 403, "insufficient-scope", "Forbidden", "This token may only read (scope READ).");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(check.scopes().contains(TokenScope.WRITE)
                ? SignIn.complete(check.actor(), SignIn.SCOPE_WRITE)
                : SignIn.complete(check.actor()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"comity\", error=\"invalid_token\"");
        ProblemResponses.write(response, 401, "unauthorized", "Unauthorized", detail);
    }
}
