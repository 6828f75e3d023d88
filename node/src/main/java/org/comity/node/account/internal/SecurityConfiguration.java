package org.comity.node.account.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.comity.node.platform.Actor;
import org.comity.node.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Two doors. The API ({@code /api/**}, actuator, OpenAPI) is stateless and opened only by bearer
 * tokens, so no cookie ever authenticates it and CSRF cannot reach it. The UI uses a session after
 * password and second factor, with CSRF protection on every form and a strict CSP.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    static final String SIGNIN_ERROR = "comity.signin.error";
    static final String SIGNIN_RETRY_AFTER = "comity.signin.retryAfter";

    /**
     * Between nodes: no user signs in; each envelope proves its sender by its signature, which the
     * inbox checks before anything is stored (ARCHITECTURE.md section 4). The custody ledger's
     * checkpoint and hash tiles are public, and a peer's checkpoint submitted for cosigning proves
     * itself by its log's signature.
     */
    @Bean
    @Order(0)
    SecurityFilterChain federationChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/federation/**", "/comity/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .anonymous(a -> { })
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.POST, "/federation/v1/envelopes", "/federation/v1/batches", "/comity/witness/add-checkpoint",
                                "/federation/v1/evidence/offers", "/federation/v1/evidence/received", "/federation/v1/statistics").permitAll()
                        .requestMatchers(HttpMethod.GET, "/federation/v1/evidence/transfers/*/chunks/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/comity/ledger/checkpoint", "/comity/ledger/tile/**").permitAll()
                        .anyRequest().denyAll())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AccountService accounts) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .addFilterBefore(new BearerTokenFilter(accounts), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        // tus discovery: what the upload endpoint supports, nothing about anyone's data
                        .requestMatchers(HttpMethod.OPTIONS, "/api/v1/uploads", "/api/v1/uploads/*").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(Role.ADMIN.authority())
                        .requestMatchers("/api/v1/admin/**").hasAuthority(Role.ADMIN.authority())
                        .requestMatchers("/api/v1/audit", "/api/v1/audit/**").hasAnyAuthority(Role.ADMIN.authority(), Role.AUDITOR.authority())
                        .anyRequest().hasAuthority(SignIn.SIGNED_IN))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> {
                            res.setHeader("WWW-Authenticate", "Bearer realm=\"comity\"");
                            ProblemResponses.write(res, 401, "unauthorized", "Unauthorized",
                                    "Send an API token: 'Authorization: Bearer <token>'.");
                        })
                        .accessDeniedHandler((req, res, ex) -> ProblemResponses.write(res, 403, "forbidden", "Forbidden",
                                "Your roles do not allow this.")))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiChain(HttpSecurity http, AccountService accounts) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json", "/.well-known/comity-node.json").permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/fonts/**", "/webjars/**", "/favicon.ico", "/error", "/problems/**").permitAll()
                        .requestMatchers(HttpMethod.OPTIONS, "/uploads", "/uploads/*").permitAll()
                        .requestMatchers("/login/second-factor").hasAuthority(SignIn.AWAITING_SECOND_FACTOR)
                        .requestMatchers("/login/enrol").hasAuthority(SignIn.AWAITING_ENROLMENT)
                        .requestMatchers("/admin/**").hasAuthority(Role.ADMIN.authority())
                        .requestMatchers("/audit", "/audit/**").hasAnyAuthority(Role.ADMIN.authority(), Role.AUDITOR.authority())
                        .anyRequest().hasAuthority(SignIn.SIGNED_IN))
                .formLogin(f -> f.loginPage("/login").loginProcessingUrl("/login")
                        .successHandler(afterPassword())
                        .failureHandler(signInFailed()))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedout")
                        .addLogoutHandler((req, res, auth) -> {
                            if (auth != null && auth.getPrincipal() instanceof Actor actor) {
                                accounts.signedOut(actor);
                            }
                        }))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                // The browser's upload endpoint (evidence, tus) is called by script: refusals are problem details, not pages.
                .exceptionHandling(e -> e.authenticationEntryPoint(signInFirst())
                        .defaultAccessDeniedHandlerFor((req, res, ex) -> ProblemResponses.write(res, 403, "forbidden", "Forbidden",
                                "Refused: send the page's CSRF token in the X-CSRF-TOKEN header, with a role that may do this."), SecurityConfiguration::upload))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")));
        return http.build();
    }

    /** After the password: on to the second factor, its enrolment, or (demo without one) in. */
    private static AuthenticationSuccessHandler afterPassword() {
        SavedRequestAwareAuthenticationSuccessHandler in = new SavedRequestAwareAuthenticationSuccessHandler();
        in.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            if (SignIn.has(authentication, SignIn.AWAITING_SECOND_FACTOR)) {
                response.sendRedirect(request.getContextPath() + "/login/second-factor");
            } else if (SignIn.has(authentication, SignIn.AWAITING_ENROLMENT)) {
                response.sendRedirect(request.getContextPath() + "/login/enrol");
            } else {
                in.onAuthenticationSuccess(request, response, authentication);
            }
        };
    }

    private static AuthenticationFailureHandler signInFailed() {
        return (request, response, exception) -> {
            var session = request.getSession();
            if (exception instanceof SignInRefused refused) {
                session.setAttribute(SIGNIN_ERROR, refused.messageKey());
                session.setAttribute(SIGNIN_RETRY_AFTER, refused.retryAfter());
            } else {
                session.setAttribute(SIGNIN_ERROR, "signin.error.credentials");
            }
            response.sendRedirect(request.getContextPath() + "/login?error");
        };
    }

    /** A page asks for sign-in; an htmx fragment request is told to reload the whole page instead. */
    private static AuthenticationEntryPoint signInFirst() {
        LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint("/login");
        return new AuthenticationEntryPoint() {
            @Override
            public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                    throws IOException, jakarta.servlet.ServletException {
                if (upload(request)) {
                    ProblemResponses.write(response, 401, "unauthorized", "Unauthorized", "Sign in first.");
                    return;
                }
                if ("true".equals(request.getHeader("HX-Request"))) {
                    response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                    response.setStatus(401);
                    return;
                }
                page.commence(request, response, e);
            }
        };
    }

    /** The browser's path to the evidence upload endpoint. */
    static boolean upload(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/uploads") || path.startsWith("/uploads/");
    }

    static boolean signedIn(Authentication authentication) {
        return SignIn.has(authentication, SignIn.SIGNED_IN);
    }
}
