package scot.sirgateway.operator;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationManagerFactories;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import scot.sirgateway.signin.CouncilTokenFilter;
import scot.sirgateway.signin.CouncilTokens;
import scot.sirgateway.signin.PasswordStep;
import scot.sirgateway.signin.SecondFactor;

/**
 * Who may see what. People sign in on the sign-in pages with a password and then a code mailed to them (or
 * a recovery code): Spring Security's multi-factor authorization wants both factors (password and one-time
 * token) for the console and the council's pages, and a person's roles are only granted with the second
 * factor, so a password alone reaches the sign-in pages and nothing else. Programs call the API: the
 * inspectorate's service accounts by HTTP Basic (a person's account is refused there), councils' systems with
 * their API token ({@code Authorization: Bearer}). A council caller reaches its pages and the council API
 * (submit, read one notification, submit a review), never the operators' API. The health endpoint is open;
 * metrics are for operators and admins; accounts and tokens for admins. A post in a session needs the CSRF
 * token; only a program's call (credentials in the request, no session, no browser's cross-site request) is
 * exempt. Failures on the API answer problem+json.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Scripts, styles, fonts and images from the gateway itself only (GOV.UK Frontend's are served by it). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    /** Strict-Transport-Security's max-age: a year. */
    static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

    static final String SIGN_IN_AGAIN = "Sign in: people through the console's sign-in page (/sign-in), programs "
            + "with a service account (HTTP Basic) or a council API token (Authorization: Bearer).";

    /** What a council's token or account may call, told when it calls anything else of the API. */
    static final String COUNCIL_API_ONLY = "A council's API token or account calls only the council API: "
            + "POST /api/notifications, GET /api/notifications/{reference} (your council's own) and "
            + "POST /api/notifications/{reference}/reviews.";

    @Bean
    static PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, OperatorAccounts accounts, PasswordEncoder encoder,
            ApplicationEventPublisher events, PasswordStep passwordStep, CouncilTokens tokens) throws Exception {
        var twoFactors = AuthorizationManagerFactories.multiFactor()
                .requireFactors(FactorGrantedAuthority.PASSWORD_AUTHORITY, FactorGrantedAuthority.OTT_AUTHORITY).build();
        String operator = Role.OPERATOR.name();
        String inspector = Role.INSPECTOR.name();
        String admin = Role.ADMIN.name();
        String council = Role.COUNCIL.name();
        AuthenticationEntryPoint apiEntryPoint = (request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                e instanceof CouncilTokenFilter.TokenRefused
                        ? "This council API token is unknown or was revoked: ask the SIR Gateway team for a new one."
                        : basic(request) ? "HTTP Basic is only for service accounts: check the service account's "
                                + "username and password. A person signs in through the sign-in page (/sign-in) "
                                + "with a password and a code mailed to them."
                        : SIGN_IN_AGAIN);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/sign-in", "/sign-in/**", "/signed-out", "/forms/**", "/webjars/**", "/css/**",
                                "/js/**", "/images/**", "/favicon.ico").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(operator, admin)
                        .requestMatchers("/api/admin/**").hasRole(admin)
                        // the council API (shared12.md): the controllers keep a council to its own notifications
                        .requestMatchers(HttpMethod.POST, "/api/notifications").hasAnyRole(council, operator, admin)
                        .requestMatchers(HttpMethod.GET, "/api/notifications/*").hasAnyRole(council, operator, inspector, admin)
                        .requestMatchers(HttpMethod.POST, "/api/notifications/*/reviews").hasAnyRole(council, operator, admin)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(operator, inspector, admin)
                        // an inspector's own work: the comment on a review, a request for more information
                        .requestMatchers(HttpMethod.POST, "/api/notifications/*/reviews/*/comment",
                                "/api/notifications/*/information-requests")
                        .hasRole(inspector)
                        .requestMatchers("/api/quarantine/**", "/api/notifications/*/release", "/api/notifications/*/forward",
                                "/api/notifications/*/withdraw", "/api/notifications/*/reviews",
                                "/api/notifications/*/reviews/*/release", "/api/notifications/*/inspector",
                                "/api/notifications/*/reminders/pause", "/api/notifications/*/reminders/resume")
                        .hasAnyRole(operator, admin)
                        .requestMatchers("/api/**").denyAll()
                        .requestMatchers("/council", "/council/**").access(twoFactors.hasRole(council))
                        // the console's pages: the same split of roles as the API's
                        .requestMatchers("/admin", "/admin/**").access(twoFactors.hasRole(admin))
                        .requestMatchers(HttpMethod.POST, "/notifications/*/reviews/*/comment",
                                "/notifications/*/information-requests")
                        .access(twoFactors.hasRole(inspector))
                        .requestMatchers(HttpMethod.POST, "/notifications/**", "/quarantine/**", "/reviews/**")
                        .access(twoFactors.hasAnyRole(operator, admin))
                        .anyRequest().access(twoFactors.hasAnyRole(operator, inspector, admin)))
                .authenticationManager(manager(accounts, encoder, events))
                .addFilterBefore(new CouncilTokenFilter(tokens, apiEntryPoint), BasicAuthenticationFilter.class)
                .addFilterAt(new BasicAuthenticationFilter(serviceAccounts(accounts, encoder, events), apiEntryPoint),
                        BasicAuthenticationFilter.class)
                .exceptionHandling(handling -> handling
                        .defaultAuthenticationEntryPointFor(apiEntryPoint,
                                request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                                        || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/sign-in"),
                                request -> true)
                        .accessDeniedHandler(SecurityConfiguration::denied))
                .formLogin(form -> form.loginPage("/sign-in").loginProcessingUrl("/sign-in")
                        .successHandler(passwordStep).failureHandler(passwordStep).permitAll())
                .logout(logout -> logout.logoutUrl("/sign-out").addLogoutHandler(passwordStep)
                        .logoutSuccessUrl("/signed-out").permitAll())
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                // pages carry no inline script or style: anything injected into one cannot run; no page may be
                // framed, no form may post elsewhere, and no address of a page leaves in a Referer
                .headers(headers -> headers
                        // on every response over HTTPS (directly, or through a proxy that terminates TLS and says
                        // so, server.forward-headers-strategy): browsers keep to HTTPS for this host for a year
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(HSTS_MAX_AGE_SECONDS).includeSubDomains(true))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                // a session (the console) needs the CSRF token, on /api too: SameSite=Strict does not
                // cover credentials a browser caches for HTTP Basic, so only a program's call is exempt
                .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::programCall));
        return http.build();
    }

    /**
     * The sign-in page's password step: people's accounts only, no authority but the password factor. A
     * service account is not found here; that stays a {@code UsernameNotFoundException} (the page still says
     * only "Enter a correct username and password") so that it does not count towards the service account's
     * lock: its password was never checked, and a few tries of its name on the page must not stop its program.
     */
    private static AuthenticationManager manager(OperatorAccounts accounts, PasswordEncoder encoder,
            ApplicationEventPublisher events) {
        DaoAuthenticationProvider people = new DaoAuthenticationProvider(accounts);
        people.setPasswordEncoder(encoder);
        people.setHideUserNotFoundExceptions(false);
        ProviderManager manager = new ProviderManager(people);
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    /**
     * HTTP Basic: service accounts only. A person's account is not found here (and its password not checked,
     * so Basic is no way round the second factor, nor counts towards a person's lock).
     */
    private static AuthenticationManager serviceAccounts(OperatorAccounts accounts, PasswordEncoder encoder,
            ApplicationEventPublisher events) {
        DaoAuthenticationProvider services = new DaoAuthenticationProvider(accounts::loadServiceAccount);
        services.setPasswordEncoder(encoder);
        services.setHideUserNotFoundExceptions(false);
        ProviderManager manager = new ProviderManager(services);
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    private static boolean basic(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /**
     * A program's call to the API, exempt from CSRF: HTTP Basic (or a bearer token) credentials in the
     * request, no session, and nothing of a browser's cross-site request (a browser always sends
     * {@code Origin} or {@code Sec-Fetch-Site} on a cross-site POST; programs send neither, or their own).
     */
    static boolean programCall(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean credentials = authorization != null && (authorization.regionMatches(true, 0, "Basic ", 0, 6)
                || authorization.regionMatches(true, 0, "Bearer ", 0, 7));
        boolean session = request.getRequestedSessionId() != null || request.getSession(false) != null;
        return path.startsWith("/api/") && credentials && !session && !crossSite(request);
    }

    private static boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return origin != null && !origin.equalsIgnoreCase(ownOrigin(request));
    }

    private static String ownOrigin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = port == 80 && "http".equals(request.getScheme()) || port == 443 && "https".equals(request.getScheme());
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    /**
     * Why a request was refused, in words its caller can act on: the CSRF check runs before anyone is
     * signed in, so a caller who is nobody is asked to sign in (401), a session without its token is
     * told so, and only a signed-in account without the role hears that it may not.
     */
    private static void denied(jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.access.AccessDeniedException e) throws java.io.IOException {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
        boolean credentials = request.getHeader("Authorization") != null || request.getRequestedSessionId() != null;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean page = !path.startsWith("/api/") && !path.startsWith("/actuator/");
        if (page && !(e instanceof org.springframework.security.web.csrf.CsrfException)
                && SecondFactor.waitingForCode(authentication)) {
            // the password alone: the code comes next
            response.sendRedirect(request.getContextPath() + "/sign-in/code");
        } else if (page && signedIn && request.getSession(false) != null
                && !(e instanceof org.springframework.security.web.csrf.CsrfException)
                && !SecondFactor.home(authentication).equals(path) && !sameArea(SecondFactor.home(authentication), path)) {
            // a council's user at the console, or the other way round: to their own home
            response.sendRedirect(request.getContextPath() + SecondFactor.home(authentication));
        } else if (page && signedIn && request.getSession(false) != null
                && !(e instanceof org.springframework.security.web.csrf.CsrfException)) {
            // a person at a page or action of the console their role does not reach: the page that says so
            response.sendError(HttpStatus.FORBIDDEN.value());
        } else if (e instanceof org.springframework.security.web.csrf.CsrfException && !credentials) {
            problem(response, HttpStatus.UNAUTHORIZED, SIGN_IN_AGAIN);
        } else if (e instanceof org.springframework.security.web.csrf.CsrfException) {
            problem(response, HttpStatus.FORBIDDEN, "This request needs the console session's CSRF token (the "
                    + "X-CSRF-TOKEN header or the _csrf field); a program calls with a service account or API token and no session.");
        } else if (!signedIn) {
            problem(response, HttpStatus.UNAUTHORIZED, SIGN_IN_AGAIN);
        } else {
            problem(response, HttpStatus.FORBIDDEN, page && !SecondFactor.waitingForCode(authentication)
                    && request.getSession(false) == null
                    ? "These pages are for people signed in through the sign-in page (/sign-in): a service account "
                            + "or an API token has none."
                    : !page && CouncilCallers.isCouncil(authentication) ? COUNCIL_API_ONLY
                    : "Your account may not do this.");
        }
    }

    /** Whether a page is in the area (the council's pages or the console) of this home. */
    private static boolean sameArea(String home, String path) {
        boolean councilPage = path.equals("/council") || path.startsWith("/council/");
        return home.equals("/council") == councilPage;
    }

    private static void problem(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String detail)
            throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", detail.contains("API token") && !detail.startsWith("Sign in")
                    ? "Bearer realm=\"SIR Gateway\", error=\"invalid_token\"" : "Basic realm=\"SIR Gateway\"");
        }
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
