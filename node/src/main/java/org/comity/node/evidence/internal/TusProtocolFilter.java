package org.comity.node.evidence.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before the security filters on the upload endpoints: puts {@code Tus-Resumable} on every
 * answer, refusals by the security filters included, and honours {@code X-HTTP-Method-Override}
 * (tus 1.0.0 core: clients behind proxies, and Java's own HTTP client, send PATCH and DELETE as
 * POST with it). The overridden method is what the security filters then see, so a PATCH sent this
 * way needs the WRITE scope or the CSRF token like any other.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class TusProtocolFilter extends OncePerRequestFilter {

    private static final Set<String> OVERRIDABLE = Set.of("PATCH", "DELETE", "HEAD");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/api/v1/uploads") || path.startsWith("/api/v1/uploads/") || path.equals("/uploads") || path.startsWith("/uploads/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Tus-Resumable", TusHeaders.VERSION);
        String override = request.getHeader("X-HTTP-Method-Override");
        if (override == null || !"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String method = override.strip().toUpperCase(Locale.ROOT);
        if (!OVERRIDABLE.contains(method)) {
            response.setStatus(400);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"/problems/invalid-header\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"X-HTTP-Method-Override may name PATCH, DELETE or HEAD.\"}");
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return method;
            }
        }, response);
    }
}
